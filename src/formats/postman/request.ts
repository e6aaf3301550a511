import type { BodyTemplate, Operation, TemplatePart } from "../../model/types.js";
import { jsonParts } from "../../render/json-parts.js";
import { jsonLiteral, placeholder, urlLiteral } from "./placeholders.js";
import type { KeyValue, RawBody, Url } from "./types.js";
import { BASE_URL } from "./variables.js";

/** Returns the collection variable that fills an operation parameter. */
export type VariableOf = (param: string) => string;

const FORM = /^application\/x-www-form-urlencoded/i;

function fillParts(
  parts: readonly TemplatePart[],
  variableOf: VariableOf,
  literal: (text: string) => string,
): string {
  return parts
    .map((part) => ("text" in part ? literal(part.text) : placeholder(variableOf(part.slot.param))))
    .join("");
}

function queryParams(query: string): KeyValue[] {
  return query.split("&").map((pair) => {
    const equals = pair.indexOf("=");
    if (equals === -1) return { key: pair, value: null };
    return { key: pair.slice(0, equals), value: pair.slice(equals + 1) };
  });
}

/** Builds the request URL: `{{baseUrl}}`, then the recorded path and query with references. */
export function requestUrl(operation: Operation, variableOf: VariableOf): Url {
  const path = fillParts(operation.pathParts, variableOf, urlLiteral);
  const query = fillParts(operation.queryParts, variableOf, urlLiteral);
  const host = placeholder(BASE_URL);
  const url: Url = {
    raw: `${host}${path}${query ? `?${query}` : ""}`,
    host: [host],
    path: path.replace(/^\//, "").split("/"),
  };
  if (query) url.query = queryParams(query);
  return url;
}

/** Lists the recorded headers (`Content-Type` and custom `x-` headers) with references. */
export function requestHeaders(operation: Operation, variableOf: VariableOf): KeyValue[] {
  // NOTE: Postman has no escape for `{{` in a header value, so a recorded header containing
  // `{{` reaches the server changed. The model only keeps `Content-Type` and `x-` headers.
  return operation.headers.map((header) => ({
    key: header.name,
    value: fillParts(header.parts, variableOf, (text) => text),
  }));
}

/**
 * Builds a raw body. A JSON body is pretty-printed with each parameter as the JSON string
 * `"{{variable}}"`, which the collection's pre-request script replaces with the encoded value.
 */
export function requestBody(body: BodyTemplate, variableOf: VariableOf): RawBody {
  if (body.kind === "json") {
    const raw = jsonParts(body.value)
      .map((part) =>
        "text" in part
          ? jsonLiteral(part.text)
          : JSON.stringify(placeholder(variableOf(part.slot.param))),
      )
      .join("");
    return { mode: "raw", raw, options: { raw: { language: "json" } } };
  }
  // NOTE: a text body that is neither JSON nor a form has no escape for `{{`, so a recorded
  // `{{` in it reaches the server changed.
  const literal = FORM.test(body.mimeType) ? urlLiteral : (text: string) => text;
  const raw = fillParts(body.parts, variableOf, literal);
  return { mode: "raw", raw, options: { raw: { language: "text" } } };
}
