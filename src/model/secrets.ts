/** Recognises secrets in recorded headers, query strings and body values. */

/** Headers that carry the MK/IO token; the templates send `MKIO_TOKEN` in their place. */
export const TOKEN_HEADERS = new Set(["authorization", "x-mkio-token"]);

/** Headers that are never copied: cookies and proxy credentials. */
export const DROPPED_SECRET_HEADERS = new Set(["cookie", "set-cookie", "proxy-authorization"]);

const SECRET_WORDS = new Set([
  "token",
  "secret",
  "password",
  "passphrase",
  "passwd",
  "pwd",
  "key",
  "signature",
  "credential",
  "credentials",
  "pfx",
  "ask",
  "jwt",
  "session",
  "apikey",
  "sig",
  "tokens",
  "secrets",
  "passwords",
  "signatures",
  "jwts",
]);

/** Verdicts of `isSecretName` by name. */
const secretNames = new Map<string, boolean>();
const MAX_CACHED_NAMES = 10_000;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 0);
}

/**
 * Tells whether a header, field or query name is secret by its last word: `accessToken`,
 * `x-api-key`, `streamKey` are; `restrictionTokenType` and `contentKeyPolicyName` are not.
 */
export function isSecretName(name: string): boolean {
  const known = secretNames.get(name);
  if (known !== undefined) return known;
  const last = words(name).at(-1);
  const secret = last !== undefined && SECRET_WORDS.has(last);
  // The same few header and field names recur in every call. A capture with endless distinct
  // names only empties the cache.
  if (secretNames.size >= MAX_CACHED_NAMES) secretNames.clear();
  secretNames.set(name, secret);
  return secret;
}

/** Tells whether a header must not be copied as recorded. */
export function isSecretHeader(name: string): boolean {
  // A recorded name may carry spaces (`Authorization `) that an HTTP client would not send.
  const lower = name.trim().toLowerCase();
  return TOKEN_HEADERS.has(lower) || DROPPED_SECRET_HEADERS.has(lower) || isSecretName(lower);
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
const SAS_SIGNATURE = /[?&]sig=[^&\s]+/i;
const BEARER = /^\s*bearer\s+\S+/i;
const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;
/** A credential written into text, such as embedded JSON `"password":"..."` or `api_key=...`. */
const EMBEDDED =
  /(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|accountkey|sharedaccesskey)["']?\s*[:=]\s*["']?[^"'\s&,;}]{4,}/i;

/**
 * Tells whether a value looks like a credential whatever its name: a JWT, a SAS URL, a bearer
 * token, a PEM key, or text that embeds a credential assignment.
 */
export function isSecretValue(value: string): boolean {
  return (
    JWT.test(value) ||
    SAS_SIGNATURE.test(value) ||
    BEARER.test(value) ||
    PEM.test(value) ||
    EMBEDDED.test(value)
  );
}

/** Query parameters that carry secrets, including the signature of an Azure SAS URL. */
export function isSecretQueryName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    ["sig", "token", "code", "key", "password", "secret"].includes(lower) || isSecretName(lower)
  );
}
