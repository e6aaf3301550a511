import { envName } from "../model/names.js";
import type {
  Call,
  Operation,
  SegmentEncoding,
  SessionModel,
  TemplatePart,
  Variable,
} from "../model/types.js";
import { fillJson, jsonParts } from "./json-parts.js";
import { encodeSegment } from "./percent-encode.js";

/**
 * The format-neutral view that user templates render, documented field by field in the README.
 * Values are neither quoted nor escaped, except URL paths and queries, which are percent-encoded
 * as sent. Templates quote values with the registered helpers.
 */

/** Literal text, or the place where a parameter's value goes and how it is encoded there. */
export interface PartView {
  text: string | null;
  param: string | null;
  /** `path-segment` and `query` percent-encode, `json` writes a JSON string, `raw` inserts as is. */
  encoding: "path-segment" | "query" | "json" | "raw" | null;
  /** Recorded percent-encoding of a path segment, where it differs from `encodeURIComponent`. */
  segmentEncoding: SegmentEncoding | null;
}

function partViews(parts: readonly TemplatePart[], json = false): PartView[] {
  return parts.map((part) => {
    if ("text" in part)
      return { text: part.text, param: null, encoding: null, segmentEncoding: null };
    return {
      text: null,
      param: part.slot.param,
      encoding: json ? "json" : part.slot.encoding,
      segmentEncoding: part.slot.segmentEncoding ?? null,
    };
  });
}

function placeholders(parts: readonly PartView[]): string {
  return parts
    .map(
      (part) => part.text ?? (part.encoding === "json" ? `"{${part.param}}"` : `{${part.param}}`),
    )
    .join("");
}

function authOf(operation: Operation) {
  const bearer = operation.auth === "bearer";
  return {
    authHeader: bearer ? "Authorization" : "x-mkio-token",
    authPrefix: bearer ? "Bearer " : "",
  };
}

function bodyParts(operation: Operation): PartView[] | null {
  const body = operation.body;
  if (!body) return null;
  return body.kind === "json" ? partViews(jsonParts(body.value), true) : partViews(body.parts);
}

function operationView(operation: Operation, callCount: number) {
  const pathParts = partViews(operation.pathParts);
  const queryParts = partViews(operation.queryParts);
  const body = bodyParts(operation);
  return {
    key: operation.key,
    name: operation.name,
    catalogId: operation.catalogId,
    undocumented: operation.undocumented,
    resource: operation.resource,
    method: operation.method,
    shape: operation.shape,
    auth: operation.auth,
    ...authOf(operation),
    pathTemplate: placeholders(pathParts),
    pathParts,
    queryTemplate: placeholders(queryParts),
    queryParts,
    headers: operation.headers.map((header) => {
      const parts = partViews(header.parts);
      return { name: header.name, template: placeholders(parts), parts };
    }),
    body: body && {
      mimeType: operation.body?.mimeType ?? "",
      isJson: operation.body?.kind === "json",
      template: placeholders(body),
      parts: body,
    },
    parameters: operation.parameters.map((param) => ({ ...param })),
    callCount,
  };
}

/** Returns the text a part stands for in one call, where a secret stays as its `{variable}`. */
function fillPart(part: PartView, call: Call, variables: Map<string, Variable>): string {
  if (part.text !== null) return part.text;
  const name = call.args[part.param ?? ""] ?? "";
  const value = variables.get(name)?.value ?? null;
  if (value === null) return part.encoding === "json" ? `"{${name}}"` : `{${name}}`;
  if (part.encoding === "json") return JSON.stringify(value);
  if (part.encoding === "raw") return value;
  return encodeSegment(value, part.segmentEncoding ?? undefined);
}

function callBody(call: Call, operation: Operation, variables: Map<string, Variable>) {
  const body = operation.body;
  if (!body) return null;
  const text = (bodyParts(operation) ?? []).map((part) => fillPart(part, call, variables));
  const data =
    body.kind === "json"
      ? fillJson(body.value, (param) => {
          const name = call.args[param] ?? "";
          return variables.get(name)?.value ?? `{${name}}`;
        })
      : null;
  return { mimeType: body.mimeType, isJson: body.kind === "json", text: text.join(""), data };
}

function callArgs(call: Call, operation: Operation, variables: Map<string, Variable>) {
  return operation.parameters.map((param) => {
    const variable = variables.get(call.args[param.name] ?? "");
    return {
      parameter: param.name,
      variable: variable?.name ?? "",
      value: variable?.value ?? null,
      secret: param.secret,
      in: param.in,
    };
  });
}

function callView(
  call: Call,
  index: number,
  operation: Operation,
  variables: Map<string, Variable>,
) {
  const fill = (parts: readonly TemplatePart[]) =>
    partViews(parts)
      .map((part) => fillPart(part, call, variables))
      .join("");
  const path = fill(operation.pathParts);
  const query = fill(operation.queryParts);
  return {
    index: index + 1,
    operation: operation.key,
    name: operation.name,
    method: operation.method,
    auth: operation.auth,
    ...authOf(operation),
    path,
    query,
    url: query === "" ? path : `${path}?${query}`,
    headers: operation.headers.map((header) => ({ name: header.name, value: fill(header.parts) })),
    body: callBody(call, operation, variables),
    args: callArgs(call, operation, variables),
    count: call.count,
    status: call.status,
    entries: call.refs.map((ref) => `${ref.file} entries[${ref.index}]`),
  };
}

/** Builds the view that user templates render from a session. */
export function sessionView(session: SessionModel, baseUrl: string) {
  const variables = new Map(session.variables.map((variable) => [variable.name, variable]));
  const operations = new Map(session.operations.map((operation) => [operation.key, operation]));
  const callCounts = new Map<string, number>();
  for (const call of session.calls) {
    callCounts.set(call.operationKey, (callCounts.get(call.operationKey) ?? 0) + 1);
  }
  const variableViews = session.variables.map((variable) => ({
    name: variable.name,
    value: variable.value,
    secret: variable.secret,
    env: envName(variable.name),
  }));
  return {
    baseUrl,
    tokenEnv: "MKIO_TOKEN",
    authMissing: session.authMissing,
    operations: session.operations.map((operation) =>
      operationView(operation, callCounts.get(operation.key) ?? 0),
    ),
    calls: session.calls.flatMap((call, index) => {
      const operation = operations.get(call.operationKey);
      return operation ? [callView(call, index, operation, variables)] : [];
    }),
    variables: variableViews,
    secrets: variableViews.filter((variable) => variable.secret),
  };
}

/** The view model of user templates. */
export type SessionView = ReturnType<typeof sessionView>;
