/** Marker written in place of a removed secret. */
export const REDACTED = "[REDACTED]";

const SECRET_PATTERNS = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /([?&]sig=)[^&\s"'<>]+/gi,
  /(\bbearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /((?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|accountkey|sharedaccesskey)["']?\s*[:=]\s*["']?)[^"'\s&,;}]{4,}/gi,
];

/**
 * Replaces secret-shaped substrings of free text (JWTs, SAS signatures, bearer tokens, PEM
 * private keys, credential assignments such as `password=...`) with the marker, keeping the text
 * around them.
 */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix?: string) =>
      typeof prefix === "string" && !prefix.startsWith("-----") ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}
