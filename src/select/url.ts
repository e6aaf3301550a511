/** The parts of a recorded URL, with path and query kept exactly as recorded. */
export interface SplitUrl {
  /** Lower-case host name without port, or "" for a relative URL. */
  hostname: string;
  /** Host with port as recorded, such as `api.mk.io` or `127.0.0.1:8080`. */
  host: string;
  /** Raw path, percent-escapes untouched. */
  path: string;
  /** Raw query without the `?`, or "" when there is none. */
  query: string;
}

/**
 * Splits a URL without normalizing it, so that escapes such as `%2F` and `$filter=name%20eq`
 * reach the output byte for byte.
 */
export function splitUrl(url: string): SplitUrl {
  const withoutFragment = url.split("#", 1)[0] ?? "";
  // A backslash ends the authority too, as in browsers: `https://evil\\@api.mk.io` is evil's.
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)(.*)$/i.exec(withoutFragment);
  const authority = match ? (match[1] ?? "") : "";
  const rest = match ? (match[2] ?? "") : withoutFragment;
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  const queryStart = rest.indexOf("?");
  const path = queryStart === -1 ? rest : rest.slice(0, queryStart);
  return {
    hostname: host.replace(/:\d+$/, "").replace(/\.$/, "").toLowerCase(),
    host,
    path: path === "" ? "/" : path,
    query: queryStart === -1 ? "" : rest.slice(queryStart + 1),
  };
}

/** Decodes one path segment, keeping it as recorded when the escapes are malformed. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Decodes one query or form component, with `+` for a space, keeping it as recorded when the
 * escapes are malformed.
 */
export function decodeFormComponent(text: string): string {
  return decodeSegment(text.replaceAll("+", " "));
}
