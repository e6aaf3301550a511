import { pathSegments } from "../catalog/match.js";
import { camelCase } from "../catalog/naming.js";
import type { RecordedEntry } from "../har/types.js";
import type { SplitUrl } from "../select/url.js";
import type { OperationDraft } from "./draft.js";
import type { Recognized } from "./recognize.js";
import { DROPPED_SECRET_HEADERS, isSecretName, TOKEN_HEADERS } from "./secrets.js";
import { pushText } from "./text-template.js";
import type { AuthScheme, TemplatePart } from "./types.js";
import type { VariableTable } from "./variables.js";

/** Request headers that browsers add on their own; templates leave them out. */
const BROWSER_HEADERS = new Set([
  "x-client-data",
  "x-requested-with",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
]);

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
    if (!variableName && !variables.known.foundIn(segment)) {
      pushText(parts, segment);
      continue;
    }
    // A literal segment that holds a known secret (a token in the path) becomes a secret slot.
    const value = variableName ? (recognized.values.get(variableName) ?? "") : segment;
    const name = variableName ?? "pathSecret";
    const variable = variables.intern(name, value, variables.holdsSecret(value));
    const location = { in: "path" as const, location: `path segment ${index + 1}` };
    const param = draft.use(variable, name, location);
    parts.push({ slot: { param, encoding: "path-segment" } });
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
