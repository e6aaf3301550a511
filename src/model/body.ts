import type { PostData } from "../har/types.js";
import { findInexactNumber } from "./json-numbers.js";

/** A recorded request body after decoding. */
export type DecodedBody =
  | { kind: "none" }
  | { kind: "json"; mimeType: string; value: unknown }
  | {
      kind: "text";
      mimeType: string;
      text: string;
      /** Warning message with the reason a JSON body is kept as text. */
      warning?: string;
    }
  | { kind: "binary"; mimeType: string };

/** Tells whether a media type names JSON: `application/json;charset=UTF-8`, `application/x+json`. */
/** Prefixes that keep a JSON response from running as a script: `)]}'`, `while(1);`. */
export const ANTI_XSSI_PREFIX =
  /^\s*(?:\)\]\}'|while\s*\(\s*1\s*\)\s*;|for\s*\(\s*;\s*;\s*\)\s*;)\s*,?/;

/** A line that contains one JSON value: newline-delimited JSON, or an event stream's `data:`. */
const JSON_LINE = /^(\s*(?:data:\s*)?)[[{]/;

/** Returns where the JSON value of such a line starts, or -1 when the line contains none. */
export function jsonLineStart(line: string): number {
  const match = JSON_LINE.exec(line);
  return match ? (match[1] as string).length : -1;
}

export function isJsonMime(mimeType: string): boolean {
  return /^[a-z]+\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(mimeType.trim());
}

function decodeBase64Text(text: string): string | undefined {
  const bytes = Buffer.from(text, "base64");
  const decoded = bytes.toString("utf8");
  // A round trip that changes the bytes means the body is not UTF-8 text.
  return Buffer.from(decoded, "utf8").equals(bytes) ? decoded : undefined;
}

function formText(postData: PostData): string {
  return (postData.params ?? []).map((param) => `${param.name}=${param.value}`).join("&");
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes `postData`: base64 text is decoded, a body given only as `params` is joined back into
 * form text, and JSON is recognised by its media type or, for `text/plain` and untyped bodies, by
 * parsing to an object or array. JSON with a number that a double cannot hold exactly stays text,
 * with a warning, so that every output sends the recorded digits.
 */
export function decodeBody(postData: PostData | undefined, headerMime: string): DecodedBody {
  if (!postData) return { kind: "none" };
  const mimeType = postData.mimeType || headerMime;
  let text = postData.text ?? formText(postData);
  if (postData.encoding?.toLowerCase() === "base64") {
    const decoded = decodeBase64Text(text);
    if (decoded === undefined) return { kind: "binary", mimeType };
    text = decoded;
  }
  if (text === "") return { kind: "none" };
  const looksJson = isJsonMime(mimeType) || /^(text\/plain)?\s*(;|$)/i.test(mimeType);
  const parsed = looksJson ? tryParseJson(text) : undefined;
  if (parsed !== undefined && (isJsonMime(mimeType) || typeof parsed === "object")) {
    const inexact = findInexactNumber(text);
    if (inexact === undefined) return { kind: "json", mimeType, value: parsed };
    const warning = "JSON body kept as recorded text, because parsing would change the number ";
    return { kind: "text", mimeType, text, warning: warning + inexact };
  }
  return { kind: "text", mimeType, text };
}
