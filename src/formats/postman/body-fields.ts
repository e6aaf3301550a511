import type { JsonSchema } from "../../schema/index.js";
import { codeSpan, markdownTable } from "../../schema/markdown-text.js";
import {
  type SchemaField,
  sampleCount,
  schemaFields,
  schemaTypeText,
} from "../../schema/schema-fields.js";

/**
 * Maximum number of fields a request description lists. A deep body, such as an encoding preset,
 * has many more, and `har2mkio schema` reports all of them.
 */
export const MAX_FIELD_ROWS = 25;

const HEADER = ["Field", "Type", "Required", "Allowed values", "Seen in"];

/**
 * Lists the allowed values of a field: its learned `enum`. The schema gives no enum, format or
 * example for a place that ever held a secret, so no secret value reaches this text.
 */
function allowedValues(schema: JsonSchema): string {
  return (schema.enum ?? []).map((value) => codeSpan(JSON.stringify(value))).join(", ");
}

function fieldRow(field: SchemaField, samples: number): string[] {
  return [
    codeSpan(field.path),
    schemaTypeText(field.schema),
    field.required ? "yes" : "no",
    allowedValues(field.schema),
    `${field.schema["x-samples"] ?? 0} of ${samples}`,
  ];
}

/**
 * Documents a learned request body in Markdown: one table row per field with its type, whether
 * every body had it, its allowed values and how many bodies contained it. Returns "" when the
 * body has no named fields, such as a text body or an empty object.
 */
export function bodyFieldsText(schema: JsonSchema): string {
  const fields = schemaFields(schema);
  if (fields.length === 0) return "";

  const samples = sampleCount(schema);
  const bodies = samples === 1 ? "1 recorded body" : `${samples} recorded bodies`;
  const lead =
    `Request body fields learned from ${bodies} of this operation. A required field was in ` +
    "every object that could contain it.";
  const listed = fields.slice(0, MAX_FIELD_ROWS);
  const table = markdownTable(
    HEADER,
    listed.map((field) => fieldRow(field, samples)),
  );
  const paragraphs = [lead, table];
  const hidden = fields.length - listed.length;
  if (hidden > 0) {
    paragraphs.push(`${hidden} more fields are not listed. \`har2mkio schema\` reports them all.`);
  }
  return paragraphs.join("\n\n");
}
