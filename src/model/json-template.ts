import type { BodyField } from "../catalog/catalog.js";
import { camelCase, singular } from "../catalog/naming.js";
import type { OperationDraft } from "./draft.js";
import { isSecretName, isSecretValue } from "./secrets.js";
import { type JsonTemplate, ParamRef } from "./types.js";
import type { VariableTable } from "./variables.js";

/** Body keys that end in `Name` but hold text or a built-in value rather than a resource name. */
const NOT_REFERENCES = new Set([
  "displayName",
  "presetName",
  "manifestName",
  "publicName",
  "fileName",
  "friendlyName",
  "name",
]);

/** Shortest string that is replaced by a variable because it equals that variable's value. */
const MIN_SHARED_VALUE_LENGTH = 3;

/** Facts about the call that the JSON walk uses. */
export interface JsonContext {
  draft: OperationDraft;
  variables: VariableTable;
  /** Documented fields of the matched operation, by dotted path with `[]` for array items. */
  fields: Map<string, BodyField>;
  /** Body paths whose text differs between calls that share a template; they become parameters. */
  varying: ReadonlySet<string>;
}

interface Position {
  path: string;
  key: string;
  parentKey: string;
  inSecret: boolean;
}

function isReferenceKey(key: string): boolean {
  return /[a-z]Name$/.test(key) && !NOT_REFERENCES.has(key);
}

function secretBaseName(key: string, parentKey: string): string {
  const generic = ["value", "key", "headers", "queryParams", ""].includes(key);
  return generic
    ? camelCase(`${singular(parentKey) || "secret"} ${key || "value"}`)
    : camelCase(key);
}

function templateString(value: string, at: Position, context: JsonContext): JsonTemplate {
  const field = context.fields.get(at.path);
  const where = { in: "body" as const, location: at.path };
  const secret =
    at.inSecret || field?.secret === true || isSecretName(at.key) || isSecretValue(value);
  if (secret && value !== "") {
    const variable = context.variables.intern(secretBaseName(at.key, at.parentKey), value, true);
    return new ParamRef(context.draft.use(variable, variable.name, where, at.parentKey));
  }
  if (field?.enum) return value;
  // Shells and environment variables cannot carry NUL, so such text stays in the body itself.
  if (value.includes("\u0000")) return value;
  const shared = context.variables.lookup(value);
  // A short value is taken for a variable only when it names something in this call's path.
  const longEnough = value.length >= MIN_SHARED_VALUE_LENGTH;
  if (shared && (longEnough || context.draft.carries(shared))) {
    const base = isReferenceKey(at.key) ? at.key : shared.name.replace(/\d+$/, "");
    return new ParamRef(context.draft.use(shared, base, where, at.parentKey));
  }
  if ((isReferenceKey(at.key) && value !== "") || context.varying.has(at.path)) {
    const base = camelCase(at.key) || "value";
    const variable = context.variables.intern(base, value, false);
    return new ParamRef(context.draft.use(variable, base, where, at.parentKey));
  }
  return value;
}

function walk(value: unknown, at: Position, context: JsonContext): JsonTemplate {
  if (typeof value === "string") return templateString(value, at, context);
  const inSecret =
    at.inSecret || context.fields.get(at.path)?.secret === true || isSecretName(at.key);
  // A number under a secret name (a numeric PIN or password) is a secret too. It becomes a
  // string parameter, because a template cannot keep its type without writing its value.
  if (typeof value === "number" && inSecret) return templateString(String(value), at, context);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    const item = { ...at, path: `${at.path}[]`, inSecret };
    return value.map((element) => walk(element, item, context));
  }
  // A null prototype keeps a recorded "__proto__" key an ordinary property.
  const out: Record<string, JsonTemplate> = Object.create(null);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = at.path ? `${at.path}.${key}` : key;
    out[key] = walk(child, { path, key, parentKey: at.key, inSecret }, context);
  }
  return out;
}

/**
 * Turns a recorded JSON body into a template: secrets, resource references and values equal to
 * session variables become parameters; everything else stays as recorded.
 */
export function templateJson(value: unknown, context: JsonContext): JsonTemplate {
  return walk(value, { path: "", key: "", parentKey: "", inSecret: false }, context);
}
