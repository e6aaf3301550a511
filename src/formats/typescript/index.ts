import { envName } from "../../model/names.js";
import { pushText } from "../../model/text-template.js";
import type { Call, Operation, Parameter, SessionModel, TemplatePart } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import type { Format, RenderOptions } from "../format.js";
import { tsBodyDeclaration, tsValue } from "./json.js";
import {
  tsCommentText,
  tsConcat,
  tsConcatTerms,
  tsKey,
  tsMember,
  tsString,
  tsTypeKey,
} from "./literal.js";

function pascalName(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Describes where a parameter goes, as a sentence for its doc comment. */
function describeParameter(param: Parameter): string {
  const where = param.in === "path" ? param.location : `${param.in} ${param.location}`;
  const text = `${where}${param.secret ? " (secret)" : ""}.`;
  return tsCommentText(text.charAt(0).toUpperCase() + text.slice(1));
}

function urlParts(operation: Operation): TemplatePart[] {
  const parts: TemplatePart[] = [...operation.pathParts];
  if (operation.queryParts.length === 0) return parts;
  pushText(parts, "?");
  for (const part of operation.queryParts) {
    if ("text" in part) pushText(parts, part.text);
    else parts.push(part);
  }
  return parts;
}

function bodyView(operation: Operation, typeName: string) {
  const body = operation.body;
  if (!body) return { declaration: "", statement: "" };
  if (body.kind === "text") {
    return { declaration: "", statement: `const body = ${tsConcat(body.parts)};` };
  }
  return {
    declaration: tsBodyDeclaration(typeName, body.value),
    statement: `const body: ${typeName} = ${tsValue(body.value, "  ")};`,
  };
}

/** The line width the generated module keeps to where it can. */
const WIDTH = 100;

/** Indentation of the fields of the request object in an operation function. */
const FIELD_INDENT = "    ";

/** Writes the `path` field on one line, or one term a line when that line would be too long. */
function pathField(operation: Operation): string {
  const terms = tsConcatTerms(urlParts(operation));
  const line = `path: ${terms.join(" + ")}`;
  if (FIELD_INDENT.length + line.length + 1 <= WIDTH) return line;
  const termIndent = `${FIELD_INDENT}  `;
  return `path:\n${termIndent}${terms.join(` +\n${termIndent}`)}`;
}

/** Lists the fields of the request object that an operation function passes to `mkioSend`. */
function requestFields(operation: Operation): string[] {
  const fields = [
    `method: ${tsString(operation.method)}`,
    pathField(operation),
    `auth: ${tsString(operation.auth)}`,
  ];
  if (operation.headers.length > 0) {
    const headers = operation.headers.map(
      (header) => `${tsString(header.name)}: ${tsConcat(header.parts)}`,
    );
    fields.push(`headers: { ${headers.join(", ")} }`);
  }
  if (operation.body?.kind === "json") fields.push("body: JSON.stringify(body)");
  else if (operation.body) fields.push("body");
  return fields;
}

function operationView(operation: Operation) {
  const typeName = pascalName(operation.key);
  const { declaration, statement } = bodyView(operation, `${typeName}Body`);
  return {
    function: operation.key,
    name: tsCommentText(operation.name),
    route: tsCommentText(`${operation.method} ${operation.pathTemplate}`),
    undocumented: operation.undocumented,
    paramsType: operation.parameters.length > 0 ? `${typeName}Params` : "",
    params: operation.parameters.map((param) => ({
      key: tsTypeKey(param.name),
      description: describeParameter(param),
    })),
    bodyDeclaration: declaration,
    bodyStatement: statement,
    request: requestFields(operation),
  };
}

function callView(call: Call, operation: Operation | undefined) {
  const args = (operation?.parameters ?? []).map((param) => {
    const variable = envName(call.args[param.name] ?? param.name);
    return `${tsKey(param.name)}: ${tsMember("env", variable)}`;
  });
  return { function: call.operationKey, args, count: call.count, repeated: call.count > 1 };
}

/** Builds the view of the TypeScript module. Every value in it is already TypeScript source. */
export function typescriptView(session: SessionModel, options: RenderOptions) {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  const recorded = session.variables.filter((variable) => !variable.secret);
  const secrets = session.variables.filter((variable) => variable.secret);
  return {
    baseUrl: tsString(options.baseUrl),
    callCount: session.calls.length,
    hasValues: session.variables.length > 0,
    example: session.operations[0]?.key ?? "",
    recorded: recorded.map((variable) => ({
      key: tsKey(envName(variable.name)),
      value: tsString(variable.value ?? ""),
    })),
    secrets: secrets.map((variable) => tsString(envName(variable.name))).join(", "),
    operations: session.operations.map(operationView),
    calls: session.calls.map((call) => callView(call, byKey.get(call.operationKey))),
  };
}

/** The TypeScript module format: typed functions for Node.js 20 and a replay of the session. */
export const typescriptFormat: Format = {
  fileName: "mkio-client.ts",
  async render(session, options) {
    const view = typescriptView(session, options);
    const main = await renderTemplate("typescript/client.ts.hbs", view, {}, options.templatesDir);
    return { main };
  },
};
