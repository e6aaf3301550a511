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

/** Last words of names that hold a list of secrets: `keys`, `contentKeys`, `tokens`. */
const SECRET_LIST_WORDS = new Set(["keys", "secrets", "tokens", "credentials", "passwords"]);

/** Tells whether a name holds a list of secrets, such as Azure's `keys` or `contentKeys`. */
export function isSecretListName(name: string): boolean {
  const last = words(name).at(-1);
  return last !== undefined && SECRET_LIST_WORDS.has(last);
}

/**
 * Tells whether the member `key` of an object holds a secret by the members around it: the
 * `value` of an item of a key list (`"keys": [{"keyName": "key1", "value": "..."}]`) or of a
 * name and value pair whose name is secret (`{"name": "Authorization", "value": "..."}`).
 * `listName` is the name of the array the object is an item of, or the object's own name.
 */
export function isSecretByNeighbours(
  key: string,
  listName: string,
  object: Readonly<Record<string, unknown>>,
): boolean {
  if (key !== "value") return false;
  if (isSecretListName(listName) || Object.hasOwn(object, "keyName")) return true;
  const name = Object.hasOwn(object, "name") ? object.name : undefined;
  return typeof name === "string" && isSecretHeader(name);
}

/** Tells whether a header must not be copied as recorded. */
export function isSecretHeader(name: string): boolean {
  // A recorded name may carry spaces (`Authorization `) that an HTTP client would not send.
  const lower = name.trim().toLowerCase();
  return TOKEN_HEADERS.has(lower) || DROPPED_SECRET_HEADERS.has(lower) || isSecretName(lower);
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
/** A SAS signature, also inside a URL that was encoded once or twice (`%3Fsig%3D...`). */
const SAS_SIGNATURE = /(?:[?&]|%3F|%26|%253F|%2526)sig(?:=|%3D|%253D)[^&\s]+/i;
const BEARER = /^\s*bearer\s+\S+/i;
const BASIC = /\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/gi;

/**
 * Tells whether a word after `Basic` is a credential: base64 of printable `user:password`.
 * Ordinary words (`Basic streaming`) are not, so they stay.
 */
export function isBasicCredential(word: string): boolean {
  const decoded = Buffer.from(word, "base64").toString("latin1");
  return decoded.includes(":") && /^[\x20-\x7e\xa0-\xff]+$/.test(decoded);
}

/** Finds the `Basic` credentials in a text: the base64 word of each, with its place. */
export function basicCredentials(text: string): { index: number; word: string }[] {
  const found: { index: number; word: string }[] = [];
  for (const match of text.matchAll(BASIC)) {
    const word = match[1] as string;
    if (isBasicCredential(word))
      found.push({ index: match.index + match[0].length - word.length, word });
  }
  return found;
}
const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;
/** A credential written into text, such as embedded JSON `"password":"..."` or `api_key=...`. */
const EMBEDDED =
  /(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|accountkey|sharedaccesskey)["']?\s*[:=]\s*["']?[^"'\s&,;}]{4,}/i;

/**
 * Tells whether a value looks like a credential whatever its name: a JWT, a SAS URL, a bearer
 * token or basic credential, a PEM key, or text that embeds a credential assignment.
 */
export function isSecretValue(value: string): boolean {
  return (
    JWT.test(value) ||
    SAS_SIGNATURE.test(value) ||
    BEARER.test(value) ||
    basicCredentials(value).length > 0 ||
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
