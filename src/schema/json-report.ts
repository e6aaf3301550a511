import { fieldRows, observedPaths } from "./fields.js";
import { JSON_SCHEMA_DIALECT, type JsonSchema } from "./json-schema.js";
import type { LearnedBody, LearnedOperation } from "./learn.js";

function bodyJson(body: LearnedBody | undefined) {
  if (!body) return null;
  const schema: JsonSchema = { $schema: JSON_SCHEMA_DIALECT, ...body.schema };
  return { samples: body.samples, mimeTypes: body.mimeTypes, statuses: body.statuses, schema };
}

function catalogJson(learned: LearnedOperation) {
  const request = learned.request;
  if (!learned.catalog || !request) return null;
  const undocumented = fieldRows(request.shape)
    .map((row) => row.path)
    .filter((path) => learned.fields.info(path).label === "undocumented");
  const missing = learned.fields.missing(observedPaths(request.shape));
  return {
    undocumentedFields: undocumented,
    documentedFieldsNotSent: missing.map(({ field, nested }) => ({
      path: field.path,
      type: field.type,
      required: field.required === true,
      nestedFieldsNotSent: nested,
    })),
  };
}

function operationJson(learned: LearnedOperation) {
  return {
    id: learned.id,
    name: learned.name,
    method: learned.method,
    undocumented: learned.catalog === undefined,
    pathTemplates: [...new Set(learned.operations.map((operation) => operation.pathTemplate))],
    templates: learned.operations.map((operation) => operation.key),
    calls: learned.calls.length,
    request: bodyJson(learned.request),
    response: bodyJson(learned.response),
    catalog: catalogJson(learned),
  };
}

/** Builds the machine-readable schema report: per operation, its schemas and catalog findings. */
export function schemaJson(learned: readonly LearnedOperation[]) {
  return { operations: learned.map(operationJson) };
}
