import { isSecretValue } from "../model/secret-spans.js";
import { isSecretQueryName } from "../model/secrets.js";
import { decodeFormComponent } from "../select/url.js";
import { REDACTED } from "./redact-text.js";

const MARKER = encodeURIComponent(REDACTED);

/** Tells whether percent-encoded text contains a credential once decoded (`Bearer%20...`). */
function hidesSecret(encoded: string): boolean {
  const decoded = decodeFormComponent(encoded);
  return decoded !== encoded && isSecretValue(decoded);
}

/**
 * Replaces the values of secret query parameters (`sig`, `token`, `code`, `key`...) in a raw
 * query, and each value that contains a credential once decoded.
 */
export function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1) return pair;
      const secretName = isSecretQueryName(decodeFormComponent(pair.slice(0, equals)));
      if (!secretName && !hidesSecret(pair.slice(equals + 1))) return pair;
      return `${pair.slice(0, equals + 1)}${MARKER}`;
    })
    .join("&");
}

/** Replaces each path segment that contains a credential once decoded (`sig%3D...`). */
function redactPath(path: string): string {
  return path
    .split("/")
    .map((segment) => (hidesSecret(segment) ? MARKER : segment))
    .join("/");
}

/**
 * Removes the user info of a URL (a user name can be a token too) and the values of secret
 * parameters in its query and in its fragment (`#access_token=...`). Path segments and values that
 * contain a credential once decoded go too. The rest of the URL stays byte for byte as recorded.
 */
export function redactUrl(url: string): string {
  // The user info ends at the last `@` before the path, so a password may contain `@`.
  const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${MARKER}@`);
  const fragmentStart = withoutPassword.indexOf("#");
  const beforeFragment =
    fragmentStart === -1 ? withoutPassword : withoutPassword.slice(0, fragmentStart);
  const fragment =
    fragmentStart === -1 ? "" : `#${redactQuery(withoutPassword.slice(fragmentStart + 1))}`;
  const queryStart = beforeFragment.indexOf("?");
  if (queryStart === -1) return `${redactPath(beforeFragment)}${fragment}`;
  const query = redactQuery(beforeFragment.slice(queryStart + 1));
  return `${redactPath(beforeFragment.slice(0, queryStart))}?${query}${fragment}`;
}
