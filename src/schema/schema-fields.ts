import type { JsonSchema } from "./json-schema.js";
import { ISO_8601_DURATION_PATTERN } from "./string-formats.js";
import type { JsonType } from "./summary.js";

/** One named field of a learned JSON Schema, as a format lists it. */
export interface SchemaField {
  /** Dotted path with `[]` for array items: `properties.outputs[].preset`. */
  path: string;
  schema: JsonSchema;
  /** Listed in its object's `required`: present in every object that could contain it. */
  required: boolean;
}

/** Returns the `type` keyword as a list, which is empty for a schema without one. */
export function schemaTypes(schema: JsonSchema): JsonType[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function walk(schema: JsonSchema, path: string, fields: SchemaField[]): void {
  const required = new Set(schema.required ?? []);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const childPath = path === "" ? key : `${path}.${key}`;
    fields.push({ path: childPath, schema: child, required: required.has(key) });
    walk(child, childPath, fields);
  }
  if (schema.items) walk(schema.items, `${path}[]`, fields);
}

/**
 * Lists the named fields of a learned schema, parents before their children. The values of a
 * free-form map (`additionalProperties`) are data, not fields, so only the map itself is listed.
 */
export function schemaFields(schema: JsonSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  walk(schema, "", fields);
  return fields;
}

/** Counts the recorded bodies a schema was learned from: the `x-samples` of its root. */
export function sampleCount(schema: JsonSchema): number {
  return schema["x-samples"] ?? 0;
}

function arrayText(schema: JsonSchema): string {
  if (!schema.items) return "array (always empty)";
  const inner = schemaTypeText(schema.items);
  return inner.includes(" or ") ? `array of (${inner})` : `array of ${inner}`;
}

function stringText(schema: JsonSchema): string {
  if (schema.format) return `string (${schema.format})`;
  if (schema.pattern === ISO_8601_DURATION_PATTERN) return "string (ISO 8601 duration)";
  return schema.pattern ? "string (pattern)" : "string";
}

function objectText(schema: JsonSchema): string {
  if (!schema.additionalProperties) return "object";
  return `object (map of ${schemaTypeText(schema.additionalProperties)})`;
}

/**
 * Describes the type of a place in words, as the schema report does: `string (uuid)`,
 * `array of object`, `string or null`, `object (map of string)` for a free-form map.
 */
export function schemaTypeText(schema: JsonSchema): string {
  const names = schemaTypes(schema).map((type) => {
    if (type === "array") return arrayText(schema);
    if (type === "object") return objectText(schema);
    if (type === "string") return stringText(schema);
    return type;
  });
  return names.join(" or ") || "unknown";
}
