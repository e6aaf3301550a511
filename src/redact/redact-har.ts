import { isUtf8 } from "node:buffer";
import { isJsonMime } from "../model/body.js";
import { isSecretHeader, isSecretName, isSecretQueryName } from "../model/secrets.js";
import { stringifyJson } from "./json-text.js";
import { redactJson } from "./redact-json.js";
import { REDACTED, redactText } from "./redact-text.js";
import { redactQuery, redactUrl } from "./redact-url.js";

type Json = Record<string, unknown>;

/** Settings of one sanitized copy. */
export interface RedactHarOptions {
  /** Drop the response bodies of media and static files to make the copy smaller. */
  stripBodies: boolean;
  /** Secret body fields of the request's catalog operation, if it matched one. */
  secretPaths?: ReadonlySet<string>;
}

const MEDIA_OR_STATIC =
  /^(image|video|audio|font)\/|^text\/(css|html|javascript)|javascript|mpegurl|dash\+xml|octet-stream/i;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function redactPairs(list: unknown, isSecret: (name: string) => boolean): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!isRecord(item) || typeof item.value !== "string") return item;
    const secret = typeof item.name === "string" && isSecret(item.name);
    return { ...item, value: secret ? REDACTED : redactText(item.value) };
  });
}

function redactCookies(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => (isRecord(item) ? { ...item, value: REDACTED } : item));
}

/** Redacts a body text by what it contains: JSON, a form, or free text. */
export function redactBodyText(text: string, mimeType: string, secretPaths?: ReadonlySet<string>) {
  if (isJsonMime(mimeType) || /^\s*[[{]/.test(text)) {
    try {
      return stringifyJson(redactJson(JSON.parse(text), secretPaths));
    } catch {
      // Not JSON after all: redacted as text below.
    }
  }
  if (/x-www-form-urlencoded/i.test(mimeType)) return redactQuery(redactText(text));
  return redactText(text);
}

function redactContent(content: Json, mimeType: string, secretPaths?: ReadonlySet<string>): Json {
  if (typeof content.text !== "string") return content;
  if (String(content.encoding).toLowerCase() !== "base64") {
    return { ...content, text: redactBodyText(content.text, mimeType, secretPaths) };
  }
  const bytes = Buffer.from(content.text, "base64");
  // Binary bodies, such as media segments, are kept as recorded: only text can be redacted.
  if (!isUtf8(bytes)) return content;
  const redacted = redactBodyText(bytes.toString("utf8"), mimeType, secretPaths);
  return { ...content, text: Buffer.from(redacted, "utf8").toString("base64") };
}

function redactRequest(request: Json, options: RedactHarOptions): Json {
  const out: Json = { ...request };
  if (typeof request.url === "string") out.url = redactUrl(request.url);
  out.headers = redactPairs(request.headers, isSecretHeader);
  out.cookies = redactCookies(request.cookies);
  out.queryString = redactPairs(request.queryString, isSecretQueryName);
  if (isRecord(request.postData)) {
    const postData = request.postData;
    const mimeType = typeof postData.mimeType === "string" ? postData.mimeType : "";
    const redacted = redactContent(postData, mimeType, options.secretPaths);
    out.postData = { ...redacted, params: redactPairs(postData.params, isSecretName) };
  }
  return out;
}

function redactResponse(response: Json, options: RedactHarOptions): Json {
  const out: Json = { ...response };
  out.headers = redactPairs(response.headers, isSecretHeader);
  out.cookies = redactCookies(response.cookies);
  if (typeof response.redirectURL === "string") out.redirectURL = redactUrl(response.redirectURL);
  if (!isRecord(response.content)) return out;
  const mimeType = typeof response.content.mimeType === "string" ? response.content.mimeType : "";
  if (options.stripBodies && MEDIA_OR_STATIC.test(mimeType)) {
    const { text: _text, encoding: _encoding, ...rest } = response.content;
    out.content = rest;
    return out;
  }
  out.content = redactContent(response.content, mimeType);
  return out;
}

/**
 * Returns a copy of one raw HAR entry with every secret replaced by `[REDACTED]`: secret headers,
 * cookies, secret query values, user info in URLs, and secrets inside request and response bodies
 * (base64 text bodies are decoded, redacted and encoded again). Structure and timings are kept.
 */
export function redactEntry(entry: unknown, options: RedactHarOptions): unknown {
  if (!isRecord(entry)) return entry;
  const out: Json = { ...entry };
  // Browser-specific fields (`comment`, `_initiator`, `_webSocketMessages`) can carry URLs and
  // message text too; everything but timings is redacted like a JSON body.
  for (const [key, value] of Object.entries(entry)) {
    if (key === "request" || key === "response" || key === "timings") continue;
    out[key] = redactJson(value);
  }
  if (isRecord(entry.request)) out.request = redactRequest(entry.request, options);
  if (isRecord(entry.response)) out.response = redactResponse(entry.response, options);
  return out;
}

/**
 * Returns a copy of `log.pages` redacted like a JSON body, with each page title also redacted as a
 * URL, because browsers fill titles with the page URL.
 */
export function redactPages(pages: unknown): unknown {
  if (!Array.isArray(pages)) return redactJson(pages);
  return pages.map((page) => {
    const redacted = redactJson(page);
    if (!isRecord(page) || typeof page.title !== "string") return redacted;
    return { ...(redacted as Json), title: redactText(redactUrl(page.title)) };
  });
}
