import { decodeSegment } from "../select/url.js";
import { pathSegments } from "./match.js";
import { camelCase, singular } from "./naming.js";

/** A path template guessed for a call that matches no catalog operation. */
export interface GuessedTemplate {
  /** Template with variable names: `/api/v1/projects/{projectName}/media/things/{thingName}`. */
  template: string;
  /** Decoded recorded value of each variable. */
  values: Map<string, string>;
  /** Literal segments that name the resource, for the operation name. */
  resourceWords: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLLECTION = /^[A-Za-z][A-Za-z]*s$/;
const NOT_COLLECTIONS = new Set([
  "api",
  "ams",
  "media",
  "live",
  "templating",
  "status",
  "settings",
]);

function isCollection(segment: string): boolean {
  return COLLECTION.test(segment) && !NOT_COLLECTIONS.has(segment);
}

function variableName(collection: string, value: string): string {
  // The legacy shape puts the project right after `/api/ams/`, with no `projects` segment.
  if (collection === "ams") return "projectName";
  const stem = camelCase(singular(collection)) || "resource";
  return UUID.test(value) ? `${stem}Id` : `${stem}Name`;
}

/**
 * Turns resource-name segments into variables by position: a segment that follows a plural
 * collection (`things/abc`) or is a UUID becomes `{thingName}` or `{thingId}`. The segments at
 * `secretSegments` (indexes among the non-empty segments) become `{pathSecret}` variables.
 */
export function guessTemplate(
  path: string,
  secretSegments: ReadonlySet<number> = new Set(),
): GuessedTemplate {
  const segments = pathSegments(path);
  const values = new Map<string, string>();
  const resourceWords: string[] = [];
  const out: string[] = [];
  let previousWasName = false;
  for (const [index, segment] of segments.entries()) {
    if (secretSegments.has(index)) {
      // A segment that contains a secret is a variable and never part of the operation's name.
      let name = "pathSecret";
      for (let n = 2; values.has(name); n += 1) name = `pathSecret${n}`;
      values.set(name, decodeSegment(segment));
      out.push(`{${name}}`);
      previousWasName = true;
      continue;
    }
    const previous = segments[index - 1];
    const afterCollection =
      !previousWasName && previous !== undefined && (isCollection(previous) || previous === "ams");
    const decoded = decodeSegment(segment);
    if (afterCollection || UUID.test(decoded)) {
      const base = variableName(previous ?? "resource", decoded);
      let name = base;
      for (let n = 2; values.has(name); n += 1) name = `${base}${n}`;
      values.set(name, decoded);
      out.push(`{${name}}`);
      previousWasName = true;
      continue;
    }
    out.push(segment);
    if (!/^v\d+$/.test(segment) && !NOT_COLLECTIONS.has(segment)) resourceWords.push(segment);
    previousWasName = false;
  }
  const trailingSlash = path.endsWith("/") && out.length > 0 ? "/" : "";
  return { template: `/${out.join("/")}${trailingSlash}`, values, resourceWords };
}
