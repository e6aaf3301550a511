import type { Call, Operation, SessionModel } from "../../model/types.js";
import { fillJson } from "../../render/json-parts.js";
import type { Format } from "../format.js";

function partsText(parts: Operation["pathParts"], args: Call["args"]): string {
  return parts.map((part) => ("text" in part ? part.text : `{${args[part.slot.param]}}`)).join("");
}

function callJson(call: Call, operation: Operation, session: SessionModel) {
  const variables: Record<string, string> = {};
  for (const param of operation.parameters) {
    const variable = session.variables.find((v) => v.name === call.args[param.name]);
    if (variable && !variable.secret && variable.value !== null)
      variables[variable.name] = variable.value;
  }
  const body = operation.body;
  return {
    operationId: operation.catalogId,
    operationName: operation.name,
    undocumented: operation.undocumented,
    template: operation.key,
    method: operation.method,
    pathTemplate: partsText(operation.pathParts, call.args),
    query: operation.queryParts.length > 0 ? partsText(operation.queryParts, call.args) : null,
    status: call.status,
    count: call.count,
    auth: operation.auth,
    variables,
    body:
      body?.kind === "json"
        ? fillJson(body.value, (param) => ({ $variable: call.args[param] }))
        : body
          ? partsText(body.parts, call.args)
          : null,
    entries: call.refs.map((ref) => ({ file: ref.file, index: ref.index })),
  };
}

/** Builds the machine-readable view of a session; secrets appear only as variable names. */
export function sessionJson(session: SessionModel) {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  return {
    calls: session.calls.flatMap((call) => {
      const operation = byKey.get(call.operationKey);
      return operation ? [callJson(call, operation, session)] : [];
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
