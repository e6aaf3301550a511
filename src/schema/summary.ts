import { MAX_TRACKED_VALUES, type Shape } from "./shape.js";
import { ISO_8601_DURATION_PATTERN } from "./string-formats.js";

/** A JSON Schema type name. */
export type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/**
 * The enum rule: a string field gets `enum` when it shows between `MIN_ENUM_VALUES` and
 * `MAX_ENUM_VALUES` distinct values and each value occurs `MIN_OCCURRENCES_PER_VALUE` times on
 * average. One value repeated is a constant, not a choice; all-different values are free text.
 * Fields named like identifiers (`name`, `id`, `assetName`, `alternateId`) never get one,
 * because resource names and ids are open sets however few a capture shows.
 */
export const ENUM_RULE = {
  MIN_ENUM_VALUES: 2,
  MAX_ENUM_VALUES: MAX_TRACKED_VALUES,
  MIN_OCCURRENCES_PER_VALUE: 2,
} as const;

const IDENTIFIER_KEY = /^(name|id)s?$|[a-z0-9](Name|Id|ID)s?$/;

/** Returns the key of the field a dotted path ends in: `outputs` for `properties.outputs[]`. */
function lastKey(path: string): string {
  return (
    path
      .replace(/(\[\])+$/, "")
      .split(".")
      .at(-1) ?? ""
  );
}

/** The facts a shape gives about one place, before they become JSON Schema or a table row. */
export interface ShapeSummary {
  /** Types seen, in a fixed order: object, array, string, integer or number, boolean, null. */
  types: JsonType[];
  /** A JSON Schema format that every string value showed. */
  format?: "uuid" | "date-time" | "uri" | "duration";
  /** A pattern every string value matched, for formats that JSON Schema does not name. */
  pattern?: string;
  /** Allowed values under the enum rule; `null` is added when the place was also null. */
  enum?: (string | null)[];
  /** One recorded scalar value, never given for a secret place. */
  example?: string | number | boolean;
  secret: boolean;
}

function typesOf(shape: Shape): JsonType[] {
  const types: JsonType[] = [];
  if (shape.objects) types.push("object");
  if (shape.arrays) types.push("array");
  if (shape.strings) types.push("string");
  if (shape.fractions > 0) types.push("number");
  else if (shape.integers > 0) types.push("integer");
  if (shape.booleans > 0) types.push("boolean");
  if (shape.nulls > 0) types.push("null");
  return types;
}

function formatOf(shape: Shape): Pick<ShapeSummary, "format" | "pattern"> {
  const formats = shape.strings?.formats;
  if (!formats || shape.secret) return {};
  for (const format of ["uuid", "date-time", "uri", "duration"] as const) {
    if (formats.has(format)) return { format };
  }
  if (formats.has("iso-8601-duration")) return { pattern: ISO_8601_DURATION_PATTERN };
  return {};
}

/**
 * Applies the enum rule. An enum restricts values of every type, so only a place that contains
 * strings, and perhaps null, gets one. A place that also contains numbers or objects gets none.
 */
function enumOf(shape: Shape, types: JsonType[], path: string): (string | null)[] | undefined {
  const strings = shape.strings;
  if (!strings?.values || shape.secret || IDENTIFIER_KEY.test(lastKey(path))) return undefined;
  if (types.some((type) => type !== "string" && type !== "null")) return undefined;
  const distinct = strings.values.size;
  if (distinct < ENUM_RULE.MIN_ENUM_VALUES || distinct > ENUM_RULE.MAX_ENUM_VALUES) {
    return undefined;
  }
  if (strings.count < distinct * ENUM_RULE.MIN_OCCURRENCES_PER_VALUE) return undefined;
  const values: (string | null)[] = [...strings.values.keys()].sort();
  if (shape.nulls > 0) values.push(null);
  return values;
}

/**
 * Sums up the shape of the place at a dotted body path: its types, format, enum and example.
 * `enumAllowed: false` turns the enum rule off, as for the values of a free-form map.
 */
export function summarize(shape: Shape, path = "", { enumAllowed = true } = {}): ShapeSummary {
  const types = typesOf(shape);
  const summary: ShapeSummary = { types, ...formatOf(shape), secret: shape.secret };
  // A format already describes the values, and an enum of three UUIDs would only restate them.
  const ruled = !enumAllowed || summary.format !== undefined || summary.pattern !== undefined;
  const values = ruled ? undefined : enumOf(shape, types, path);
  if (values) summary.enum = values;
  if (!shape.secret && shape.example !== undefined) summary.example = shape.example;
  return summary;
}
