import { type JsonTemplate, ParamRef } from "../../model/types.js";
import { tsKey, tsMember, tsString, tsTypeKey } from "./literal.js";

const INDENT = "  ";

function entriesOf(value: JsonTemplate[] | { [key: string]: JsonTemplate }) {
  return Array.isArray(value) ? [] : Object.entries(value);
}

/** Maximum length, in characters, of an array of scalars written on one line. */
const INLINE_ARRAY_WIDTH = 60;

/** Writes a short array of strings, numbers, booleans and nulls on one line. */
function inlineArray(items: JsonTemplate[]): string | undefined {
  if (items.some((item) => item !== null && typeof item === "object")) return undefined;
  const text = `[${items.map((item) => tsValue(item)).join(", ")}]`;
  return text.length <= INLINE_ARRAY_WIDTH ? text : undefined;
}

/**
 * Writes a JSON body template as a TypeScript expression: recorded values as literals, each
 * parameter as a property of `params`. Nested values are indented one level below `indent`.
 */
export function tsValue(value: JsonTemplate, indent = ""): string {
  if (value instanceof ParamRef) return tsMember("params", value.param);
  if (typeof value === "string") return tsString(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);

  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inline = inlineArray(value);
    if (inline !== undefined) return inline;
    const items = value.map((item) => `${inner}${tsValue(item, inner)},\n`);
    return `[\n${items.join("")}${indent}]`;
  }
  const entries = entriesOf(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([key, child]) => `${inner}${tsKey(key)}: ${tsValue(child, inner)},\n`);
  return `{\n${lines.join("")}${indent}}`;
}

function arrayType(items: JsonTemplate[], indent: string): string {
  const types = [...new Set(items.map((item) => tsType(item, indent)))];
  if (types.length === 0) return "unknown[]";
  if (types.length === 1) return `${types[0]}[]`;
  return `(${types.join(" | ")})[]`;
}

/**
 * Writes the type of a JSON body template: each field typed from its recorded value, each
 * parameter as `string`, an empty object as a free-form record.
 */
export function tsType(value: JsonTemplate, indent = ""): string {
  if (value instanceof ParamRef || typeof value === "string") return "string";
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  if (Array.isArray(value)) return arrayType(value, indent);

  const entries = entriesOf(value);
  if (entries.length === 0) return "Record<string, unknown>";
  const inner = indent + INDENT;
  const lines = entries.map(
    ([key, child]) => `${inner}${tsTypeKey(key)}: ${tsType(child, inner)};\n`,
  );
  return `{\n${lines.join("")}${indent}}`;
}

/** Declares the body type: an interface for an object body, a type alias for any other. */
export function tsBodyDeclaration(name: string, value: JsonTemplate): string {
  const isObject =
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !(value instanceof ParamRef) &&
    Object.keys(value).length > 0;
  const type = tsType(value);
  return isObject ? `export interface ${name} ${type}` : `export type ${name} = ${type};`;
}
