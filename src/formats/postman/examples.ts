import { STATUS_CODES } from "node:http";
import { isSecretName, isSecretValue } from "../../model/secrets.js";
import type { Call, Operation, RecordedResponse } from "../../model/types.js";
import { redactJson } from "../../redact/redact-json.js";
import type { Example } from "./types.js";

/** A `name=value` or `name: value` pair in free text, such as `access_token=abc`. */
const NAMED_VALUE = /([A-Za-z][\w.-]*)["']?\s*[=:]\s*["']?[^\s"'&,;]+/g;

/** Checks whether non-JSON text contains a credential or a value under a secret name. */
function hasSecret(text: string): boolean {
  if (isSecretValue(text)) return true;
  return [...text.matchAll(NAMED_VALUE)].some((match) => isSecretName(match[1] ?? ""));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Returns the response body an example may show: JSON with its secrets redacted, other text
 * only when it contains nothing secret-shaped, and undefined otherwise. `secretPaths` are body
 * paths to redact besides secret names and values, such as those of the request's secrets, which
 * a response often repeats.
 */
export function exampleBody(
  response: RecordedResponse,
  secretPaths: ReadonlySet<string> = new Set(),
): string | undefined {
  const text = response.text;
  if (text === undefined || text === "") return undefined;
  const parsed = parseJson(text);
  if (parsed.ok) return JSON.stringify(redactJson(parsed.value, { secretPaths }), null, 2);
  return hasSecret(text) ? undefined : text;
}

/** Lists the body paths of an operation's secret parameters: `properties.contentKeys[].value`. */
export function secretBodyPaths(operation: Operation): Set<string> {
  const secrets = operation.parameters.filter((param) => param.secret && param.in === "body");
  return new Set(secrets.map((param) => param.location));
}

/**
 * Builds the example of one recorded call. `label` distinguishes the calls of one request, and
 * `secretPaths` are the operation's `secretBodyPaths`.
 */
export function exampleOf(call: Call, label: string, secretPaths: ReadonlySet<string>): Example {
  const { response } = call;
  const status = STATUS_CODES[response.status] ?? "";
  const body = exampleBody(response, secretPaths);
  return {
    name: `${label}: ${response.status} ${status}`.trimEnd(),
    status,
    code: response.status,
    _postman_previewlanguage: /json/i.test(response.mimeType) ? "json" : "text",
    header: response.mimeType ? [{ key: "Content-Type", value: response.mimeType }] : [],
    ...(body === undefined ? {} : { body }),
  };
}
