import type { JsonSchema } from "../../schema/index.js";
import { schemaTypes } from "../../schema/schema-fields.js";
import type { JsonType } from "../../schema/summary.js";
import { docComment } from "./doc-comment.js";
import { tsString, tsTypeKey } from "./literal.js";
import { anyKeyPlaces, type ParamPlaces } from "./param-places.js";
import { keyNamePart, type TypeNames } from "./type-names.js";

const INDENT = "  ";

/** A position of the writer in a schema, with the parameters that fill it and a naming hint. */
interface Place {
  schema: JsonSchema;
  params: ParamPlaces | undefined;
  /** Start of the name of an item interface below this place: `CreateJobOutputs`. */
  hint: string;
  /** Dotted body path for doc comments: `properties.outputs`. */
  path: string;
  indent: string;
}

function childPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function hasProperties(schema: JsonSchema): boolean {
  return Object.keys(schema.properties ?? {}).length > 0;
}

/**
 * Lists the types of a place. A place that a parameter fills also takes `string`, because the
 * function passes the parameter there. The learned type contains `string` already, because a
 * parameter's recorded value is a string, so the addition only guards against a mismatch.
 */
function placeTypes(place: Place): JsonType[] {
  const types = schemaTypes(place.schema);
  return place.params?.filled && !types.includes("string") ? [...types, "string"] : types;
}

/**
 * Writes TypeScript types for the learned schema of a request body. Properties missing from
 * `required` become optional, an `enum` a union of string literals, a type list a union, a
 * free-form map a `Record`, and objects in arrays get an exported item interface. A place that
 * a parameter fills keeps `string` instead of an enum, because parameters are typed `string`.
 */
export class SchemaTypeWriter {
  /** Item interfaces the written types refer to, each with its doc comment, outer ones first. */
  readonly declarations: string[] = [];
  /** At least one written property is optional. */
  hasOptional = false;
  /** At least one `enum` became a union of string literals. */
  hasEnum = false;

  constructor(
    private readonly names: TypeNames,
    /** Start of every item interface name: `CreateJob`. */
    private readonly base: string,
    /** Name of the body type, for the doc comments of item interfaces. */
    private readonly bodyName: string,
  ) {}

  /** Writes the type of a whole body. `params` are the places that parameters fill. */
  bodyType(schema: JsonSchema, params: ParamPlaces | undefined): string {
    return this.type({ schema, params, hint: this.bodyName, path: "", indent: "" });
  }

  private type(place: Place): string {
    const members = new Set<string>();
    for (const type of placeTypes(place)) {
      for (const member of this.members(type, place)) members.add(member);
    }
    return members.size > 0 ? [...members].join(" | ") : "unknown";
  }

  private members(type: JsonType, place: Place): string[] {
    if (type === "object") return [this.objectType(place)];
    if (type === "array") return [this.arrayType(place)];
    if (type === "string") return this.stringTypes(place);
    if (type === "integer") return ["number"];
    return [type];
  }

  private stringTypes(place: Place): string[] {
    const values = (place.schema.enum ?? []).filter((value) => value !== null);
    if (place.params?.filled || values.length === 0) return ["string"];
    this.hasEnum = true;
    return values.map(tsString);
  }

  private objectType(place: Place): string {
    const { schema } = place;
    if (hasProperties(schema)) return this.propertiesType(place);
    if (!schema.additionalProperties) return "Record<string, unknown>";
    const values: Place = {
      ...place,
      schema: schema.additionalProperties,
      params: anyKeyPlaces(place.params),
      path: childPath(place.path, "*"),
    };
    return `Record<string, ${this.type(values)}>`;
  }

  private propertiesType(place: Place): string {
    const required = new Set(place.schema.required ?? []);
    const inner = place.indent + INDENT;
    const lines = Object.entries(place.schema.properties ?? {}).map(([key, schema]) => {
      const optional = !required.has(key);
      if (optional) this.hasOptional = true;
      const type = this.type({
        schema,
        params: place.params?.keys.get(key),
        hint: this.base + keyNamePart(key),
        path: childPath(place.path, key),
        indent: inner,
      });
      return `${inner}${tsTypeKey(key)}${optional ? "?" : ""}: ${type};\n`;
    });
    return `{\n${lines.join("")}${place.indent}}`;
  }

  private arrayType(place: Place): string {
    const schema = place.schema.items;
    if (!schema) return "unknown[]";
    const items: Place = {
      schema,
      params: place.params?.items,
      hint: `${place.hint}Item`,
      path: `${place.path}[]`,
      indent: place.indent,
    };
    const members = new Set<string>();
    for (const type of placeTypes(items)) {
      const named = type === "object" && hasProperties(schema);
      const typeMembers = named
        ? [this.itemInterface(items, place.path)]
        : this.members(type, items);
      for (const member of typeMembers) members.add(member);
    }
    const element = [...members].join(" | ") || "unknown";
    return members.size > 1 ? `(${element})[]` : `${element}[]`;
  }

  /** Declares the interface of the object items of the array at `arrayPath` and names it. */
  private itemInterface(items: Place, arrayPath: string): string {
    const name = this.names.claim(items.hint);
    // The slot is taken first so that this interface comes before those nested in it.
    const slot = this.declarations.length;
    this.declarations.push("");
    const body = this.propertiesType({ ...items, indent: "" });
    const where = arrayPath === "" ? this.bodyName : `\`${arrayPath}\` in ${this.bodyName}`;
    this.declarations[slot] =
      `${docComment(`One item of ${where}.`)}\nexport interface ${name} ${body}`;
    return name;
  }
}
