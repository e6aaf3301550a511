import type { BodyTemplate, Call, Operation, Slot, TemplatePart } from "../../model/types.js";
import { jsonParts } from "../../render/json-parts.js";
import {
  escapeFormEdges,
  escapeFormText,
  escapeJsonText,
  escapeUrlText,
  separatorTitle,
} from "./escape.js";
import { headerValueProblem, textBodyProblems } from "./problems.js";
import {
  BASE_URL_VARIABLE,
  pathContext,
  TOKEN_VARIABLE,
  type ValueContext,
  type VariablePlan,
} from "./variables.js";

/** One request of the `.http` file, every line already escaped. */
export interface HttpRequestView {
  title: string;
  comments: string[];
  requestLine: string;
  headers: string[];
  body: string | null;
}

const asIs = (text: string) => text;

/** Writes template parts: literal text through `escapeText`, each slot through the plan. */
function writeParts(
  parts: readonly TemplatePart[],
  call: Call,
  plan: VariablePlan,
  escapeText: (text: string) => string,
  contextOf: (slot: Slot) => ValueContext,
): string {
  return parts
    .map((part) => {
      if ("text" in part) return escapeText(part.text);
      const variable = call.args[part.slot.param] ?? part.slot.param;
      const context = contextOf(part.slot);
      const value = plan.ref(variable, context);
      // A JSON slot stands for a whole string value, so the quotes go around the reference.
      return context === "json" ? `"${value}"` : value;
    })
    .join("");
}

function requestLine(operation: Operation, call: Call, plan: VariablePlan): string {
  const pathContextOf = (slot: Slot) => pathContext(slot.segmentEncoding);
  const path = writeParts(operation.pathParts, call, plan, escapeUrlText, pathContextOf);
  const query = writeParts(operation.queryParts, call, plan, escapeUrlText, () => "url");
  const url = `{{${BASE_URL_VARIABLE}}}${path}${query === "" ? "" : `?${query}`}`;
  return `${operation.method} ${url}`;
}

function authHeader(operation: Operation): string {
  const token = `{{${TOKEN_VARIABLE}}}`;
  return operation.auth === "x-mkio-token"
    ? `x-mkio-token: ${token}`
    : `Authorization: Bearer ${token}`;
}

function headerLines(operation: Operation, call: Call, plan: VariablePlan, problems: Set<string>) {
  const lines = [authHeader(operation)];
  for (const header of operation.headers) {
    for (const part of header.parts) {
      const problem = "text" in part ? headerValueProblem(part.text) : undefined;
      if (problem) problems.add(problem);
    }
    const value = writeParts(header.parts, call, plan, asIs, () => "header");
    lines.push(`${header.name}: ${value}`);
  }
  return lines;
}

function bodyText(body: BodyTemplate, call: Call, plan: VariablePlan, problems: Set<string>) {
  if (body.kind === "json") {
    return writeParts(jsonParts(body.value), call, plan, escapeJsonText, () => "json");
  }
  if (/^application\/x-www-form-urlencoded/i.test(body.mimeType)) {
    const text = writeParts(body.parts, call, plan, escapeFormText, (slot) =>
      slot.encoding === "query" ? "form" : "text",
    );
    return escapeFormEdges(text);
  }
  const literal = body.parts.map((part) => ("text" in part ? part.text : "")).join("");
  for (const problem of textBodyProblems(literal)) problems.add(problem);
  return writeParts(body.parts, call, plan, asIs, () => "text");
}

/** Builds the request of one recorded call. */
export function requestView(operation: Operation, call: Call, plan: VariablePlan): HttpRequestView {
  const problems = new Set<string>();
  const headers = headerLines(operation, call, plan, problems);
  const body = operation.body ? bodyText(operation.body, call, plan, problems) : null;
  const comments: string[] = [];
  if (operation.undocumented) comments.push("Undocumented: not in the MK/IO API catalog.");
  if (call.count > 1) comments.push(`Recorded ${call.count} times.`);
  const title = separatorTitle(operation.name);
  const line = requestLine(operation, call, plan);
  if (problems.size === 0) return { title, comments, requestLine: line, headers, body };

  // Text that a runner would read as syntax could send the token elsewhere or run code, so
  // such a request is written commented out: a person can check it, no runner sends it.
  for (const problem of problems) comments.push(`Commented out, check before sending: ${problem}.`);
  const disabled = (text: string) =>
    text
      .split(/\r?\n/)
      .map((row) => `# ${row}`)
      .join("\n");
  return {
    title,
    comments,
    requestLine: disabled(line),
    headers: headers.map(disabled),
    body: body === null ? null : disabled(body),
  };
}
