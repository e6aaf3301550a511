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
  "accountkey",
  "sharedaccesskey",
  "authorization",
  "auth",
  "sessionid",
  "pin",
  "pem",
  "passcode",
  "assertion",
]);

/**
 * Endings that make a word written in one piece secret (`authtoken`, `clientsecret`). Plain `key`
 * is left out, because many words end in it (`hockey`).
 */
const SECRET_ENDING = /(token|secret|password|passwd|passphrase|apikey|signature|credentials?)$/;

/** Secret words that names write as two (`passPhrase`, `keyValue`). */
const SECRET_WORD_PAIRS = new Set([
  "passphrase",
  "password",
  "keyvalue",
  "apikey",
  "sessionid",
  "tokenvalue",
  "secretvalue",
  "passwordhash",
  "authcode",
  "authorizationcode",
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
  const all = words(name);
  const last = all.at(-1);
  const lastTwo = all.slice(-2).join("");
  const secret =
    (last !== undefined && (SECRET_WORDS.has(last) || SECRET_ENDING.test(last))) ||
    SECRET_WORD_PAIRS.has(lastTwo);
  // The same few header and field names recur in every call. A capture with endless distinct
  // names only empties the cache.
  if (secretNames.size >= MAX_CACHED_NAMES) secretNames.clear();
  secretNames.set(name, secret);
  return secret;
}

/** Last words of the names of lists of secrets: `keys`, `contentKeys`, `tokens`. */
const SECRET_LIST_WORDS = new Set(["keys", "secrets", "tokens", "credentials", "passwords"]);

/** Tells whether a name is that of a list of secrets, such as Azure's `keys` or `contentKeys`. */
export function isSecretListName(name: string): boolean {
  const last = words(name).at(-1);
  return last !== undefined && SECRET_LIST_WORDS.has(last);
}

/**
 * Tells whether the member `key` of an object contains a secret by the members around it: the
 * `value` of an item of a key list (`"keys": [{"keyName": "key1", "value": "..."}]`) or of a
 * name and value pair whose name is secret (`{"name": "Authorization", "value": "..."}`).
 * `listName` is the name of the array the object is an item of, or the object's own name.
 */
export function isSecretByNeighbours(
  key: string,
  listName: string,
  object: Readonly<Record<string, unknown>>,
): boolean {
  if (key.toLowerCase() !== "value") return false;
  if (isSecretListName(listName)) return true;
  // The name of the pair is under `name` or `key` (Postman's headers), in any case.
  for (const [member, name] of Object.entries(object)) {
    const lower = member.toLowerCase();
    if (lower === "keyname") return true;
    if ((lower === "name" || lower === "key") && typeof name === "string" && isSecretHeader(name)) {
      return true;
    }
  }
  return false;
}

/** Tells whether a header must not be copied as recorded. */
export function isSecretHeader(name: string): boolean {
  // A recorded name may carry spaces (`Authorization `) that an HTTP client would not send.
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  // The recorded case splits the name into words: `X-AuthToken` ends in `token`.
  return TOKEN_HEADERS.has(lower) || DROPPED_SECRET_HEADERS.has(lower) || isSecretName(trimmed);
}

/** Tells whether a value contains a credential whatever its name; see `secret-spans.ts`. */
export { isSecretValue } from "./secret-spans.js";

/** Query parameters that carry secrets, including the signature of an Azure SAS URL. */
export function isSecretQueryName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    ["sig", "token", "code", "key", "password", "secret", "pass"].includes(lower) ||
    isSecretName(name)
  );
}
