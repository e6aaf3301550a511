import { envName } from "../../model/names.js";
import type { Call, Operation, SessionModel } from "../../model/types.js";
import { renderTemplate } from "../../render/handlebars.js";
import { describeParameter, urlParts } from "../../render/parts.js";
import { learnedSchemas } from "../../schema/index.js";
import type { Format, RenderOptions } from "../format.js";
import { type BodyType, bodyTypes } from "./body-types.js";
import { WIDTH } from "./doc-comment.js";
import { tsValue } from "./json.js";
import {
  encodesSegments,
  tsCommentText,
  tsConcat,
  tsConcatTerms,
  tsKey,
  tsMember,
  tsString,
  tsTypeKey,
} from "./literal.js";
import { pascalName, TypeNames } from "./type-names.js";

function bodyView(operation: Operation, bodyType: BodyType | undefined) {
  const body = operation.body;
  if (!body) return { declaration: "", statement: "" };
  if (body.kind === "text" || !bodyType) {
    const text = body.kind === "text" ? tsConcat(body.parts) : tsValue(body.value, "  ");
    return { declaration: "", statement: `const body = ${text};` };
  }
  return {
    declaration: bodyType.declaration,
    statement: `const body: ${bodyType.name} = ${tsValue(body.value, "  ")};`,
  };
}

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

function operationView(operation: Operation, paramsType: string, bodyType?: BodyType) {
  const { declaration, statement } = bodyView(operation, bodyType);
  return {
    function: operation.key,
    name: tsCommentText(operation.name),
    route: tsCommentText(`${operation.method} ${operation.pathTemplate}`),
    undocumented: operation.undocumented,
    paramsType,
    params: operation.parameters.map((param) => ({
      key: tsTypeKey(param.name),
      description: tsCommentText(describeParameter(param)),
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

/**
 * Names the parameter and body types of every operation. Parameter types are named first, so
 * that a body or item type whose name would clash with one gets a number instead.
 */
function operationViews(session: SessionModel) {
  const operations = session.operations;
  const names = new TypeNames();
  const paramsTypes = operations.map((operation) =>
    operation.parameters.length > 0 ? names.claim(`${pascalName(operation.key)}Params`) : "",
  );
  const bodies = bodyTypes(operations, learnedSchemas(session), names);
  return operations.map((operation, index) =>
    operationView(operation, paramsTypes[index] ?? "", bodies.get(operation.key)),
  );
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
    encodesSegments: session.operations.some(encodesSegments),
    example: session.operations[0]?.key ?? "",
    recorded: recorded.map((variable) => ({
      key: tsKey(envName(variable.name)),
      value: tsString(variable.value ?? ""),
    })),
    secrets: secrets.map((variable) => tsString(envName(variable.name))).join(", "),
    operations: operationViews(session),
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
