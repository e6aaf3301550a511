import { pushText } from "../model/text-template.js";
import { type JsonTemplate, ParamRef, type TemplatePart } from "../model/types.js";

/**
 * Serializes a JSON template as pretty-printed JSON text with a slot in place of each parameter.
 * A format fills each slot with the JSON string of the parameter's value, quotes included.
 */
export function jsonParts(value: JsonTemplate, indent = "  "): TemplatePart[] {
  const parts: TemplatePart[] = [];
  write(value, "", indent, parts);
  return parts;
}

function write(value: JsonTemplate, depth: string, indent: string, parts: TemplatePart[]): void {
  if (value instanceof ParamRef) {
    parts.push({ slot: { param: value.param, encoding: "raw" } });
    return;
  }
  if (value === null || typeof value !== "object") {
    pushText(parts, JSON.stringify(value));
    return;
  }
  const inner = depth + indent;
  const entries: [string | null, JsonTemplate][] = Array.isArray(value)
    ? value.map((item) => [null, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    pushText(parts, `${open}${close}`);
    return;
  }
  pushText(parts, `${open}\n`);
  entries.forEach(([key, child], index) => {
    pushText(parts, inner + (key === null ? "" : `${JSON.stringify(key)}: `));
    write(child, inner, indent, parts);
    pushText(parts, index < entries.length - 1 ? ",\n" : "\n");
  });
  pushText(parts, `${depth}${close}`);
}

/** Replaces every parameter of a JSON template with the value `fill` returns for it. */
export function fillJson(value: JsonTemplate, fill: (param: string) => unknown): unknown {
  if (value instanceof ParamRef) return fill(value.param);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => fillJson(item, fill));
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, child] of Object.entries(value)) out[key] = fillJson(child, fill);
  return out;
}
