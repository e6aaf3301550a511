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
import { type JsonTemplate, ParamRef, type TemplatePart } from "./types.js";
import type { VariableTable } from "./variables.js";

/** An object or array being read, with the member whose value comes next. */
interface Container {
  at: Position;
  isObject: boolean;
  key: string;
  /** True in an object after `{` or `,`, where the next string is a key. */
  expectsKey: boolean;
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

function valuePosition(container: Container | undefined, context: JsonContext): Position {
  if (!container) return ROOT_POSITION;
  if (container.isObject) return memberPosition(container.at, container.key, context);
  return itemPosition(container.at, context);
}

/** Updates the stack of open containers for `{`, `}`, `[`, `]`, `,` and `:`. */
function readPunctuator(char: string, stack: Container[], context: JsonContext): void {
  const container = stack.at(-1);
  if (char === "{" || char === "[") {
    const at = valuePosition(container, context);
    stack.push({ at, isObject: char === "{", key: "", expectsKey: char === "{" });
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
  let last = 0;
  for (const token of jsonTokens(text)) {
    const raw = text.slice(token.start, token.end);
    const container = stack.at(-1);
    if (token.type === "punctuator") {
      readPunctuator(raw, stack, context);
      continue;
    }
    if (token.type === "string" && container?.expectsKey) {
      container.key = JSON.parse(raw) as string;
      continue;
    }

    const isString = token.type === "string";
    const param = tokenParam(raw, isString, valuePosition(container, context), context);
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
