import { basicCredentials } from "../model/secrets.js";

/** Marker written in place of a removed secret. */
export const REDACTED = "[REDACTED]";

const SECRET_PATTERNS = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /((?:[?&]|%3F|%26|%253F|%2526)sig(?:=|%3D|%253D))(?:(?!%26|%2526)[^&\s"'<>])+/gi,
  /(\bbearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /((?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|accountkey|sharedaccesskey)["']?\s*[:=]\s*["']?)[^"'\s&,;}]{4,}/gi,
];

/** Replaces the credential of each `Basic <base64 of user:password>` in a text. */
function redactBasic(text: string): string {
  let out = "";
  let last = 0;
  for (const { index, word } of basicCredentials(text)) {
    out += text.slice(last, index) + REDACTED;
    last = index + word.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Replaces secret-shaped substrings of free text (JWTs, SAS signatures also in encoded URLs,
 * bearer tokens, basic credentials, PEM private keys, credential assignments such as `password=...`) with the marker, keeping the text
 * around them.
 */
export function redactText(text: string): string {
  let out = redactBasic(text);
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix?: string) =>
      typeof prefix === "string" && !prefix.startsWith("-----") ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}
