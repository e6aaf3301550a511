import { envName, uniqueName } from "../../model/names.js";
import type { Operation, SegmentEncoding, SessionModel, Variable } from "../../model/types.js";
import { jsonParts } from "../../render/json-parts.js";
import { encodeSegment, percentEncode } from "../../render/percent-encode.js";
import { isPortableVariableValue, jsonStringContent } from "./escape.js";

/**
 * A path segment that the recording percent-encoded otherwise than `encodeURIComponent`:
 * `segment ` and the JSON text of its `SegmentEncoding`. Equal encodings give equal contexts.
 */
type SegmentContext = `segment ${string}`;

/** Where a value is inserted, which decides how it is escaped. */
export type ValueContext = "url" | "form" | "json" | "header" | "text" | SegmentContext;

/** Returns the context of a path segment: `url`, or a segment context for `encoding`. */
export function pathContext(encoding: SegmentEncoding | undefined): ValueContext {
  if (!encoding) return "url";
  const { encode, keep, lowerCaseHex } = encoding;
  return `segment ${JSON.stringify({ encode, keep, lowerCaseHex })}`;
}

/** File variable names the format itself defines. */
export const BASE_URL_VARIABLE = "baseUrl";
export const TOKEN_VARIABLE = "mkioToken";

/**
 * Names that httpyac 6 does not accept as variables: the JavaScript reserved words and the
 * names of its own script API (its `isAllowedKeyword` check), besides the two defined above.
 */
const RESERVED_NAMES = new Set([
  BASE_URL_VARIABLE,
  TOKEN_VARIABLE,
  ...["httpFile", "httpRegion", "request", "test", "sleep"],
  ...["await", "break", "case", "catch", "class", "const", "continue", "debugger", "default"],
  ...["delete", "do", "else", "enum", "export", "extends", "false", "finally", "for"],
  ...["function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new"],
  ...["null", "package", "private", "protected", "public", "return", "super", "switch"],
  ...["static", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with"],
  "yield",
]);

/** Encodes a recorded value for the place it is inserted, JSON string content without quotes. */
export function encodeValue(value: string, context: ValueContext): string {
  if (context === "url" || context === "form") return percentEncode(value);
  if (context === "json") return jsonStringContent(value);
  if (context.startsWith("segment ")) {
    return encodeSegment(value, JSON.parse(context.slice("segment ".length)) as SegmentEncoding);
  }
  return value;
}

function isForm(mimeType: string): boolean {
  return /^application\/x-www-form-urlencoded/i.test(mimeType);
}

/** Lists, for each parameter of an operation, the contexts its value is inserted in. */
export function parameterContexts(operation: Operation): Map<string, Set<ValueContext>> {
  const contexts = new Map<string, Set<ValueContext>>();
  const add = (param: string, context: ValueContext) => {
    contexts.set(param, (contexts.get(param) ?? new Set()).add(context));
  };
  for (const part of operation.pathParts) {
    if ("slot" in part) add(part.slot.param, pathContext(part.slot.segmentEncoding));
  }
  for (const part of operation.queryParts) {
    if ("slot" in part) add(part.slot.param, "url");
  }
  for (const header of operation.headers) {
    for (const part of header.parts) if ("slot" in part) add(part.slot.param, "header");
  }
  const body = operation.body;
  const bodyParts = body?.kind === "json" ? jsonParts(body.value) : (body?.parts ?? []);
  for (const part of bodyParts) {
    if (!("slot" in part)) continue;
    if (body?.kind === "json") add(part.slot.param, "json");
    else if (isForm(body?.mimeType ?? "") && part.slot.encoding === "query") {
      add(part.slot.param, "form");
    } else add(part.slot.param, "text");
  }
  return contexts;
}

/** Collects the contexts each session variable is inserted in, over all calls. */
function variableContexts(session: SessionModel): Map<string, Set<ValueContext>> {
  const byOperation = new Map(session.operations.map((op) => [op.key, parameterContexts(op)]));
  const contexts = new Map<string, Set<ValueContext>>();
  for (const call of session.calls) {
    const params = byOperation.get(call.operationKey) ?? new Map<string, Set<ValueContext>>();
    for (const [param, used] of params) {
      const variable = call.args[param];
      if (variable === undefined) continue;
      const all = contexts.get(variable) ?? new Set<ValueContext>();
      for (const context of used) all.add(context);
      contexts.set(variable, all);
    }
  }
  return contexts;
}

/**
 * Returns the one text that serves every place a variable is inserted, or undefined when the
 * places need different escaping or the text cannot be a file variable in both runners.
 */
export function fileVariableValue(
  value: string,
  contexts: ReadonlySet<ValueContext>,
): string | undefined {
  const encoded = new Set([...contexts].map((context) => encodeValue(value, context)));
  const [only = value] = encoded;
  if (encoded.size > 1 || !isPortableVariableValue(only)) return undefined;
  if (contexts.has("header") && only.endsWith(",")) return undefined;
  return only;
}

/** The form each session variable takes in the `.http` file. */
export interface VariablePlan {
  /** Returns the text for a variable at one place: its `{{name}}`, or its value escaped there. */
  ref(variable: string, context: ValueContext): string;
  /** `@name = value` lines of the recorded values. */
  definitions: string[];
  /** `@name = {{$processEnv NAME}}` lines of the secrets. */
  secrets: string[];
  /** Names of the variables written into each request instead of a file variable. */
  inlined: string[];
}

/**
 * Plans the file variables. A secret is read from the environment under the name the curl format
 * uses. A recorded value becomes `@name = value` when one text serves every place it is used.
 * Any other value is written, escaped, into each request.
 */
export function planVariables(session: SessionModel): VariablePlan {
  const contexts = variableContexts(session);
  const byName = new Map(session.variables.map((variable) => [variable.name, variable]));
  // Session variable name to file variable name, for the variables that get a file variable.
  const names = new Map<string, string>();
  const ref = (variable: string, context: ValueContext): string => {
    const name = names.get(variable);
    if (name !== undefined) return `{{${name}}}`;
    return encodeValue(byName.get(variable)?.value ?? "", context);
  };

  const plan: VariablePlan = { ref, definitions: [], secrets: [], inlined: [] };
  const takenNames = new Set(RESERVED_NAMES);
  const nextNumbers = new Map<string, number>();
  for (const variable of session.variables) {
    const name = uniqueName(variable.name, (candidate) => takenNames.has(candidate), nextNumbers);
    takenNames.add(name);
    addVariable(plan, variable, name, contexts.get(variable.name) ?? new Set(), names);
  }
  return plan;
}

function addVariable(
  plan: VariablePlan,
  variable: Variable,
  name: string,
  contexts: ReadonlySet<ValueContext>,
  names: Map<string, string>,
): void {
  if (variable.secret || variable.value === null) {
    names.set(variable.name, name);
    plan.secrets.push(`@${name} = {{$processEnv ${envName(variable.name)}}}`);
    return;
  }
  const value = fileVariableValue(variable.value, contexts);
  if (value === undefined) {
    if (contexts.size > 0) plan.inlined.push(variable.name);
    return;
  }
  names.set(variable.name, name);
  plan.definitions.push(`@${name} = ${value}`);
}
