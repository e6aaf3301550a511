import type { CatalogFields, FieldLabel } from "./catalog-fields.js";
import type { Shape } from "./shape.js";
import { mergeAll } from "./shape-merge.js";
import { type JsonType, summarize } from "./summary.js";

/** The JSON Schema draft 2020-12 dialect that learned schemas use. */
export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/**
 * A learned JSON Schema (draft 2020-12). Besides standard keywords it carries `x-samples`, the
 * number of recorded bodies that contain the place, and `x-mkio-catalog`, the catalog's label.
 */
export interface JsonSchema {
  $schema?: string;
  type?: JsonType | JsonType[];
  format?: string;
  pattern?: string;
  enum?: (string | null)[];
  examples?: (string | number | boolean)[];
  readOnly?: boolean;
  "x-mkio-catalog"?: FieldLabel;
  "x-samples"?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
}

/** The catalog facts that a learned schema takes in. */
export interface SchemaCatalog {
  fields: CatalogFields;
  /** Adds `x-mkio-catalog` and `readOnly`; without it only free-form maps are recognised. */
  labels: boolean;
}

function childPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Writes the object part: named properties, or one value schema for a free-form map. */
function objectKeywords(
  shape: Shape,
  path: string,
  catalog: SchemaCatalog | undefined,
): Pick<JsonSchema, "properties" | "required" | "additionalProperties"> {
  const objects = shape.objects;
  if (!objects || objects.properties.size === 0) return {};
  if (path !== "" && catalog?.fields.info(path).freeform) {
    const values = mergeAll(objects.properties.values()) as Shape;
    // `*` is no key of the map: it names "any value" so that the catalog labels it free-form.
    return { additionalProperties: toJsonSchema(values, catalog, `${path}.*`) };
  }
  // A null prototype keeps a recorded "__proto__" key an ordinary property.
  const properties: Record<string, JsonSchema> = Object.create(null);
  const required: string[] = [];
  for (const [key, child] of objects.properties) {
    properties[key] = toJsonSchema(child, catalog, childPath(path, key));
    if (child.count === objects.count) required.push(key);
  }
  return required.length > 0 ? { properties, required } : { properties };
}

/**
 * Writes a learned shape as JSON Schema; `path` is the place's dotted body path. With `catalog`,
 * a free-form map gets one `additionalProperties` schema for all its values and no enum. With
 * its `labels`, each place below the root also gets `x-mkio-catalog`, and `readOnly` when the
 * catalog marks the field as set by the server.
 */
export function toJsonSchema(shape: Shape, catalog?: SchemaCatalog, path = ""): JsonSchema {
  const info = path === "" ? undefined : catalog?.fields.info(path);
  const freeform = info?.label === "free-form";
  const summary = summarize(shape, path, { enumAllowed: !freeform });
  const schema: JsonSchema = {};
  if (summary.types.length > 0) {
    schema.type = summary.types.length === 1 ? summary.types[0] : summary.types;
  }
  if (summary.format) schema.format = summary.format;
  if (summary.pattern) schema.pattern = summary.pattern;
  if (summary.enum) schema.enum = summary.enum;
  if (summary.example !== undefined) schema.examples = [summary.example];
  if (info && catalog?.labels) {
    if (info.readOnly) schema.readOnly = true;
    schema["x-mkio-catalog"] = info.label;
  }
  schema["x-samples"] = shape.samples.size;
  Object.assign(schema, objectKeywords(shape, path, catalog));
  const items = shape.arrays?.items;
  if (items) schema.items = toJsonSchema(items, catalog, `${path}[]`);
  return schema;
}
