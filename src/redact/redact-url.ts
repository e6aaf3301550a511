import { isSecretQueryName } from "../model/secrets.js";
import { REDACTED } from "./redact-text.js";

const MARKER = encodeURIComponent(REDACTED);

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}

/** Replaces the values of secret query parameters (`sig`, `token`, `code`, `key`...) in a raw query. */
export function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1 || !isSecretQueryName(decodeName(pair.slice(0, equals)))) return pair;
      return `${pair.slice(0, equals + 1)}${MARKER}`;
    })
    .join("&");
}

/**
 * Removes the user info of a URL (a user name can be a token too) and the values of secret query
 * parameters, leaving the rest of the URL byte for byte as recorded.
 */
export function redactUrl(url: string): string {
  const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${MARKER}@`);
  const queryStart = withoutPassword.indexOf("?");
  if (queryStart === -1) return withoutPassword;
  const fragmentStart = withoutPassword.indexOf("#", queryStart);
  const end = fragmentStart === -1 ? withoutPassword.length : fragmentStart;
  const query = withoutPassword.slice(queryStart + 1, end);
  return `${withoutPassword.slice(0, queryStart + 1)}${redactQuery(query)}${withoutPassword.slice(end)}`;
}
