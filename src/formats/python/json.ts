import { type JsonTemplate, ParamRef } from "../../model/types.js";
import { pyIdentifier, pyString } from "./literal.js";

/** PEP 8 indentation. */
const INDENT = "    ";

/** Maximum length, in characters, of a list of scalars written on one line. */
const INLINE_LIST_WIDTH = 60;

function pyScalar(value: null | boolean | number): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  return JSON.stringify(value);
}

/** Writes a short list of strings, numbers, booleans and None on one line. */
function inlineList(items: JsonTemplate[]): string | undefined {
  if (items.some((item) => item !== null && typeof item === "object")) return undefined;
  const text = `[${items.map((item) => pyValue(item)).join(", ")}]`;
  return text.length <= INLINE_LIST_WIDTH ? text : undefined;
}

/**
 * Writes a JSON body template as a Python expression: recorded values as literals, each
 * parameter by its keyword name. Nested values are indented one level below `indent`.
 */
export function pyValue(value: JsonTemplate, indent = ""): string {
  if (value instanceof ParamRef) return pyIdentifier(value.param);
  if (typeof value === "string") return pyString(value);
  if (value === null || typeof value !== "object") return pyScalar(value);

  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inline = inlineList(value);
    if (inline !== undefined) return inline;
    const items = value.map((item) => `${inner}${pyValue(item, inner)},\n`);
    return `[\n${items.join("")}${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(
    ([key, child]) => `${inner}${pyString(key)}: ${pyValue(child, inner)},\n`,
  );
  return `{\n${lines.join("")}${indent}}`;
}
