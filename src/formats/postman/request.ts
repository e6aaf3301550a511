import type { BodyTemplate, Operation, SegmentEncoding, TemplatePart } from "../../model/types.js";
import { jsonParts } from "../../render/json-parts.js";
import { BODY_LITERAL_BASE, headerLiteralBase } from "./literals.js";
import { jsonLiteral, placeholder, urlLiteral } from "./placeholders.js";
import type { KeyValue, RawBody, Url } from "./types.js";
import { BASE_URL } from "./variables.js";

/** Returns the collection variable that fills an operation parameter. */
export type VariableOf = (param: string) => string;

/**
 * Returns recorded header or text body text as the request contains it: the text itself, or a
 * reference to a variable that contains it (see `LiteralVariables`). `base` names that variable.
 */
export type LiteralOf = (text: string, base: string) => string;

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

/** A path segment whose value the request's own script encodes as the recording did. */
export interface RecordedSegment {
  /** Index in `url.path`. */
  index: number;
  /** Collection variable that fills the segment. */
  variable: string;
  encoding: SegmentEncoding;
}

/**
 * Lists the path segments of an operation that the recording percent-encoded otherwise than the
 * `encodeURIComponent` of the collection's pre-request script.
 */
export function recordedSegments(operation: Operation, variableOf: VariableOf): RecordedSegment[] {
  const segments: RecordedSegment[] = [];
  let index = -1;
  for (const part of operation.pathParts) {
    if ("text" in part) {
      // The first `/` starts the path, which `url.path` leaves out.
      index += part.text.split("/").length - 1;
      continue;
    }
    const encoding = part.slot.segmentEncoding;
    if (encoding) segments.push({ index, variable: variableOf(part.slot.param), encoding });
  }
  return segments;
}

/** Lists the recorded headers (`Content-Type` and custom `x-` headers) with references. */
export function requestHeaders(
  operation: Operation,
  variableOf: VariableOf,
  literalOf: LiteralOf,
): KeyValue[] {
  // NOTE: a recorded `{{name}}` whose name is an `Object.prototype` member (`{{constructor}}`)
  // still reaches the server changed, so `unkeptReferences` lists those for a warning.
  return operation.headers.map((header) => {
    const base = headerLiteralBase(header.name);
    const value = fillParts(header.parts, variableOf, (text) => literalOf(text, base));
    return { key: header.name, value };
  });
}

/**
 * Builds a raw body. A JSON body is pretty-printed with each parameter as the JSON string
 * `"{{variable}}"`, which the collection's pre-request script replaces with the encoded value.
 * A form body percent-encodes recorded braces, and a text body passes its text to `literalOf`.
 */
export function requestBody(
  body: BodyTemplate,
  variableOf: VariableOf,
  literalOf: LiteralOf,
): RawBody {
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
  // NOTE: as in headers, a recorded `{{constructor}}` or another `Object.prototype` name in a
  // text body still reaches the server changed.
  const textLiteral = (text: string) => literalOf(text, BODY_LITERAL_BASE);
  const literal = FORM.test(body.mimeType) ? urlLiteral : textLiteral;
  const raw = fillParts(body.parts, variableOf, literal);
  return { mode: "raw", raw, options: { raw: { language: "text" } } };
}
