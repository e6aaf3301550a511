import { uniqueName } from "../../model/names.js";
import type { AuthScheme, Call, SessionModel, Variable } from "../../model/types.js";
import type { JsonSchema } from "../../schema/json-schema.js";
import type { LearnedOperation } from "../../schema/learn.js";
import type { RenderOptions } from "../format.js";
import { operationObject, type SchemaRefs, SECURITY_SCHEME_NAMES } from "./operation.js";
import type { TemplateCalls } from "./parameters.js";

/** The OpenAPI version written; @apidevtools/swagger-parser 12 validates 3.1.0 to 3.1.2. */
export const OPENAPI_VERSION = "3.1.0";

const SECURITY_SCHEMES: Record<AuthScheme, Record<string, string>> = {
  bearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "MK/IO token in `Authorization: Bearer <token>`, as the current API takes it.",
  },
  "x-mkio-token": {
    type: "apiKey",
    in: "header",
    name: "x-mkio-token",
    description: "MK/IO token in the `x-mkio-token` header, as the legacy API takes it.",
  },
};

/** Splits a learned operation's templates and calls by path template, in order of first use. */
function byTemplate(
  learned: LearnedOperation,
  variables: ReadonlyMap<string, Variable>,
): TemplateCalls[] {
  const groups = new Map<string, TemplateCalls>();
  const groupOfKey = new Map<string, TemplateCalls>();
  for (const operation of learned.operations) {
    const template = operation.pathTemplate;
    const group = groups.get(template) ?? { template, operations: [], calls: [], variables };
    group.operations.push(operation);
    groups.set(template, group);
    groupOfKey.set(operation.key, group);
  }
  // A group lists the calls of its first template, then those of the next, each in recorded order.
  const callsOfKey = new Map<string, Call[]>();
  for (const call of learned.calls) {
    const calls = callsOfKey.get(call.operationKey) ?? [];
    calls.push(call);
    callsOfKey.set(call.operationKey, calls);
  }
  for (const operation of learned.operations) {
    const group = groupOfKey.get(operation.key);
    for (const call of callsOfKey.get(operation.key) ?? []) group?.calls.push(call);
  }
  return [...groups.values()];
}

/** Puts an operation's schemas into `components.schemas`, named after its id. */
function addSchemas(learned: LearnedOperation, schemas: Record<string, JsonSchema>): SchemaRefs {
  const refs: SchemaRefs = {};
  if (learned.request) {
    refs.request = `${learned.id}Request`;
    schemas[refs.request] = learned.request.schema;
  }
  if (learned.response) {
    refs.response = `${learned.id}Response`;
    schemas[refs.response] = learned.response.schema;
  }
  return refs;
}

function infoDescription(session: SessionModel): string {
  const calls = session.calls.length;
  return (
    `Recorded by har2mkio from ${calls} distinct MK/IO ${calls === 1 ? "call" : "calls"}. ` +
    "Schemas are learned from the recorded bodies: `x-samples` counts the bodies that held a " +
    "field, `x-mkio-catalog` tells whether the MK/IO API reference documents it, and " +
    "operations with `x-undocumented: true` match no documented operation. " +
    "Examples are recorded values with secrets replaced by `<redacted>`."
  );
}

/** Builds the OpenAPI 3.1 document of a session from its learned operations. */
export function openApiDocument(
  session: SessionModel,
  learned: readonly LearnedOperation[],
  options: RenderOptions,
) {
  const variables = new Map(session.variables.map((variable) => [variable.name, variable]));
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = {};
  const tags = new Set<string>();
  const schemes = new Set<AuthScheme>();
  const operationIds = new Set<string>();
  const nextNumbers = new Map<string, number>();
  for (const operation of learned) {
    const refs = addSchemas(operation, schemas);
    tags.add(operation.resource);
    byTemplate(operation, variables).forEach((group, index) => {
      // The first path keeps the catalog id; another path (the legacy one) takes a template key.
      const base = index === 0 ? operation.id : (group.operations[0]?.key ?? operation.id);
      const operationId = uniqueName(base, (name) => operationIds.has(name), nextNumbers);
      operationIds.add(operationId);
      for (const template of group.operations) schemes.add(template.auth);
      const item = paths[group.template] ?? {};
      item[operation.method.toLowerCase()] = operationObject(operation, group, operationId, refs);
      paths[group.template] = item;
    });
  }
  const securitySchemes = Object.fromEntries(
    [...schemes].map((scheme) => [SECURITY_SCHEME_NAMES[scheme], SECURITY_SCHEMES[scheme]]),
  );
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: "MK/IO API, as recorded",
      version: "recorded",
      description: infoDescription(session),
    },
    servers: [{ url: options.baseUrl }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: { schemas, securitySchemes },
  };
}
