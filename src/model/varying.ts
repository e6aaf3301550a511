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

/** Marks a field path whose text differs between two drafts of a group. */
const VARIES = Symbol("varies");

/**
 * Finds, for each draft, the body fields whose literal text differs between calls of the same
 * operation and body layout, such as the `description` of each migrated asset. Turning those
 * fields into parameters lets such calls share one template. Drafts are added one at a time and
 * not kept, so that a session with thousands of calls does not hold two models at once.
 */
export class VaryingFields {
  /** First recorded text by field path, or `VARIES`, for each operation and body layout. */
  private readonly groups = new Map<string, Map<string, string | typeof VARIES>>();
  /** The group of each added draft, or undefined for a draft without a JSON body. */
  private readonly groupOf: (Map<string, string | typeof VARIES> | undefined)[] = [];

  add(draft: Draft | undefined): void {
    if (draft?.body?.kind !== "json") {
      this.groupOf.push(undefined);
      return;
    }
    const key = skeleton(draft);
    let values = this.groups.get(key);
    if (!values) {
      values = new Map();
      this.groups.set(key, values);
    }
    const literals: [string, string][] = [];
    literalStrings(draft.body.value, "", literals);
    for (const [path, text] of literals) {
      const first = values.get(path);
      if (first === undefined) values.set(path, text);
      else if (first !== text) values.set(path, VARIES);
    }
    this.groupOf.push(values);
  }

  /** Lists, in the order drafts were added, the paths of the fields that vary in each group. */
  result(): (Set<string> | undefined)[] {
    const varyingOf = new Map<Map<string, string | typeof VARIES>, Set<string> | undefined>();
    for (const values of this.groups.values()) {
      const varying = [...values].filter(([, text]) => text === VARIES).map(([path]) => path);
      varyingOf.set(values, varying.length > 0 ? new Set(varying) : undefined);
    }
    return this.groupOf.map((values) => (values ? varyingOf.get(values) : undefined));
  }
}
