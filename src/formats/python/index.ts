import { envName, snakeName } from "../../model/names.js";
import type { Call, Operation, SessionModel, TemplatePart } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import { describeParameter, urlParts } from "../../render/parts.js";
import type { Format, RenderOptions } from "../format.js";
import { pyValue } from "./json.js";
import { pyConcatTerms, pyDocText, pyIdentifier, pyString } from "./literal.js";

/** Black's line width, which the generated script keeps to where it can. */
const WIDTH = 88;

/** Indentation of the arguments of the `_send` call in an operation function. */
const ARGUMENT_INDENT = "        ";

/** Writes a string expression on one line, or in parentheses one term a line, as Black does. */
function concatArgument(parts: readonly TemplatePart[], prefix = ""): string {
  const terms = pyConcatTerms(parts);
  const line = `${prefix}${terms.join(" + ")}`;
  if (ARGUMENT_INDENT.length + line.length + 1 <= WIDTH) return line;
  const inner = `${ARGUMENT_INDENT}    `;
  return `${prefix}(\n${inner}${terms.join(`\n${inner}+ `)}\n${ARGUMENT_INDENT})`;
}

/**
 * Replaces each lone surrogate in literal text with U+FFFD. The script sends header values as
 * UTF-8, which has no encoding for a lone surrogate, and curl and the TypeScript module send
 * U+FFFD in its place.
 */
function wellFormedParts(parts: readonly TemplatePart[]): TemplatePart[] {
  return parts.map((part) =>
    "text" in part ? { text: part.text.replace(/\p{Surrogate}/gu, "\ufffd") } : part,
  );
}

/** Lists the arguments an operation function passes to `_send`, each as Python source. */
function sendArguments(operation: Operation): string[] {
  const args = [
    pyString(operation.method),
    concatArgument(urlParts(operation)),
    pyString(operation.auth),
  ];
  if (operation.headers.length > 0) {
    const headers = operation.headers.map(
      (header) =>
        `${pyString(header.name)}: ${pyConcatTerms(wellFormedParts(header.parts)).join(" + ")}`,
    );
    args.push(`headers={${headers.join(", ")}}`);
  }
  const body = operation.body;
  if (body?.kind === "json") args.push(`json_body=${pyValue(body.value, ARGUMENT_INDENT)}`);
  else if (body) args.push(concatArgument(body.parts, "text_body="));
  return args;
}

function operationView(operation: Operation) {
  return {
    function: snakeName(operation.key),
    name: pyDocText(operation.name),
    route: pyDocText(`${operation.method} ${operation.pathTemplate}`),
    undocumented: operation.undocumented,
    params: operation.parameters.map((param) => ({
      name: pyIdentifier(param.name),
      description: pyDocText(describeParameter(param)),
    })),
    args: sendArguments(operation),
  };
}

function callView(call: Call, operation: Operation | undefined) {
  const args = (operation?.parameters ?? []).map((param) => {
    const variable = envName(call.args[param.name] ?? param.name);
    return `${pyIdentifier(param.name)}=env[${pyString(variable)}]`;
  });
  return {
    function: snakeName(call.operationKey),
    args,
    count: call.count,
    repeated: call.count > 1,
  };
}

/** Builds the view of the Python script. Every value in it is already Python source. */
export function pythonView(session: SessionModel, options: RenderOptions) {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  const recorded = session.variables.filter((variable) => !variable.secret);
  const secrets = session.variables.filter((variable) => variable.secret);
  return {
    baseUrl: pyString(options.baseUrl),
    baseUrlText: pyDocText(options.baseUrl),
    callCount: session.calls.length,
    hasValues: session.variables.length > 0,
    example: snakeName(session.operations[0]?.key ?? ""),
    recorded: recorded.map((variable) => ({
      key: pyString(envName(variable.name)),
      value: pyString(variable.value ?? ""),
    })),
    secrets: secrets.map((variable) => pyString(envName(variable.name))).join(", "),
    operations: session.operations.map(operationView),
    calls: session.calls.map((call) => callView(call, byKey.get(call.operationKey))),
  };
}

/** The Python script format: one function per operation and a replay of the session. */
export const pythonFormat: Format = {
  fileName: "mkio_client.py",
  async render(session, options) {
    const view = pythonView(session, options);
    const main = await renderTemplate("python/client.py.hbs", view, {}, options.templatesDir);
    return { main };
  },
};
