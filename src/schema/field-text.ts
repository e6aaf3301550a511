import type { FieldLabel } from "./catalog-fields.js";
import { codeSpan, truncate } from "./markdown-text.js";
import type { Shape } from "./shape.js";
import { summarize } from "./summary.js";

/** Maximum length of an example in the report, in characters. The schemas keep whole values. */
const MAX_EXAMPLE_LENGTH = 40;

const LABEL_TEXT: Record<FieldLabel, string> = {
  documented: "documented",
  "read-only": "documented, read-only",
  "free-form": "in free-form map",
  undocumented: "**undocumented**",
};

/** Describes the type of a place: `string (uuid)`, `array of object`, `string or null`. */
export function typeText(shape: Shape): string {
  const summary = summarize(shape);
  const names = summary.types.map((type) => {
    if (type === "array") return arrayText(shape);
    if (type === "string" && summary.format) return `string (${summary.format})`;
    if (type === "string" && summary.pattern) return "string (ISO 8601 duration)";
    return type;
  });
  return names.join(" or ") || "unknown";
}

function arrayText(shape: Shape): string {
  const items = shape.arrays?.items;
  if (!items) return "array (always empty)";
  const inner = typeText(items);
  return inner.includes(" or ") ? `array of (${inner})` : `array of ${inner}`;
}

/**
 * Shows the values of the place at `path`: its enum, one example, or why none is shown. The
 * values inside a free-form map get no enum (`enumAllowed: false`).
 */
export function valuesText(shape: Shape, path: string, enumAllowed = true): string {
  const summary = summarize(shape, path, { enumAllowed });
  if (summary.secret) return "secret, not shown";
  if (summary.enum) {
    return `one of ${summary.enum.map((value) => codeSpan(JSON.stringify(value))).join(", ")}`;
  }
  if (summary.example === undefined) return "";
  return codeSpan(truncate(JSON.stringify(summary.example), MAX_EXAMPLE_LENGTH));
}

/** Returns the text of the catalog column, which relates a field to the API reference. */
export function labelText(label: FieldLabel): string {
  return LABEL_TEXT[label];
}
