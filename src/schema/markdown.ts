import type { SessionModel } from "../model/types.js";
import type { CatalogFields, MissingField } from "./catalog-fields.js";
import { labelText, typeText, valuesText } from "./field-text.js";
import { fieldRows, observedPaths } from "./fields.js";
import type { LearnedBody, LearnedOperation } from "./learn.js";
import { codeSpan, markdownTable } from "./markdown-text.js";
import { ENUM_RULE } from "./summary.js";

function captureFiles(session: SessionModel): string[] {
  const files = new Set<string>();
  for (const call of session.calls) for (const ref of call.refs) files.add(ref.file);
  return [...files];
}

function introduction(session: SessionModel): string[] {
  const files = captureFiles(session).map(codeSpan).join(", ");
  const calls = session.calls.length;
  return [
    "# Request and response schemas",
    "",
    `Learned from ${calls} distinct ${calls === 1 ? "call" : "calls"} in ${files}.`,
    "A sample is one distinct call: identical repeats count once. A field is required when " +
      "every object that could hold it had it. A string field lists its values when it shows " +
      `${ENUM_RULE.MIN_ENUM_VALUES} to ${ENUM_RULE.MAX_ENUM_VALUES} distinct values that occur ` +
      `at least ${ENUM_RULE.MIN_OCCURRENCES_PER_VALUE} times each on average, unless it is ` +
      "named like a resource name or id.",
  ];
}

function samplesLine(body: LearnedBody, singular: string, plural: string): string {
  const what = body.samples === 1 ? singular : plural;
  const statuses = body.statuses.length > 0 ? ` with status ${body.statuses.join(", ")}` : "";
  return `${body.samples} ${what}${statuses} (${body.mimeTypes.join(", ")}).`;
}

function wholeBodyLine(body: LearnedBody): string {
  const values = valuesText(body.shape, "");
  return `The body is ${typeText(body.shape)}${values ? `: ${values}` : ""}.`;
}

/** Renders the field table of a body. Only request bodies get the catalog column. */
function fieldTable(body: LearnedBody, fields: CatalogFields, catalogColumn: boolean): string {
  const header = ["Field", "Type", "Required", "Seen in", "Example or values"];
  if (catalogColumn) header.push("Catalog");
  const rows = fieldRows(body.shape).map((row) => {
    const label = fields.info(row.path).label;
    const cells = [
      codeSpan(row.path),
      typeText(row.shape),
      row.required ? "yes" : "no",
      `${row.shape.samples.size} of ${body.samples}`,
      valuesText(row.shape, row.path, label !== "free-form"),
    ];
    if (catalogColumn) cells.push(labelText(label));
    return cells;
  });
  if (rows.length === 0) return wholeBodyLine(body);
  return markdownTable(header, rows);
}

function missingLine({ field, nested }: MissingField): string {
  const facts = [field.type, ...(field.required ? ["required by the catalog"] : [])];
  const below =
    nested > 0 ? `, and ${nested} documented ${nested === 1 ? "field" : "fields"} below it` : "";
  return `- ${codeSpan(field.path)} (${facts.join(", ")})${below}`;
}

function missingSection(learned: LearnedOperation, body: LearnedBody): string[] {
  const missing = learned.fields.missing(observedPaths(body.shape));
  if (missing.length === 0) return ["Every documented field was sent at least once."];
  return [
    "Documented fields that no capture sent (read-only fields left out):",
    "",
    ...missing.map(missingLine),
  ];
}

function requestSection(learned: LearnedOperation): string[] {
  const body = learned.request;
  if (!body) return ["### Request body", "", "No request body recorded."];
  const lines = ["### Request body", "", samplesLine(body, "request body", "request bodies"), ""];
  lines.push(fieldTable(body, learned.fields, true));
  if (learned.catalog) lines.push("", ...missingSection(learned, body));
  return lines;
}

function responseSection(learned: LearnedOperation): string[] {
  const body = learned.response;
  if (!body) return ["### Response body", "", "No successful JSON response recorded."];
  return [
    "### Response body",
    "",
    samplesLine(body, "response", "responses"),
    "",
    fieldTable(body, learned.fields, false),
  ];
}

function operationSection(learned: LearnedOperation): string[] {
  const templates = [...new Set(learned.operations.map((op) => op.pathTemplate))];
  const where = learned.catalog
    ? `Catalog operation ${codeSpan(learned.id)}.`
    : "Undocumented: no catalog operation matches; the path template is inferred from the URLs.";
  return [
    `## ${learned.name}${learned.catalog ? "" : " (undocumented)"}`,
    "",
    ...templates.map((template) => `- ${codeSpan(`${learned.method} ${template}`)}`),
    "",
    where,
    "",
    ...requestSection(learned),
    "",
    ...responseSection(learned),
  ];
}

function undocumentedSection(learned: readonly LearnedOperation[]): string[] {
  const undocumented = learned.filter((operation) => !operation.catalog);
  if (undocumented.length === 0) return [];
  const rows = undocumented.flatMap((operation) =>
    [...new Set(operation.operations.map((op) => op.pathTemplate))].map((template) => [
      operation.method,
      codeSpan(template),
      String(operation.calls.length),
    ]),
  );
  return [
    "## Undocumented endpoints",
    "",
    "These calls match no operation of the catalog; their path templates are inferred.",
    "",
    markdownTable(["Method", "Path template", "Calls"], rows),
  ];
}

/** Renders the schema report: one section per operation, then the undocumented endpoints. */
export function schemaMarkdown(
  session: SessionModel,
  learned: readonly LearnedOperation[],
): string {
  const sections = [introduction(session), ...learned.map(operationSection)];
  const undocumented = undocumentedSection(learned);
  if (undocumented.length > 0) sections.push(undocumented);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
