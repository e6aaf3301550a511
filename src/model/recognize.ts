import { pathSegments } from "../catalog/match.js";
import { camelCase, singular, variableForParam } from "../catalog/naming.js";
import { guessTemplate } from "../catalog/undocumented.js";
import type { KnownSecrets } from "../redact/known-secrets.js";
import type { SelectedCall } from "../select/select.js";
import { decodeSegment } from "../select/url.js";
import { isSecretValue } from "./secret-spans.js";
import type { ApiShape } from "./types.js";

/** Operation of a call, documented or guessed, with the variable behind each path segment. */
export interface Recognized {
  catalogId: string | null;
  name: string;
  resource: string;
  shape: ApiShape;
  /** One entry per non-empty path segment: a variable name, or null for a literal segment. */
  segmentVariables: (string | null)[];
  /** Recorded value of each path variable. */
  values: Map<string, string>;
  /** Path variables whose segment contains a known secret or part of one. */
  secretVariables: Set<string>;
}

const VERBS: Record<string, string> = {
  GET: "Get",
  HEAD: "Head",
  PUT: "Put",
  POST: "Post",
  PATCH: "Patch",
  DELETE: "Delete",
};

/** Turns segments such as `assets` and `refreshThumbnails` into `Assets Refresh Thumbnails`. */
function titleWords(words: string[]): string {
  return words
    .flatMap((word) => word.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[^A-Za-z0-9]+/))
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function recognizeDocumented(match: NonNullable<SelectedCall["match"]>): Recognized {
  const { operation } = match;
  const byParam = new Map(operation.pathParams.map((p) => [p.param, p.variable]));
  const segments = pathSegments(match.template);
  const values = new Map<string, string>();
  const segmentVariables = segments.map((segment, index) => {
    if (!segment.startsWith("{")) return null;
    const param = segment.slice(1, -1);
    const previous = segments[index - 1];
    const variable = byParam.get(param) ?? variableForParam(param, previous, operation.resource);
    values.set(variable, match.values.get(param) ?? "");
    return variable;
  });
  return {
    catalogId: operation.id,
    name: operation.name,
    resource: operation.resource,
    shape: match.shape,
    segmentVariables,
    values,
    secretVariables: new Set(),
  };
}

function recognizeUndocumented(call: SelectedCall, secret: ReadonlySet<number>): Recognized {
  const guess = guessTemplate(call.url.path, secret);
  const words = guess.resourceWords.filter((word) => word !== "projects").slice(-2);
  const verb = VERBS[call.entry.request.method] ?? titleWords([call.entry.request.method]);
  const shape: ApiShape = call.url.path.startsWith("/api/ams/")
    ? "legacy"
    : call.url.path.startsWith("/api/v1/")
      ? "current"
      : "other";
  return {
    catalogId: null,
    name: `${verb} ${titleWords(words) || "Root"}`.trim(),
    resource: camelCase(singular(words[0] ?? "resource")),
    shape,
    segmentVariables: pathSegments(guess.template).map((segment) =>
      segment.startsWith("{") ? segment.slice(1, -1) : null,
    ),
    values: guess.values,
    secretVariables: new Set(),
  };
}

/**
 * Returns the indexes of the non-empty path segments that contain a credential-shaped value, or a
 * known secret or part of one: a token with `/` in it spans several segments.
 */
export function secretSegments(path: string, known: KnownSecrets): Set<number> {
  const found = new Set<number>();
  // A segment shaped like a credential (a JWT) is secret whether or not it is known.
  for (const [index, segment] of pathSegments(path).entries()) {
    if (isSecretValue(decodeSegment(segment))) found.add(index);
  }
  if (known.size === 0) return found;
  // Offsets where each non-empty segment starts and ends in the raw path.
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (const part of path.split("/")) {
    if (part.length > 0) spans.push({ start, end: start + part.length });
    start += part.length + 1;
  }
  for (const { index, length } of known.occurrences(path)) {
    for (const [segment, span] of spans.entries()) {
      if (span.start < index + length && index < span.end) found.add(segment);
    }
  }
  return found;
}

/**
 * Names the operation of a kept call and the variables of its path. A segment that contains a known
 * secret becomes a variable of its own, so the secret reaches neither the name nor a literal.
 */
export function recognize(call: SelectedCall, known?: KnownSecrets): Recognized {
  const secret = known ? secretSegments(call.url.path, known) : new Set<number>();
  const recognized = call.match
    ? recognizeDocumented(call.match)
    : recognizeUndocumented(call, secret);
  for (const index of secret) {
    let name = recognized.segmentVariables[index];
    if (!name) {
      // A literal segment of a documented template that contains a secret becomes a variable.
      name = "pathSecret";
      for (let n = 2; recognized.values.has(name); n += 1) name = `pathSecret${n}`;
      const segment = pathSegments(call.url.path)[index] ?? "";
      recognized.values.set(name, decodeSegment(segment));
      recognized.segmentVariables[index] = name;
    }
    recognized.secretVariables.add(name);
  }
  return recognized;
}
