import type { JsonTemplate, Operation } from "../../model/types.js";
import type { JsonSchema, LearnedSchemas } from "../../schema/index.js";
import { sampleCount } from "../../schema/schema-fields.js";
import { docComment } from "./doc-comment.js";
import { tsBodyDeclaration } from "./json.js";
import { paramPlaces } from "./param-places.js";
import { SchemaTypeWriter } from "./schema-type.js";
import { pascalName, type TypeNames } from "./type-names.js";

/** The type of one operation function's JSON body. */
export interface BodyType {
  /** Name that the function's `body` constant is declared with. */
  name: string;
  /** Declarations to write before the function, or "" when an earlier function has them. */
  declaration: string;
}

/** An operation whose body is a JSON template. */
type JsonBodyOperation = Operation & { body: { kind: "json"; value: JsonTemplate } };

/** Operations with a JSON body that share one learned request schema, or one without it. */
interface BodyGroup {
  schema: JsonSchema | undefined;
  operations: JsonBodyOperation[];
}

/**
 * Groups the operations with a JSON body by their learned request schema. Templates of one API
 * operation share one schema object, learned from all their calls, so they form one group. An
 * operation without a learned schema forms a group of its own.
 */
function groupBySchema(
  operations: readonly Operation[],
  learned: ReadonlyMap<string, LearnedSchemas>,
): BodyGroup[] {
  const groups: BodyGroup[] = [];
  const bySchema = new Map<JsonSchema, BodyGroup>();
  for (const operation of operations) {
    const body = operation.body;
    if (body?.kind !== "json") continue;
    const member = { ...operation, body };
    const schema = learned.get(operation.key)?.request;
    const existing = schema && bySchema.get(schema);
    if (existing) {
      existing.operations.push(member);
      continue;
    }
    const group: BodyGroup = { schema, operations: [member] };
    groups.push(group);
    if (schema) bySchema.set(schema, group);
  }
  return groups;
}

/** Joins function names into a list: `a`, `a and b`, `a, b and c`. */
function nameList(names: readonly string[]): string {
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Explains what the optional fields and string unions of a learned type mean. */
function learnedNote(writer: SchemaTypeWriter): string {
  const optional = "A field marked `?` was absent from at least one object that could contain it";
  const unions = "a union of string literals lists every value recorded for its field";
  if (writer.hasOptional && writer.hasEnum) return ` ${optional}, and ${unions}.`;
  if (writer.hasOptional) return ` ${optional}.`;
  if (writer.hasEnum) return ` ${unions.charAt(0).toUpperCase()}${unions.slice(1)}.`;
  return "";
}

/** Declares the type of a group's body from its learned schema, with its item interfaces. */
function learnedDeclaration(
  group: BodyGroup,
  schema: JsonSchema,
  name: string,
  names: TypeNames,
): string {
  const first = group.operations[0] as Operation;
  const writer = new SchemaTypeWriter(names, pascalName(first.key), name);
  const params = paramPlaces(group.operations.map((operation) => operation.body.value));
  const type = writer.bodyType(schema, params);
  // A parameter can fill the whole body. The type is then a union, which needs a type alias.
  const isInterface = schema.type === "object" && !params.filled && type.startsWith("{");
  const declaration = isInterface
    ? `export interface ${name} ${type}`
    : `export type ${name} = ${type};`;

  const count = sampleCount(schema);
  const bodies = count === 1 ? "1 recorded body" : `${count} recorded bodies`;
  const functions = nameList(group.operations.map((operation) => operation.key));
  const comment = docComment(
    `Request body of ${functions}, learned from ${bodies}.${learnedNote(writer)}`,
  );
  return [`${comment}\n${declaration}`, ...writer.declarations].join("\n\n");
}

/** Declares the type of a body that no schema was learned for, from its recorded value. */
function recordedDeclaration(group: BodyGroup, name: string): string {
  const first = group.operations[0] as JsonBodyOperation;
  const comment = docComment(`Request body of ${first.key}, typed from the recorded body.`);
  return `${comment}\n${tsBodyDeclaration(name, first.body.value)}`;
}

/**
 * Plans the body types of a module's operations, by operation key. Each group of templates that
 * share a learned request schema gets one type, declared before the first of them and named
 * after it (`CreateOrUpdateAssetBody`). A JSON body without a learned schema is typed from its
 * recorded value. Operations without a JSON body get no entry.
 */
export function bodyTypes(
  operations: readonly Operation[],
  learned: ReadonlyMap<string, LearnedSchemas>,
  names: TypeNames,
): Map<string, BodyType> {
  const types = new Map<string, BodyType>();
  for (const group of groupBySchema(operations, learned)) {
    const first = group.operations[0] as Operation;
    const name = names.claim(`${pascalName(first.key)}Body`);
    const declaration = group.schema
      ? learnedDeclaration(group, group.schema, name, names)
      : recordedDeclaration(group, name);
    group.operations.forEach((operation, index) => {
      types.set(operation.key, { name, declaration: index === 0 ? declaration : "" });
    });
  }
  return types;
}
