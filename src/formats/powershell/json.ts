import { type JsonTemplate, ParamRef } from "../../model/types.js";
import { jsonParts } from "../../render/json-parts.js";
import { psString } from "./literal.js";

const INDENT = "    ";

/** The largest `-Depth` that ConvertTo-Json accepts. */
const MAX_DEPTH = 100;

/** Maximum length, in characters, of an array of scalars written on one line. */
const INLINE_ARRAY_WIDTH = 60;

/** A JSON body as PowerShell source, with the ConvertTo-Json depth that a hashtable needs. */
export interface PsBody {
  /** An `[ordered]` hashtable or array, or a string expression of the JSON text itself. */
  expression: string;
  /** The `-Depth` for ConvertTo-Json, or undefined when `expression` is JSON text. */
  depth?: number;
  /** The reason the body is JSON text instead of a hashtable, when it is. */
  fallbackReason?: string;
}

function isContainer(
  value: JsonTemplate,
): value is JsonTemplate[] | { [key: string]: JsonTemplate } {
  return value !== null && typeof value === "object" && !(value instanceof ParamRef);
}

function childrenOf(value: JsonTemplate): JsonTemplate[] {
  if (!isContainer(value)) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

/** Counts the arrays and objects on the deepest path, the outermost one included. */
export function containerDepth(value: JsonTemplate): number {
  if (!isContainer(value)) return 0;
  return 1 + Math.max(0, ...childrenOf(value).map(containerDepth));
}

/** Tells whether an object has two keys that differ only in case, which a hashtable rejects. */
function hasCaseDuplicates(value: JsonTemplate): boolean {
  if (!isContainer(value)) return false;
  if (!Array.isArray(value)) {
    const lower = Object.keys(value).map((key) => key.toLowerCase());
    if (new Set(lower).size < lower.length) return true;
  }
  return childrenOf(value).some(hasCaseDuplicates);
}

function psScalar(value: null | boolean | number): string {
  if (value === null) return "$null";
  if (typeof value === "boolean") return value ? "$true" : "$false";
  return JSON.stringify(value);
}

function psArray(items: JsonTemplate[], indent: string, variableOf: (param: string) => string) {
  if (items.length === 0) return "@()";
  const written = items.map((item) => psValue(item, `${indent}${INDENT}`, variableOf));
  // `@(@(1, 2))` flattens to `@(1, 2)`, so a unary comma keeps a lone inner array whole.
  const lead = items.length === 1 && Array.isArray(items[0]) ? ", " : "";
  const scalar = items.every((item) => !isContainer(item));
  const inline = `@(${lead}${written.join(", ")})`;
  if (scalar && inline.length <= INLINE_ARRAY_WIDTH) return inline;
  const inner = `${indent}${INDENT}`;
  return `@(\n${inner}${lead}${written.join(`,\n${inner}`)}\n${indent})`;
}

/**
 * Writes a JSON body template as PowerShell values: objects as `[ordered]` hashtables so keys
 * keep their recorded order, arrays as `@(...)`, each parameter as its variable.
 */
export function psValue(
  value: JsonTemplate,
  indent: string,
  variableOf: (param: string) => string,
): string {
  if (value instanceof ParamRef) return variableOf(value.param);
  if (typeof value === "string") return psString(value);
  if (!isContainer(value)) return psScalar(value);
  if (Array.isArray(value)) return psArray(value, indent, variableOf);

  const entries = Object.entries(value);
  if (entries.length === 0) return "[ordered]@{}";
  const inner = `${indent}${INDENT}`;
  const lines = entries.map(
    ([key, child]) => `${inner}${psString(key)} = ${psValue(child, inner, variableOf)}\n`,
  );
  return `[ordered]@{\n${lines.join("")}${indent}}`;
}

/** Writes the body as JSON text, each parameter converted by ConvertTo-Json. */
function jsonText(value: JsonTemplate, variableOf: (param: string) => string): string {
  const terms = jsonParts(value, "").map((part) =>
    "text" in part
      ? psString(part.text.replaceAll("\n", ""))
      : `(ConvertTo-Json -InputObject ${variableOf(part.slot.param)} -Compress)`,
  );
  return terms.join(" + ");
}

/**
 * Writes a JSON body as an `[ordered]` hashtable for ConvertTo-Json, or, when a hashtable
 * cannot hold it, as JSON text: with keys that differ only in case, or nested deeper than
 * ConvertTo-Json's maximum depth.
 */
export function psBody(
  value: JsonTemplate,
  indent: string,
  variableOf: (param: string) => string,
): PsBody {
  const depth = containerDepth(value);
  if (depth > MAX_DEPTH) {
    const fallbackReason = `it is nested ${depth} levels deep, more than ConvertTo-Json's ${MAX_DEPTH}`;
    return { expression: jsonText(value, variableOf), fallbackReason };
  }
  if (hasCaseDuplicates(value)) {
    const fallbackReason = "it has keys that differ only in case, which a hashtable rejects";
    return { expression: jsonText(value, variableOf), fallbackReason };
  }
  return { expression: psValue(value, indent, variableOf), depth: Math.max(depth, 1) };
}
