import type { Call, Operation, SessionModel, Variable } from "../../model/types.js";
import { fillJson } from "../../render/json-parts.js";
import type { Format } from "../format.js";

function partsText(parts: Operation["pathParts"]): string {
  return parts.map((part) => ("text" in part ? part.text : `{${part.slot.param}}`)).join("");
}

function bodyJson(operation: Operation): unknown {
  const body = operation.body;
  if (!body) return null;
  if (body.kind === "text") return partsText(body.parts);
  return fillJson(body.value, (param) => ({ $variable: param }));
}

function callJson(call: Call, operation: Operation, byName: ReadonlyMap<string, Variable>) {
  const variables: Record<string, string> = {};
  const secrets: string[] = [];
  for (const param of operation.parameters) {
    const variable = byName.get(call.args[param.name] ?? "");
    if (!variable || variable.value === null) secrets.push(param.name);
    else variables[param.name] = variable.value;
  }
  return {
    operationId: operation.catalogId,
    operationName: operation.name,
    undocumented: operation.undocumented,
    template: operation.key,
    method: operation.method,
    pathTemplate: operation.pathTemplate,
    query: operation.queryParts.length > 0 ? partsText(operation.queryParts) : null,
    status: call.status,
    count: call.count,
    auth: operation.auth,
    variables,
    secrets,
    sessionVariables: call.args,
    body: bodyJson(operation),
    entries: call.refs.map((ref) => ({ file: ref.file, index: ref.index })),
  };
}

/** Builds the machine-readable view of a session; secrets appear only as variable names. */
export function sessionJson(session: SessionModel) {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  const byName = new Map(session.variables.map((variable) => [variable.name, variable]));
  return {
    calls: session.calls.flatMap((call) => {
      const operation = byKey.get(call.operationKey);
      return operation ? [callJson(call, operation, byName)] : [];
    }),
    variables: session.variables.map((v) => ({ name: v.name, value: v.value, secret: v.secret })),
    stats: {
      entries: session.stats.entries,
      kept: session.stats.kept,
      duplicates: session.stats.duplicates,
      skipped: Object.fromEntries(session.stats.skipped),
    },
  };
}

/** The JSON format. */
export const jsonFormat: Format = {
  fileName: "calls.json",
  async render(session) {
    return { main: `${JSON.stringify(sessionJson(session), null, 2)}\n` };
  },
};
