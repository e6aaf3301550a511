import type { CatalogOperation } from "../../catalog/catalog.js";
import type { AuthScheme, Call } from "../../model/types.js";
import type { LearnedOperation } from "../../schema/learn.js";
import { redactedJson } from "../../schema/sample.js";
import { bareMimeType, requestSample, responseSample } from "../../schema/samples.js";
import { parametersOf, type TemplateCalls } from "./parameters.js";

/** Names of the security schemes in `components.securitySchemes`, by auth scheme. */
export const SECURITY_SCHEME_NAMES: Record<AuthScheme, string> = {
  bearer: "bearerAuth",
  "x-mkio-token": "mkioToken",
};

/** The names under which an operation's learned schemas sit in `components.schemas`. */
export interface SchemaRefs {
  request?: string;
  response?: string;
}

function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

function requestBody(learned: LearnedOperation, group: TemplateCalls, name: string | undefined) {
  if (!name) return undefined;
  const secretPaths = learned.fields.secretPaths();
  const operations = new Map(group.operations.map((operation) => [operation.key, operation]));
  const content: Record<string, { schema: { $ref: string }; example?: unknown }> = {};
  let allHaveBody = true;
  for (const call of group.calls) {
    const operation = operations.get(call.operationKey);
    const sample = operation && requestSample(call, operation, group.variables, secretPaths);
    if (!operation?.body || sample === undefined) {
      allHaveBody = false;
      continue;
    }
    const mime = bareMimeType(operation.body.mimeType);
    content[mime] ??= { schema: ref(name), example: redactedJson(sample) };
  }
  if (Object.keys(content).length === 0) return undefined;
  return { required: allHaveBody, content };
}

function responseObject(status: number, calls: Call[], learned: LearnedOperation, name?: string) {
  if (status < 200 || status > 299) {
    return { description: "Failure, as recorded; no schema is learned from failed calls." };
  }
  const secretPaths = learned.fields.secretPaths();
  const json = calls.find((call) => responseSample(call, secretPaths) !== undefined);
  if (!json || !name) return { description: "Success without a JSON body, as recorded." };
  return {
    description: "Success, as recorded; the schema is learned from every recorded success.",
    content: { [bareMimeType(json.response.mimeType)]: { schema: ref(name) } },
  };
}

/** Tells whether a recorded status can be a response key; a HAR gives 0 when none came back. */
function isHttpStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 100 && status <= 599;
}

function responses(learned: LearnedOperation, group: TemplateCalls, name: string | undefined) {
  const byStatus = new Map<number, Call[]>();
  for (const call of group.calls) {
    const calls = byStatus.get(call.status) ?? [];
    calls.push(call);
    byStatus.set(call.status, calls);
  }
  const recorded = [...byStatus.keys()].sort((a, b) => a - b);
  const out: Record<string, unknown> = {};
  for (const status of recorded.filter(isHttpStatus)) {
    out[String(status)] = responseObject(status, byStatus.get(status) ?? [], learned, name);
  }
  if (recorded.some((status) => !isHttpStatus(status))) {
    out.default = { description: "No response was recorded: the request failed or was aborted." };
  }
  return out;
}

/** Returns the catalog's current path with variable names: `/api/v1/projects/{projectName}/…`. */
function currentPath(catalog: CatalogOperation): string | undefined {
  if (!catalog.pathTemplate.startsWith("/api/v1/")) return undefined;
  const variables = new Map(catalog.pathParams.map((param) => [param.param, param.variable]));
  return catalog.pathTemplate.replace(/\{([^}]+)\}/g, (_match, param: string) => {
    return `{${variables.get(param) ?? param}}`;
  });
}

function description(learned: LearnedOperation, group: TemplateCalls): string | undefined {
  if (!learned.catalog) {
    return "Not in the MK/IO API reference; the path template is inferred from the recorded URLs.";
  }
  const current = currentPath(learned.catalog);
  if (current && group.operations.every((operation) => operation.shape === "legacy")) {
    return `The AMS-compatible legacy path of this operation; the current path is \`${current}\`.`;
  }
  return undefined;
}

/** Builds the OpenAPI Operation Object for the calls of one path template. */
export function operationObject(
  learned: LearnedOperation,
  group: TemplateCalls,
  operationId: string,
  schemas: SchemaRefs,
): Record<string, unknown> {
  const schemes = [...new Set(group.operations.map((operation) => operation.auth))];
  const operation: Record<string, unknown> = {
    operationId,
    summary: learned.name,
    tags: [learned.resource],
  };
  const text = description(learned, group);
  if (text) operation.description = text;
  if (!learned.catalog) operation["x-undocumented"] = true;

  const parameters = parametersOf(group);
  if (parameters.length > 0) operation.parameters = parameters;
  const body = requestBody(learned, group, schemas.request);
  if (body) operation.requestBody = body;
  operation.responses = responses(learned, group, schemas.response);

  // Each entry is an alternative: templates of one path may have used different schemes.
  operation.security = schemes.map((scheme) => ({ [SECURITY_SCHEME_NAMES[scheme]]: [] }));
  return operation;
}
