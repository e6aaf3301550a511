import { pathSegments } from "../catalog/match.js";
import { camelCase, singular, variableForParam } from "../catalog/naming.js";
import { guessTemplate } from "../catalog/undocumented.js";
import type { SelectedCall } from "../select/select.js";
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
  };
}

function recognizeUndocumented(call: SelectedCall): Recognized {
  const guess = guessTemplate(call.url.path);
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
  };
}

/** Names the operation of a kept call and the variables of its path. */
export function recognize(call: SelectedCall): Recognized {
  return call.match ? recognizeDocumented(call.match) : recognizeUndocumented(call);
}
