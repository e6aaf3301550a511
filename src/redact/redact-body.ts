import { ANTI_XSSI_PREFIX, isJsonMime, jsonLineStart } from "../model/body.js";
import { isSecretName } from "../model/secrets.js";
import { decodeFormComponent } from "../select/url.js";
import { stringifyJson } from "./json-text.js";
import type { KnownSecrets } from "./known-secrets.js";
import {
  collectEmbeddedJsonSecrets,
  collectJsonSecrets,
  isSecretText,
  type RedactJsonOptions,
  redactEmbeddedJson,
  redactJson,
} from "./redact-json.js";
import { REDACTED, redactText } from "./redact-text.js";
import { redactQuery } from "./redact-url.js";
import { bodyEncodingOf, decodeBodyBytes, encodeBodyText } from "./text-encoding.js";

const BYTE_ORDER_MARK = "\ufeff";

/** Redacts free text: known secrets first, then secret-shaped text. */
export function redactFreeText(text: string, known: KnownSecrets | undefined): string {
  const scrubbed = known ? known.replaceIn(text, REDACTED) : text;
  return isSecretText(scrubbed) ? redactText(scrubbed) : scrubbed;
}

function parsedJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * Redacts text that is JSON line by line: newline-delimited JSON and event streams
 * (`data: {...}`). A line that contains no JSON is redacted as free text.
 */
function redactJsonLines(text: string, options: RedactJsonOptions): string | undefined {
  let found = false;
  const lines = text.split("\n").map((line) => {
    const start = jsonLineStart(line);
    const parsed = start === -1 ? undefined : parsedJson(line.slice(start));
    if (!parsed) return redactFreeText(line, options.known);
    found = true;
    const json = stringifyJson(redactJson(parsed.value, options));
    return `${redactFreeText(line.slice(0, start), options.known)}${json}`;
  });
  // Text with no line of JSON (JSON that does not parse, spread over lines) is redacted whole, so
  // that an assignment across a line break (`"apiKey" :\n "..."`) is found.
  return found ? lines.join("\n") : undefined;
}

/**
 * Redacts a body text by what it contains: JSON (also after a byte order mark or an anti-XSSI
 * prefix such as `)]}'`, or one value a line), JSON framed as WebSocket messages or encoded twice,
 * a form, or free text.
 */
export function redactBodyText(text: string, mimeType: string, options: RedactJsonOptions = {}) {
  const mark = text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : "";
  const body = text.slice(mark.length);
  const prefix = ANTI_XSSI_PREFIX.exec(body)?.[0] ?? "";
  const json = body.slice(prefix.length);
  if (isJsonMime(mimeType) || /^\s*[[{]/.test(json)) {
    const parsed = parsedJson(json);
    if (parsed) return `${mark}${prefix}${stringifyJson(redactJson(parsed.value, options))}`;
    const lines =
      /[[{]/.test(body) && body.includes("\n") ? redactJsonLines(body, options) : undefined;
    if (lines !== undefined) return `${mark}${lines}`;
  }
  const framed = redactEmbeddedJson(body, options);
  if (framed !== undefined) return `${mark}${framed}`;
  if (/x-www-form-urlencoded/i.test(mimeType)) {
    return `${mark}${redactQuery(redactFreeText(body, options.known))}`;
  }
  return `${mark}${redactFreeText(body, options.known)}`;
}

/**
 * Returns the redacted text of a body as HAR records it: plain, or base64 bytes that are decoded,
 * redacted and encoded again in the same text encoding. Bytes that are not text (media) are read
 * one character a byte, so that a token inside them is replaced and every other byte is kept.
 */
export function redactRecordedBody(
  text: string,
  encoding: unknown,
  mimeType: string,
  options: RedactJsonOptions,
): string {
  if (typeof encoding !== "string" || encoding.toLowerCase() !== "base64") {
    return redactBodyText(text, mimeType, options);
  }
  const bytes = Buffer.from(text, "base64");
  const decoded = decodeBodyBytes(bytes);
  const redacted =
    decoded.encoding === "latin1"
      ? redactFreeText(decoded.text, options.known)
      : redactBodyText(decoded.text, mimeType, options);
  if (redacted === decoded.text) return text;
  return encodeBodyText(redacted, decoded.encoding).toString("base64");
}

/**
 * Adds to `known` the secrets of a recorded body by their places: secret JSON fields (also in
 * JSON lines, framed messages and text encoded twice) and secret form fields.
 */
export function collectBodySecrets(
  text: string,
  encoding: unknown,
  mimeType: string,
  known: KnownSecrets,
  secretPaths: ReadonlySet<string> | undefined,
): void {
  let body = text;
  if (typeof encoding === "string" && encoding.toLowerCase() === "base64") {
    const bytes = Buffer.from(text, "base64");
    const bodyEncoding = bodyEncodingOf(bytes);
    // Bytes that are not text (media) contain no field or parameter to learn from.
    if (bodyEncoding === "latin1") return;
    body = decodeBodyBytes(bytes, bodyEncoding).text;
  }
  if (body.startsWith(BYTE_ORDER_MARK)) body = body.slice(1);
  const onSecret = (value: string) => known.add(value);
  const json = body.slice(ANTI_XSSI_PREFIX.exec(body)?.[0].length ?? 0);
  const parsed = /^\s*[[{]/.test(json) ? parsedJson(json) : undefined;
  if (parsed) {
    collectJsonSecrets(parsed.value, onSecret, secretPaths);
    return;
  }
  for (const line of body.includes("\n") ? body.split("\n") : []) {
    const start = jsonLineStart(line);
    const value = start === -1 ? undefined : parsedJson(line.slice(start));
    if (value) collectJsonSecrets(value.value, onSecret);
  }
  collectEmbeddedJsonSecrets(body, onSecret);
  if (!/x-www-form-urlencoded/i.test(mimeType)) return;
  for (const pair of body.split("&")) {
    const equals = pair.indexOf("=");
    if (equals > 0 && isSecretName(decodeFormComponent(pair.slice(0, equals)))) {
      known.add(decodeFormComponent(pair.slice(equals + 1)));
    }
  }
}
