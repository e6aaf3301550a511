import { isUtf8 } from "node:buffer";
import { ANTI_XSSI_PREFIX, isJsonMime, jsonLineStart } from "../model/body.js";
import { headerSecretValues } from "../model/capture-secrets.js";
import { isSecretHeader, isSecretName, isSecretQueryName } from "../model/secrets.js";
import { splitUrl } from "../select/url.js";
import { stringifyJson } from "./json-text.js";
import type { KnownSecrets } from "./known-secrets.js";
import { type RedactJsonOptions, redactJson } from "./redact-json.js";
import { REDACTED, redactText } from "./redact-text.js";
import { redactQuery, redactUrl } from "./redact-url.js";

type Json = Record<string, unknown>;

/** Settings of one sanitized copy. */
export interface RedactHarOptions {
  /** Drop the response bodies of media and static files to make the copy smaller. */
  stripBodies: boolean;
  /** Secret body fields of the request's catalog operation, if it matched one. */
  secretPaths?: ReadonlySet<string>;
  /** Secret values seen in the capture, replaced wherever they appear. */
  known?: KnownSecrets;
}

const MEDIA_OR_STATIC =
  /^(image|video|audio|font)\/|^text\/(css|html|javascript)|javascript|mpegurl|dash\+xml|octet-stream/i;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}

/** Redacts free text: known secrets first, then secret-shaped text. */
function redactFreeText(text: string, known: KnownSecrets | undefined): string {
  return redactText(known ? known.replaceIn(text, REDACTED) : text);
}

function redactPairs(
  list: unknown,
  isSecret: (name: string) => boolean,
  known: KnownSecrets | undefined,
): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!isRecord(item)) return item;
    const out: Json = { ...item };
    // A name can hold a secret too, and a query name can be percent-encoded (`si%67`).
    if (typeof item.name === "string") out.name = redactFreeText(item.name, known);
    if (typeof item.value !== "string") return out;
    const secret = typeof item.name === "string" && isSecret(decodeName(item.name));
    out.value = secret ? REDACTED : redactFreeText(item.value, known);
    return out;
  });
}

function redactCookies(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => (isRecord(item) ? { ...item, value: REDACTED } : item));
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
 * (`data: {...}`). A line that holds no JSON is redacted as free text.
 */
function redactJsonLines(text: string, options: RedactJsonOptions): string {
  return text
    .split("\n")
    .map((line) => {
      const start = jsonLineStart(line);
      const parsed = start === -1 ? undefined : parsedJson(line.slice(start));
      if (!parsed) return redactFreeText(line, options.known);
      const json = stringifyJson(redactJson(parsed.value, options));
      return `${redactFreeText(line.slice(0, start), options.known)}${json}`;
    })
    .join("\n");
}

/**
 * Redacts a body text by what it contains: JSON (also after an anti-XSSI prefix such as `)]}'`,
 * or one value a line), a form, or free text.
 */
export function redactBodyText(text: string, mimeType: string, options: RedactJsonOptions = {}) {
  const prefix = ANTI_XSSI_PREFIX.exec(text)?.[0] ?? "";
  const json = text.slice(prefix.length);
  if (isJsonMime(mimeType) || /^\s*[[{]/.test(json)) {
    const parsed = parsedJson(json);
    if (parsed) return `${prefix}${stringifyJson(redactJson(parsed.value, options))}`;
    if (/[[{]/.test(text) && text.includes("\n")) return redactJsonLines(text, options);
  }
  if (/x-www-form-urlencoded/i.test(mimeType)) {
    return redactQuery(redactFreeText(text, options.known));
  }
  return redactFreeText(text, options.known);
}

function redactContent(content: Json, mimeType: string, options: RedactJsonOptions): Json {
  if (typeof content.text !== "string") return content;
  if (String(content.encoding).toLowerCase() !== "base64") {
    return { ...content, text: redactBodyText(content.text, mimeType, options) };
  }
  const bytes = Buffer.from(content.text, "base64");
  if (!isUtf8(bytes)) {
    // Bytes that are not UTF-8 (Latin-1 text, media) are read one character a byte, so that a
    // token inside them is found and every other byte is kept as recorded.
    const text = bytes.toString("latin1");
    const redacted = redactFreeText(text, options.known);
    if (redacted === text) return content;
    return { ...content, text: Buffer.from(redacted, "latin1").toString("base64") };
  }
  const redacted = redactBodyText(bytes.toString("utf8"), mimeType, options);
  return { ...content, text: Buffer.from(redacted, "utf8").toString("base64") };
}

function redactUrlText(url: string, known: KnownSecrets | undefined): string {
  return redactFreeText(redactUrl(url), known);
}

function redactRequest(request: Json, options: RedactHarOptions): Json {
  const { known } = options;
  const out: Json = { ...request };
  if (typeof request.url === "string") out.url = redactUrlText(request.url, known);
  out.headers = redactPairs(request.headers, isSecretHeader, known);
  out.cookies = redactCookies(request.cookies);
  out.queryString = redactPairs(request.queryString, isSecretQueryName, known);
  if (isRecord(request.postData)) {
    const postData = request.postData;
    const mimeType = typeof postData.mimeType === "string" ? postData.mimeType : "";
    const redacted = redactContent(postData, mimeType, { secretPaths: options.secretPaths, known });
    out.postData = { ...redacted, params: redactPairs(postData.params, isSecretName, known) };
  }
  return out;
}

function redactResponse(response: Json, options: RedactHarOptions): Json {
  const { known } = options;
  const out: Json = { ...response };
  out.headers = redactPairs(response.headers, isSecretHeader, known);
  out.cookies = redactCookies(response.cookies);
  if (typeof response.redirectURL === "string") {
    out.redirectURL = redactUrlText(response.redirectURL, known);
  }
  if (!isRecord(response.content)) return out;
  const mimeType = typeof response.content.mimeType === "string" ? response.content.mimeType : "";
  if (options.stripBodies && MEDIA_OR_STATIC.test(mimeType)) {
    const { text: _text, encoding: _encoding, ...rest } = response.content;
    out.content = rest;
    return out;
  }
  out.content = redactContent(response.content, mimeType, { known });
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
    out[key] = redactJson(value, { known: options.known });
  }
  if (isRecord(entry.request)) out.request = redactRequest(entry.request, options);
  if (isRecord(entry.response)) out.response = redactResponse(entry.response, options);
  return out;
}

/**
 * Returns a copy of `log.pages` redacted like a JSON body, with each page title also redacted as a
 * URL, because browsers fill titles with the page URL.
 */
export function redactPages(pages: unknown, known?: KnownSecrets): unknown {
  if (!Array.isArray(pages)) return redactJson(pages, { known });
  return pages.map((page) => {
    const redacted = redactJson(page, { known });
    if (!isRecord(page) || typeof page.title !== "string") return redacted;
    return { ...(redacted as Json), title: redactUrlText(page.title, known) };
  });
}

function pairsOf(list: unknown): { name: string; value: string }[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is { name: string; value: string } =>
      isRecord(item) && typeof item.name === "string" && typeof item.value === "string",
  );
}

/** Adds the secrets of a body by their places: secret JSON fields and secret form fields. */
function collectBodySecrets(
  content: unknown,
  known: KnownSecrets,
  secretPaths: ReadonlySet<string> | undefined,
): void {
  if (!isRecord(content) || typeof content.text !== "string") return;
  let text = content.text;
  if (String(content.encoding).toLowerCase() === "base64") {
    const bytes = Buffer.from(text, "base64");
    // Bytes that are not UTF-8 (media) hold no field or parameter to learn from.
    if (!isUtf8(bytes)) return;
    text = bytes.toString("utf8");
  }
  const onSecret = (value: string) => known.add(value);
  const json = text.slice(ANTI_XSSI_PREFIX.exec(text)?.[0].length ?? 0);
  const parsed = /^\s*[[{]/.test(json) ? parsedJson(json) : undefined;
  if (parsed) {
    redactJson(parsed.value, { secretPaths, onSecret });
    return;
  }
  for (const line of text.includes("\n") ? text.split("\n") : []) {
    const start = jsonLineStart(line);
    const value = start === -1 ? undefined : parsedJson(line.slice(start));
    if (value) redactJson(value.value, { onSecret });
  }
  if (!/x-www-form-urlencoded/i.test(String(content.mimeType))) return;
  for (const pair of text.split("&")) {
    const equals = pair.indexOf("=");
    if (equals > 0 && isSecretName(decodeName(pair.slice(0, equals)))) {
      known.add(decodeName(pair.slice(equals + 1)));
    }
  }
}

/**
 * Adds to `known` the secret values one raw HAR entry carries by their places: secret headers and
 * cookies, secret query and form parameters, secret fields of its bodies and browser fields. A
 * sanitized copy then removes every other copy of them, such as a token pasted into a description.
 */
export function collectEntrySecrets(
  entry: unknown,
  known: KnownSecrets,
  secretPaths?: ReadonlySet<string>,
): void {
  if (!isRecord(entry)) return;
  const onSecret = (value: string) => known.add(value);
  for (const [key, value] of Object.entries(entry)) {
    if (key !== "request" && key !== "response" && key !== "timings")
      redactJson(value, { onSecret });
  }
  for (const [part, paths] of [
    [entry.request, secretPaths],
    [entry.response, undefined],
  ] as const) {
    if (!isRecord(part)) continue;
    for (const { name, value } of pairsOf(part.headers)) {
      if (isSecretHeader(name))
        for (const secret of headerSecretValues(name, value)) known.add(secret);
    }
    for (const { value } of pairsOf(part.cookies)) known.add(value);
    const query = typeof part.url === "string" ? splitUrl(part.url).query : "";
    const urlPairs = query.split("&").map((pair) => {
      const equals = pair.indexOf("=");
      return { name: pair.slice(0, Math.max(equals, 0)), value: pair.slice(equals + 1) };
    });
    for (const { name, value } of [...pairsOf(part.queryString), ...urlPairs]) {
      if (isSecretQueryName(decodeName(name))) known.add(decodeName(value));
    }
    const postData = isRecord(part.postData) ? part.postData : undefined;
    for (const { name, value } of pairsOf(postData?.params)) {
      if (isSecretName(decodeName(name))) known.add(value);
    }
    collectBodySecrets(postData ?? part.content, known, paths);
  }
}

/** Adds to `known` the secrets a member of the root object or of `log` carries by their places. */
export function collectMemberSecrets(key: string, value: unknown, known: KnownSecrets): void {
  redactJson({ [key]: value }, { onSecret: (secret) => known.add(secret) });
}
