import type { Call, Operation, TemplatePart, Variable } from "../../model/types.js";
import { isSampleObject } from "../../schema/sample.js";
import { formSample, hideSecrets, paramValues } from "../../schema/samples.js";

/** An OpenAPI Parameter Object, as far as this format writes one. */
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: { type: "string" };
  example?: string;
}

/** The calls of one path template, with the session variables their arguments name. */
export interface TemplateCalls {
  template: string;
  operations: Operation[];
  calls: Call[];
  variables: ReadonlyMap<string, Variable>;
}

function firstValue(group: TemplateCalls, param: string): string | undefined {
  for (const call of group.calls) {
    const value = paramValues(call, group.variables)(param);
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** Lists one parameter per `{name}` of the path template, in order, with a recorded example. */
function pathParameters(group: TemplateCalls): ParameterObject[] {
  const names = [...group.template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  return names.map((name) => {
    const parameter: ParameterObject = {
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    };
    const example = firstValue(group, name);
    if (example !== undefined) parameter.example = example;
    return parameter;
  });
}

/** Lists the query parameters the calls used. A secret value (`sig`, `token`) gets no example. */
function queryParameters(group: TemplateCalls): ParameterObject[] {
  const byName = new Map<string, ParameterObject>();
  const operations = new Map(group.operations.map((operation) => [operation.key, operation]));
  for (const call of group.calls) {
    const parts = operations.get(call.operationKey)?.queryParts ?? [];
    const query = hideSecrets(formSample(parts, paramValues(call, group.variables)), new Set());
    if (!isSampleObject(query)) continue;
    for (const [name, value] of Object.entries(query)) {
      if (byName.has(name)) continue;
      const parameter: ParameterObject = { name, in: "query", schema: { type: "string" } };
      if (typeof value === "string") parameter.example = value;
      byName.set(name, parameter);
    }
  }
  return [...byName.values()];
}

/** Returns a header's recorded text, or undefined when it is or contains a secret. */
function headerExample(name: string, parts: readonly TemplatePart[]): string | undefined {
  if (parts.some((part) => "slot" in part)) return undefined;
  const text = parts.map((part) => ("text" in part ? part.text : "")).join("");
  const checked = hideSecrets(text, new Set(), "", name);
  return typeof checked === "string" ? checked : undefined;
}

/** Lists the custom headers the templates send, except `Content-Type`, which the body declares. */
function headerParameters(group: TemplateCalls): ParameterObject[] {
  const byName = new Map<string, ParameterObject>();
  for (const operation of group.operations) {
    for (const header of operation.headers) {
      const lower = header.name.toLowerCase();
      if (lower === "content-type" || byName.has(lower)) continue;
      const parameter: ParameterObject = {
        name: header.name,
        in: "header",
        schema: { type: "string" },
      };
      const example = headerExample(header.name, header.parts);
      if (example !== undefined) parameter.example = example;
      byName.set(lower, parameter);
    }
  }
  return [...byName.values()];
}

/** Lists the path, query and header parameters of the calls of one path template. */
export function parametersOf(group: TemplateCalls): ParameterObject[] {
  return [...pathParameters(group), ...queryParameters(group), ...headerParameters(group)];
}
