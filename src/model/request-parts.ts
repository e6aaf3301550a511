import { pathSegments } from "../catalog/match.js";
import { camelCase } from "../catalog/naming.js";
import type { RecordedEntry } from "../har/types.js";
import type { SplitUrl } from "../select/url.js";
import type { OperationDraft } from "./draft.js";
import type { Recognized } from "./recognize.js";
import { DROPPED_SECRET_HEADERS, isSecretName, TOKEN_HEADERS } from "./secrets.js";
import { encodeUrlSpaces, pushText } from "./text-template.js";
import type { AuthScheme, SegmentEncoding, Slot, TemplatePart } from "./types.js";
import type { VariableTable } from "./variables.js";

/** Request headers that browsers add on their own; templates leave them out. */
const BROWSER_HEADERS = new Set([
  "x-client-data",
  "x-requested-with",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
]);

/** Characters that `encodeURIComponent` leaves as they are. */
const COMPONENT_SAFE = /^[A-Za-z0-9\-._~!*'()]$/;

/**
 * Characters that `encodeURIComponent` percent-encodes but a recorded segment may carry as they
 * are: the RFC 3986 sub-delimiters, `:`, `@`, the `[]^|` that WHATWG URL parsers leave in a path,
 * and a `%` that is not decoded as an escape. The replay tests check that curl, Python, Node.js
 * fetch and newman send them unchanged, and httpyac all but the `%`, which it rejects.
 */
const KEEPABLE = /^[$&+,;=:@[\]^|%]$/;

/**
 * Compares a recorded path segment with `encodeURIComponent` of its value and returns what
 * differs, or undefined when nothing does. `value` equal to `recorded` means that no escape was
 * decoded, as in a segment whose escapes are malformed, so each `%` is then a kept character.
 * Other characters that RFC 3986 does not allow in a path (space, controls, non-ASCII, `"`, `<`,
 * `>`, `\`, backtick, `{`, `}`) stay encoded, because some runners change them in a request line.
 */
export function segmentEncodingOf(recorded: string, value: string): SegmentEncoding | undefined {
  const tokens =
    value === recorded ? [...recorded] : (recorded.match(/%[0-9A-Fa-f]{2}|./gsu) ?? []);
  // ASCII characters recorded as an escape, and characters recorded as they are.
  const escaped = new Set<string>();
  const unescaped = new Set<string>();
  let lowerHex = false;
  let upperHex = false;
  for (const token of tokens) {
    if (!/^%[0-9A-Fa-f]{2}$/.test(token)) {
      unescaped.add(token);
      continue;
    }
    lowerHex ||= /[a-f]/.test(token);
    upperHex ||= /[A-F]/.test(token);
    const byte = Number.parseInt(token.slice(1), 16);
    if (byte < 0x80) escaped.add(String.fromCharCode(byte));
  }
  // NOTE: a character recorded both encoded and not (`(%28`) is encoded everywhere, and escapes
  // that mix `%2f` with `%2F` are written upper-case, so such a segment is not sent as recorded.
  const encode = [...escaped].filter((char) => COMPONENT_SAFE.test(char));
  const keep = [...unescaped].filter((char) => KEEPABLE.test(char) && !escaped.has(char));
  const lowerCaseHex = lowerHex && !upperHex;
  if (encode.length === 0 && keep.length === 0 && !lowerCaseHex) return undefined;
  return { encode: encode.sort().join(""), keep: keep.sort().join(""), lowerCaseHex };
}

/** Builds the path template: recorded literal segments and one slot per path variable. */
export function templatePath(
  url: SplitUrl,
  recognized: Recognized,
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const recorded = pathSegments(url.path);
  for (const [index, segment] of recorded.entries()) {
    pushText(parts, "/");
    const variableName = recognized.segmentVariables[index];
    if (!variableName) {
      pushText(parts, encodeUrlSpaces(segment));
      continue;
    }
    const value = recognized.values.get(variableName) ?? "";
    const name = variableName;
    const secret = recognized.secretVariables.has(name) || variables.holdsSecret(value);
    const variable = variables.intern(name, value, secret);
    const location = { in: "path" as const, location: `path segment ${index + 1}` };
    const param = draft.use(variable, name, location);
    const segmentEncoding = segmentEncodingOf(segment, value);
    const slot: Slot = { param, encoding: "path-segment" };
    if (segmentEncoding) slot.segmentEncoding = segmentEncoding;
    parts.push({ slot });
  }
  if (recorded.length === 0 || url.path.endsWith("/")) pushText(parts, "/");
  return parts;
}

/** Finds the auth scheme a call used, or the one its API shape needs when none was recorded. */
export function authOf(
  entry: RecordedEntry,
  recognized: Recognized,
): { scheme: AuthScheme; recorded: boolean } {
  for (const header of entry.request.headers) {
    const name = header.name.toLowerCase();
    if (name === "x-mkio-token") return { scheme: "x-mkio-token", recorded: true };
    if (name === "authorization") return { scheme: "bearer", recorded: true };
  }
  return { scheme: recognized.shape === "legacy" ? "x-mkio-token" : "bearer", recorded: false };
}

/**
 * Picks the headers a template sends besides auth: the body's `Content-Type` and custom `x-`
 * headers. Pseudo-headers, cookies and browser headers are dropped; secret ones become parameters.
 */
export function templateHeaders(
  entry: RecordedEntry,
  bodyMime: string | undefined,
  draft: OperationDraft,
  variables: VariableTable,
): { name: string; parts: TemplatePart[] }[] {
  const headers: { name: string; parts: TemplatePart[] }[] = [];
  const seen = new Set<string>();
  if (bodyMime) {
    headers.push({ name: "Content-Type", parts: [{ text: bodyMime }] });
    seen.add("content-type");
  }
  for (const { name, value } of entry.request.headers) {
    const lower = name.toLowerCase();
    if (seen.has(lower) || lower.startsWith(":") || TOKEN_HEADERS.has(lower)) continue;
    if (DROPPED_SECRET_HEADERS.has(lower) || BROWSER_HEADERS.has(lower)) continue;
    if (!lower.startsWith("x-")) continue;
    // A header cannot have a variable name, so one whose name contains a secret is left out.
    if (variables.holdsSecret(name)) continue;
    seen.add(lower);
    if (!isSecretName(lower) && !variables.holdsSecret(value)) {
      headers.push({ name, parts: [{ text: value }] });
      continue;
    }
    const location = { in: "header" as const, location: name };
    const variable = variables.intern(camelCase(`${lower.replace(/^x-/, "")} header`), value, true);
    const param = draft.use(variable, variable.name, location);
    headers.push({ name, parts: [{ slot: { param, encoding: "raw" } }] });
  }
  return headers;
}

/** Returns the recorded `Content-Type` request header, or "" when there is none. */
export function contentTypeHeader(entry: RecordedEntry): string {
  const header = entry.request.headers.find((h) => h.name.toLowerCase() === "content-type");
  return header?.value ?? "";
}
