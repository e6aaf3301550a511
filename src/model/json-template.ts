import type { BodyField } from "../catalog/catalog.js";
import { camelCase, singular } from "../catalog/naming.js";
import { REDACTED } from "../redact/redact-text.js";
import type { OperationDraft } from "./draft.js";
import { isSecretByNeighbours, isSecretListName, isSecretName } from "./secrets.js";
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
  fields: ReadonlyMap<string, BodyField>;
  /** Body paths whose text differs between calls that share a template; they become parameters. */
  varying: ReadonlySet<string>;
}

/** Place of a value in a JSON body, as the rules for parameters need it. */
export interface Position {
  /** Dotted path with `[]` for array items: `properties.outputs[].assetName`. */
  path: string;
  key: string;
  parentKey: string;
  /** True below a secret field, where every string is a secret. */
  inSecret: boolean;
}

/** The position of a JSON document's root value. */
export const ROOT_POSITION: Position = { path: "", key: "", parentKey: "", inSecret: false };

function isReferenceKey(key: string): boolean {
  return /[a-z]Name$/.test(key) && !NOT_REFERENCES.has(key);
}

function secretBaseName(key: string, parentKey: string): string {
  const generic = ["value", "key", "headers", "queryParams", ""].includes(key);
  return generic
    ? camelCase(`${singular(parentKey) || "secret"} ${key || "value"}`)
    : camelCase(key);
}

/** Tells whether the value at `at` is secret by its place: under a secret key or field. */
export function isSecretPosition(at: Position, context: JsonContext): boolean {
  return at.inSecret || context.fields.get(at.path)?.secret === true || isSecretName(at.key);
}

/** Returns the position of the value under `key` in the object at `at`. */
export function memberPosition(at: Position, key: string, context: JsonContext): Position {
  const path = at.path ? `${at.path}.${key}` : key;
  return { path, key, parentKey: at.key, inSecret: isSecretPosition(at, context) };
}

/** Returns the position of an item of the array at `at`, which keeps the array's key. */
export function itemPosition(at: Position, context: JsonContext): Position {
  return { ...at, path: `${at.path}[]`, inSecret: isSecretPosition(at, context) };
}

/**
 * Returns the secret parameter a string at `at` becomes, or undefined when it is no secret. A
 * string is secret by its place or when it is shaped like a credential. An empty one never is.
 */
export function secretParam(
  value: string,
  at: Position,
  context: JsonContext,
): ParamRef | undefined {
  const secret = isSecretPosition(at, context) || context.variables.holdsSecret(value);
  if (value === "" || !secret) return undefined;
  const where = { in: "body" as const, location: at.path };
  const variable = context.variables.intern(secretBaseName(at.key, at.parentKey), value, true);
  return new ParamRef(context.draft.use(variable, variable.name, where, at.parentKey));
}

/**
 * Templates one string of a JSON body: a secret, a resource reference, a value equal to a
 * session variable or text that varies between calls becomes a parameter.
 */
export function templateString(value: string, at: Position, context: JsonContext): JsonTemplate {
  const secret = secretParam(value, at, context);
  if (secret) return secret;
  const field = context.fields.get(at.path);
  const where = { in: "body" as const, location: at.path };
  // NOTE: a value of a fixed list stays as recorded even when it differs between calls, which
  // then get one template each and no shared iteration data file.
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
  // A number under a secret name (a numeric PIN or password) is a secret too. It becomes a
  // string parameter, because a template cannot keep its type without writing its value.
  if (typeof value === "number" && isSecretPosition(at, context)) {
    return templateString(String(value), at, context);
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    const item = itemPosition(at, context);
    // The strings of a list of keys (`"keys": ["...", "..."]`) are keys themselves.
    const secretItem = isSecretListName(at.key) ? { ...item, inSecret: true } : item;
    return value.map((element) =>
      walk(element, typeof element === "string" ? secretItem : item, context),
    );
  }
  // A null prototype keeps a recorded "__proto__" key an ordinary property.
  const out: Record<string, JsonTemplate> = Object.create(null);
  const object = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(object)) {
    // A key cannot be a parameter, so one that contains a secret is written as the marker, which
    // also names the place in parameter names and descriptions.
    const copiedKey = context.variables.holdsSecret(key) ? REDACTED : key;
    const position = memberPosition(at, copiedKey, context);
    // The value under a secret key is secret too.
    const secret = copiedKey === REDACTED || isSecretByNeighbours(key, at.key, object);
    out[copiedKey] = walk(child, secret ? { ...position, inSecret: true } : position, context);
  }
  return out;
}

/**
 * Turns a recorded JSON body into a template: secrets, resource references and values equal to
 * session variables become parameters; everything else stays as recorded.
 */
export function templateJson(value: unknown, context: JsonContext): JsonTemplate {
  return walk(value, ROOT_POSITION, context);
}
