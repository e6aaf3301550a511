import { type BodyField, loadCatalog } from "../catalog/catalog.js";
import type { OperationDraft } from "./draft.js";
import {
  isSecretPosition,
  itemPosition,
  type JsonContext,
  memberPosition,
  type Position,
  ROOT_POSITION,
  secretParam,
  templateString,
} from "./json-template.js";
import { jsonTokens } from "./json-tokens.js";
import { isSecretByNeighbours, isSecretListName } from "./secrets.js";
import { type JsonTemplate, ParamRef, type TemplatePart } from "./types.js";
import type { VariableTable } from "./variables.js";

/** An object or array being read, with the member whose value comes next. */
interface Container {
  at: Position;
  isObject: boolean;
  key: string;
  /** True in an object after `{` or `,`, where the next string is a key. */
  expectsKey: boolean;
  /** The keys of an object, and the text of its `name`, for `isSecretByNeighbours`. */
  neighbours: Record<string, unknown>;
}

/**
 * Returns, for each object of a JSON text in the order of its `{`, its keys and the text of its
 * `name` member. A `value` can be secret by a key that comes after it (`keyName`), so these are
 * read in a pass of their own.
 */
function objectNeighbours(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  const stack: { object: Record<string, unknown> | undefined; key: string; expectsKey: boolean }[] =
    [];
  for (const token of jsonTokens(text)) {
    const raw = text.slice(token.start, token.end);
    const top = stack.at(-1);
    if (token.type === "punctuator") {
      if (raw === "{") {
        const object: Record<string, unknown> = Object.create(null);
        objects.push(object);
        stack.push({ object, key: "", expectsKey: true });
      } else if (raw === "[") stack.push({ object: undefined, key: "", expectsKey: false });
      else if (raw === "}" || raw === "]") stack.pop();
      else if (top?.object) top.expectsKey = raw === ",";
      continue;
    }
    if (!top?.object) continue;
    if (token.type === "string" && top.expectsKey) {
      top.key = JSON.parse(raw) as string;
      top.object[top.key] = true;
    } else if (top.key === "name" && token.type === "string") {
      top.object.name = JSON.parse(raw) as string;
    }
  }
  return objects;
}

/** Read from the catalog on first use, because only a few captures need it. */
let secretFields: ReadonlyMap<string, BodyField> | undefined;

/** Returns the body fields that any catalog operation marks secret, by path. */
function catalogSecretFields(): ReadonlyMap<string, BodyField> {
  secretFields ??= new Map(
    loadCatalog().flatMap((operation) =>
      operation.bodyFields.filter((field) => field.secret).map((field) => [field.path, field]),
    ),
  );
  return secretFields;
}

/** Returns the position of the next value in the container, secret by its neighbours too. */
function valuePosition(
  container: Container | undefined,
  context: JsonContext,
  isString: boolean,
): Position {
  if (!container) return ROOT_POSITION;
  const { at, key, neighbours } = container;
  if (container.isObject) {
    const position = memberPosition(at, key, context);
    const secret = isSecretByNeighbours(key, at.key, neighbours);
    return secret ? { ...position, inSecret: true } : position;
  }
  // The strings of a list of keys (`"keys": ["...", "..."]`) are keys themselves.
  const item = itemPosition(at, context);
  return isString && isSecretListName(at.key) ? { ...item, inSecret: true } : item;
}

/** Updates the stack of open containers for `{`, `}`, `[`, `]`, `,` and `:`. */
function readPunctuator(
  char: string,
  stack: Container[],
  context: JsonContext,
  objects: Iterator<Record<string, unknown>>,
): void {
  const container = stack.at(-1);
  if (char === "{" || char === "[") {
    const at = valuePosition(container, context, false);
    const isObject = char === "{";
    const neighbours = (isObject ? objects.next().value : undefined) ?? {};
    stack.push({ at, isObject, key: "", expectsKey: isObject, neighbours });
    return;
  }
  if (char === "}" || char === "]") {
    stack.pop();
    return;
  }
  if (container?.isObject) container.expectsKey = char === ",";
}

/**
 * Returns the parameter a string or number token becomes, if any. Numbers become parameters
 * only under secret names. A string with an escape becomes one only when it is a secret,
 * because a value is inserted between the recorded quotes as it is, without escaping.
 */
function tokenParam(
  raw: string,
  isString: boolean,
  at: Position,
  context: JsonContext,
): JsonTemplate | undefined {
  if (!isString) {
    return isSecretPosition(at, context) ? templateString(raw, at, context) : undefined;
  }
  const value = JSON.parse(raw) as string;
  return raw.includes("\\") ? secretParam(value, at, context) : templateString(value, at, context);
}

/**
 * Templates JSON text token by token, so that every byte outside a parameter stays as recorded,
 * numbers included. Strings and numbers follow the rules of parsed JSON bodies. The operation
 * is unknown here, so a field that any catalog operation marks secret is a secret.
 */
export function templateJsonText(
  text: string,
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] {
  const context: JsonContext = {
    draft,
    variables,
    fields: catalogSecretFields(),
    varying: new Set(),
  };
  const parts: TemplatePart[] = [];
  const stack: Container[] = [];
  const objects = objectNeighbours(text)[Symbol.iterator]();
  let last = 0;
  for (const token of jsonTokens(text)) {
    const raw = text.slice(token.start, token.end);
    const container = stack.at(-1);
    if (token.type === "punctuator") {
      readPunctuator(raw, stack, context, objects);
      continue;
    }
    if (token.type === "string" && container?.expectsKey) {
      container.key = JSON.parse(raw) as string;
      // A key that contains a secret becomes a secret slot between its quotes.
      if (!variables.holdsSecret(container.key)) continue;
      const param = secretParam(container.key, { ...ROOT_POSITION, key: "key" }, context);
      if (!(param instanceof ParamRef)) continue;
      if (token.start + 1 > last) parts.push({ text: text.slice(last, token.start + 1) });
      parts.push({ slot: { param: param.param, encoding: "raw" } });
      last = token.end - 1;
      continue;
    }

    const isString = token.type === "string";
    const at = valuePosition(container, context, isString);
    const param = tokenParam(raw, isString, at, context);
    if (!(param instanceof ParamRef)) continue;
    // A string's slot goes between its quotes, which stay literal text.
    const start = isString ? token.start + 1 : token.start;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ slot: { param: param.param, encoding: "raw" } });
    last = isString ? token.end - 1 : token.end;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
