import { envName, kebabName, snakeName } from "../../model/names.js";
import type { Call, Operation, SessionModel, TemplatePart } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import { jsonParts } from "../../render/json-parts.js";
import { appendParts, urlParts } from "../../render/parts.js";
import type { Format, RenderOptions } from "../format.js";
import { printfCommand, shellQuote, shellWord } from "./shell.js";

/**
 * Makes recorded text safe inside a `#` comment: a line break would end the comment and let the
 * rest run as a command, so control and line-separator characters are written as `\uXXXX`.
 */
export function commentText(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      const control =
        code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029;
      return control ? `\\u${code.toString(16).padStart(4, "0")}` : char;
    })
    .join("");
}

/**
 * Writes `NAME=${NAME-'value'}`: keeps a value set in the environment, even an empty one. The
 * expansion is unquoted, so the single quotes inside it are removed as in any assignment.
 */
export function defaultAssignment(name: string, value: string): string {
  return `${name}=\${${name}-${shellQuote(value)}}`;
}

function hasNul(parts: readonly TemplatePart[]): boolean {
  return parts.some((part) => "text" in part && part.text.includes("\0"));
}

/**
 * Writes the curl option that sends an operation's body. A text body with NUL is printed by
 * `printf` into a file that `--data-binary` reads, because bash drops NUL from a word. The token
 * already goes through standard input, so the file is a process substitution.
 */
function bodyArg(operation: Operation): string | undefined {
  const body = operation.body;
  if (!body) return undefined;
  // --data-raw, unlike --data-binary, never reads a body that starts with @ as a file name.
  if (body.kind === "json") return `--data-raw ${shellWord(jsonParts(body.value), true)}`;
  if (hasNul(body.parts)) return `--data-binary @<(${printfCommand(body.parts)})`;
  return `--data-raw ${shellWord(body.parts)}`;
}

function requestArgs(operation: Operation): string[] {
  const args: string[] = [];
  for (const header of operation.headers) {
    const parts: TemplatePart[] = [];
    appendParts(parts, [{ text: `${header.name}: ` }, ...header.parts]);
    args.push(`-H ${shellWord(parts)}`);
  }
  const body = bodyArg(operation);
  if (body !== undefined) args.push(body);
  return args;
}

function urlWord(operation: Operation): string {
  return shellWord(urlParts(operation));
}

function defaultsOf(operation: Operation, firstCall: Call | undefined) {
  return operation.parameters.map((param) => ({
    local: snakeName(param.name),
    flag: `--${kebabName(param.name)}`,
    env: envName(firstCall?.args[param.name] ?? param.name),
    secret: param.secret,
    location: commentText(param.in === "path" ? param.location : `${param.in} ${param.location}`),
  }));
}

function operationView(operation: Operation, firstCall: Call | undefined) {
  const params = defaultsOf(operation, firstCall);
  return {
    function: snakeName(operation.key),
    name: commentText(operation.name),
    undocumented: operation.undocumented,
    method: operation.method,
    pathTemplate: commentText(operation.pathTemplate),
    auth: operation.auth,
    params,
    url: urlWord(operation),
    args: requestArgs(operation),
  };
}

function callView(call: Call, operation: Operation | undefined) {
  const args = (operation?.parameters ?? []).map(
    (param) => `--${kebabName(param.name)} "$${envName(call.args[param.name] ?? param.name)}"`,
  );
  return {
    function: snakeName(call.operationKey),
    args,
    count: call.count,
    repeated: call.count > 1,
    refs: call.refs.map((ref) => `${ref.file} entries[${ref.index}]`).join(", "),
  };
}

/** Shows how to call the first function with another value for its last path parameter. */
function usageExample(operation: Operation | undefined): string {
  if (!operation) return "";
  const pathParams = operation.parameters.filter((param) => param.in === "path");
  const last = pathParams.at(-1);
  const flag = last ? ` --${kebabName(last.name)} other-${kebabName(last.name)}` : "";
  return `${snakeName(operation.key)}${flag}`;
}

/** Builds the view of the bash script; every value in it is already quoted for bash. */
export function curlView(session: SessionModel, options: RenderOptions) {
  const operations = new Map(session.operations.map((operation) => [operation.key, operation]));
  const firstCalls = new Map<string, Call>();
  for (const call of session.calls) {
    if (!firstCalls.has(call.operationKey)) firstCalls.set(call.operationKey, call);
  }
  return {
    baseUrl: defaultAssignment("MKIO_BASE_URL", options.baseUrl),
    example: usageExample(session.operations[0]),
    callCount: session.calls.length,
    variables: session.variables
      .filter((variable) => !variable.secret)
      .map((variable) => defaultAssignment(envName(variable.name), variable.value ?? "")),
    secrets: session.variables
      .filter((variable) => variable.secret)
      .map((variable) => ({
        env: envName(variable.name),
        assignment: defaultAssignment(envName(variable.name), ""),
      })),
    operations: session.operations.map((operation) =>
      operationView(operation, firstCalls.get(operation.key)),
    ),
    calls: session.calls.map((call) => callView(call, operations.get(call.operationKey))),
  };
}

/** The bash and curl script format. */
export const curlFormat: Format = {
  fileName: "requests.sh",
  async render(session, options) {
    const view = curlView(session, options);
    return { main: await renderTemplate("curl/script.sh.hbs", view, {}, options.templatesDir) };
  },
};
