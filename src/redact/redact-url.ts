import { isSecretQueryName } from "../model/secrets.js";
import { decodeFormComponent } from "../select/url.js";
import { REDACTED } from "./redact-text.js";

const MARKER = encodeURIComponent(REDACTED);

/** Replaces the values of secret query parameters (`sig`, `token`, `code`, `key`...) in a raw query. */
export function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1 || !isSecretQueryName(decodeFormComponent(pair.slice(0, equals))))
        return pair;
      return `${pair.slice(0, equals + 1)}${MARKER}`;
    })
    .join("&");
}

/**
 * Removes the user info of a URL (a user name can be a token too) and the values of secret
 * parameters in its query and in its fragment (`#access_token=...`), leaving the rest of the URL
 * byte for byte as recorded.
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
  if (queryStart === -1) return `${beforeFragment}${fragment}`;
  const query = redactQuery(beforeFragment.slice(queryStart + 1));
  return `${beforeFragment.slice(0, queryStart + 1)}${query}${fragment}`;
}
