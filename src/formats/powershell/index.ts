import { envName } from "../../model/names.js";
import type { Call, Operation, SessionModel, TemplatePart } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import { describeParameter, urlParts } from "../../render/parts.js";
import type { WarningList } from "../../warnings.js";
import type { Format, RenderOptions } from "../format.js";
import { psBody } from "./json.js";
import { psCommentText, psConcatTerms, psString } from "./literal.js";
import { psFunctionNames, psParameterName } from "./names.js";

/** Indentation of statements inside a generated function. */
const BODY_INDENT = "    ";

function variableOf(param: string): string {
  return `$${psParameterName(param)}`;
}

function concat(parts: readonly TemplatePart[]): string {
  return psConcatTerms(parts, variableOf).join(" + ");
}

/**
 * Writes the `$body = ...` statement and the `Body` entry of the request, if there is a body. A
 * body written as JSON text instead of a hashtable gets a warning, because it is harder to edit.
 */
function bodyView(
  operation: Operation,
  functionName: string,
  warnings: WarningList | undefined,
): { statement: string; entry: string } | undefined {
  const body = operation.body;
  if (!body) return undefined;
  if (body.kind === "text") return { statement: "", entry: `Body = ${concat(body.parts)}` };
  const { expression, depth, fallbackReason } = psBody(body.value, BODY_INDENT, variableOf);
  if (fallbackReason !== undefined) {
    const message = `request body written as JSON text instead of a hashtable, because ${fallbackReason}`;
    warnings?.add(`${powershellFormat.fileName}: ${functionName}`, message);
  }
  if (depth === undefined) return { statement: "", entry: `Body = ${expression}` };
  return {
    statement: `$body = ${expression}`,
    entry: `Body = (ConvertTo-Json -InputObject $body -Depth ${depth} -Compress)`,
  };
}

/** Lists the entries of the hashtable an operation function splats into Invoke-MkioRequest. */
function requestEntries(operation: Operation, bodyEntry: string | undefined): string[] {
  const entries = [
    `Method = ${psString(operation.method)}`,
    `Path = ${concat(urlParts(operation))}`,
    `Auth = ${psString(operation.auth)}`,
  ];
  const isContentType = (name: string) => name.toLowerCase() === "content-type";
  const headers = operation.headers.filter((header) => !isContentType(header.name));
  if (headers.length > 0) {
    const pairs = headers.map((header) => `${psString(header.name)} = ${concat(header.parts)}`);
    entries.push(`Headers = @{ ${pairs.join("; ")} }`);
  }
  // Invoke-RestMethod takes the content type as a parameter, because Windows PowerShell 5.1
  // rejects it among the headers.
  const contentType = operation.headers.find((header) => isContentType(header.name));
  if (contentType) entries.push(`ContentType = ${concat(contentType.parts)}`);
  if (bodyEntry) entries.push(bodyEntry);
  return entries;
}

function operationView(
  operation: Operation,
  functionName: string,
  warnings: WarningList | undefined,
) {
  const body = bodyView(operation, functionName, warnings);
  return {
    function: functionName,
    name: psCommentText(operation.name),
    route: psCommentText(`${operation.method} ${operation.pathTemplate}`),
    undocumented: operation.undocumented,
    params: operation.parameters.map((param) => ({
      name: psParameterName(param.name),
      description: psCommentText(describeParameter(param)),
    })),
    bodyStatement: body?.statement ?? "",
    request: requestEntries(operation, body?.entry),
  };
}

function callView(call: Call, operation: Operation | undefined, functionName: string) {
  const args = (operation?.parameters ?? []).map((param) => {
    const variable = envName(call.args[param.name] ?? param.name);
    return `-${psParameterName(param.name)} $values[${psString(variable)}]`;
  });
  return { function: functionName, args, count: call.count, repeated: call.count > 1 };
}

/** Builds the view of the PowerShell script. Every value in it is already PowerShell source. */
export function powershellView(session: SessionModel, options: RenderOptions) {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  const names = psFunctionNames(session.operations);
  const nameOf = (key: string) => names.get(key) ?? key;
  const first = session.operations[0];
  return {
    baseUrl: psString(options.baseUrl),
    baseUrlText: psCommentText(options.baseUrl),
    callCount: session.calls.length,
    example: first ? nameOf(first.key) : "",
    recorded: session.variables
      .filter((variable) => !variable.secret)
      .map((variable) => ({
        key: psString(envName(variable.name)),
        value: psString(variable.value ?? ""),
      })),
    secrets: session.variables
      .filter((variable) => variable.secret)
      .map((variable) => psString(envName(variable.name)))
      .join(", "),
    operations: session.operations.map((operation) =>
      operationView(operation, nameOf(operation.key), options.warnings),
    ),
    calls: session.calls.map((call) =>
      callView(call, byKey.get(call.operationKey), nameOf(call.operationKey)),
    ),
  };
}

/** The PowerShell script format: one Invoke-RestMethod function per operation and a replay. */
export const powershellFormat: Format = {
  fileName: "mkio-requests.ps1",
  async render(session, options) {
    const view = powershellView(session, options);
    const main = await renderTemplate(
      "powershell/requests.ps1.hbs",
      view,
      {},
      options.templatesDir,
    );
    return { main };
  },
};
