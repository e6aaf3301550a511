import { isSecretName, isSecretQueryName } from "./secrets.js";

/** A secret inside a text: where it starts and how long it is. */
export interface Span {
  index: number;
  length: number;
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const PRIVATE_KEY =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
/** A bearer token: any word at the start of a value, one of 8 or more characters elsewhere. */
const BEARER = /^\s*bearer\s+([^\s"'<>]+)|\bbearer\s+([A-Za-z0-9._~+/=-]{8,})/dgi;
/**
 * A query parameter, also in a URL that was encoded once or twice (`%3Fsig%3D...`). The name may
 * contain escapes (`si%67`) and the value ends at the next parameter.
 */
const QUERY_PAIR =
  /(?:[?&#;]|%3F|%26|%23|%253F|%2526)([A-Za-z0-9_.~%-]{1,64}?)(?:=|%3D|%253D)((?:(?!%26|%2526)[^&#\s"'<>])+)/dgi;
/**
 * An assignment written into text, such as `password=...`, `"streamKey": "..."` or
 * `api_key: ...`. The name starts after a character that cannot be part of it.
 */
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,63})["']?\s*[:=]\s*["']?([^"'\s&,;}<]{4,})/dg;
/** Names that end in these words are secret in an assignment, even run together (`mypassword`). */
const SECRET_ENDING = /(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key)$/i;
/** An XML element with text only: `<Password>...</Password>`, with or without a prefix. */
const XML_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>([^<]+)<\//dg;
/** The header line of a `multipart/form-data` field, with the field's name. */
const MULTIPART_HEADER = /^content-disposition:[^\r\n]*?\bname="([^"\r\n]*)"/i;

const BASIC = /\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gi;
const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;

/**
 * Tells whether a word after `Basic` is a credential: base64 of printable `user:password`.
 * Ordinary words (`Basic streaming`) are not, so they stay.
 */
export function isBasicCredential(word: string): boolean {
  const decoded = Buffer.from(word, "base64").toString("latin1");
  return decoded.includes(":") && /^[\x20-\x7e\xa0-\xff]+$/.test(decoded);
}

/** Finds the `Basic` credentials in a text: the base64 word of each, with its place. */
function basicCredentials(text: string): { index: number; word: string }[] {
  const found: { index: number; word: string }[] = [];
  for (const match of text.matchAll(BASIC)) {
    const word = match[1] as string;
    if (!isBasicCredential(word)) continue;
    found.push({ index: match.index + match[0].length - word.length, word });
  }
  return found;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("%25", "%"));
  } catch {
    return name;
  }
}

/** Adds the span of capture group `group` of each match that `accept` takes. */
function addGroups(
  spans: Span[],
  text: string,
  pattern: RegExp,
  accept: (match: RegExpExecArray) => boolean,
  groups: number[],
): void {
  for (const match of text.matchAll(pattern)) {
    if (!accept(match)) continue;
    for (const group of groups) {
      const place = match.indices?.[group];
      if (place && place[1] > place[0])
        spans.push({ index: place[0], length: place[1] - place[0] });
    }
  }
}

/**
 * Finds the values of secret `multipart/form-data` fields, line by line so that the time stays
 * linear: a field's headers, a blank line, then its value up to the next line that starts `--`.
 */
function multipartSecrets(text: string): Span[] {
  if (!/content-disposition:/i.test(text)) return [];
  const spans: Span[] = [];
  const lines = text.split("\n");
  let offset = 0;
  let state: "none" | "headers" | "value" = "none";
  let secret = false;
  let valueStart = 0;
  for (const line of lines) {
    const content = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (state === "value" && content.startsWith("--")) {
      // The line break before the boundary belongs to the boundary, not to the value.
      const end = Math.max(valueStart, offset - (text[offset - 2] === "\r" ? 2 : 1));
      if (secret && end > valueStart) spans.push({ index: valueStart, length: end - valueStart });
      state = "none";
    }
    const header = MULTIPART_HEADER.exec(content);
    if (header && state !== "value") {
      state = "headers";
      secret = isSecretName(header[1] ?? "");
    } else if (state === "headers" && content === "") {
      state = "value";
      valueStart = offset + line.length + 1;
    }
    offset += line.length + 1;
  }
  return spans;
}

/** Sorts spans and merges those that overlap or touch, so that no part of a secret stays. */
export function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.index - b.index);
  const out: Span[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    if (previous && span.index <= previous.index + previous.length) {
      const end = Math.max(previous.index + previous.length, span.index + span.length);
      previous.length = end - previous.index;
    } else out.push({ ...span });
  }
  return out;
}

/**
 * Finds the secrets written into free text, each as the span of the secret alone, so that the
 * text around it can stay. It finds JWTs, PEM private keys, bearer tokens and basic credentials.
 * It also finds the values of secret query parameters (`sig`, `token`, `code`, also in encoded
 * URLs), of secret assignments (`password=...`, `"streamKey": "..."`), of secret XML elements
 * (`<Password>...</Password>`) and of secret `multipart/form-data` fields.
 */
export function secretSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of [JWT, PRIVATE_KEY]) {
    for (const match of text.matchAll(pattern)) {
      spans.push({ index: match.index, length: match[0].length });
    }
  }
  addGroups(spans, text, BEARER, () => true, [1, 2]);
  for (const { index, word } of basicCredentials(text)) spans.push({ index, length: word.length });
  addGroups(spans, text, QUERY_PAIR, (m) => isSecretQueryName(decodeName(m[1] ?? "")), [2]);
  const secretAssignment = (name: string) => isSecretName(name) || SECRET_ENDING.test(name);
  addGroups(spans, text, ASSIGNMENT, (m) => secretAssignment(m[1] ?? ""), [2]);
  addGroups(spans, text, XML_ELEMENT, (m) => isSecretName(m[1] ?? ""), [2]);
  spans.push(...multipartSecrets(text));
  return mergeSpans(spans);
}

/**
 * Tells whether a value contains a credential whatever its name: one of the secrets `secretSpans`
 * finds, or a PEM certificate.
 */
export function isSecretValue(value: string): boolean {
  return PEM.test(value) || secretSpans(value).length > 0;
}
