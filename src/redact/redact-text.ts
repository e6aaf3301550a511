import { secretSpans } from "../model/secret-spans.js";

/** Marker written in place of a removed secret. */
export const REDACTED = "[REDACTED]";

/**
 * Replaces the secrets written into free text with the marker and keeps the text around them.
 * `secretSpans` lists what it finds: JWTs, secret query values, bearer tokens, basic credentials,
 * PEM private keys, credential assignments such as `password=...`, secret XML elements and form
 * fields.
 */
export function redactText(text: string): string {
  let out = "";
  let last = 0;
  for (const { index, length } of secretSpans(text)) {
    out += text.slice(last, index) + REDACTED;
    last = index + length;
  }
  return last === 0 ? text : out + text.slice(last);
}
