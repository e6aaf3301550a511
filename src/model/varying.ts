import { type JsonTemplate, type Operation, ParamRef } from "./types.js";

type Draft = Omit<Operation, "key">;

/** Lists each literal string of a JSON template by its path, array items written `[]`. */
function literalStrings(value: JsonTemplate, path: string, out: [string, string][]): void {
  if (typeof value === "string") {
    out.push([path, value]);
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof ParamRef) return;
  if (Array.isArray(value)) {
    for (const item of value) literalStrings(item, `${path}[]`, out);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    literalStrings(child, path ? `${path}.${key}` : key, out);
  }
}

function blankStrings(value: JsonTemplate): JsonTemplate {
  if (typeof value === "string") return "";
  if (value === null || typeof value !== "object" || value instanceof ParamRef) return value;
  if (Array.isArray(value)) return value.map(blankStrings);
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, blankStrings(child)]),
  );
}

/** Serializes a draft with its body strings blanked: drafts that differ only in text match. */
function skeleton(draft: Draft): string {
  const body =
    draft.body?.kind === "json"
      ? { ...draft.body, value: blankStrings(draft.body.value) }
      : draft.body;
  return JSON.stringify({ ...draft, body }, (_key, value: unknown) =>
    value instanceof ParamRef ? `p:${value.param}` : value,
  );
}

/**
 * Finds, for each draft, the body fields whose literal text differs between calls of the same
 * operation and body layout, such as the `description` of each migrated asset. Turning those
 * fields into parameters lets such calls share one template.
 */
export function varyingFields(drafts: readonly (Draft | undefined)[]): (Set<string> | undefined)[] {
  const groups = new Map<string, Map<string, Set<string>>>();
  const keys = drafts.map((draft) => {
    if (draft?.body?.kind !== "json") return undefined;
    const key = skeleton(draft);
    const values = groups.get(key) ?? new Map<string, Set<string>>();
    const literals: [string, string][] = [];
    literalStrings(draft.body.value, "", literals);
    for (const [path, text] of literals)
      values.set(path, (values.get(path) ?? new Set()).add(text));
    groups.set(key, values);
    return key;
  });
  return keys.map((key) => {
    const values = key === undefined ? undefined : groups.get(key);
    if (!values) return undefined;
    const varying = [...values].filter(([, texts]) => texts.size > 1).map(([path]) => path);
    return varying.length > 0 ? new Set(varying) : undefined;
  });
}
