import { snakeName } from "../../model/names.js";
import type { Slot, TemplatePart } from "../../model/types.js";

const SHORT_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** Python's reserved words (3.12), which cannot name a parameter. */
const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield"
  ).split(" "),
);

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/**
 * Writes the escape for a code point that must not appear raw in source text: control
 * characters, U+2028 and U+2029, the BOM, and lone surrogates, which UTF-8 cannot encode but a
 * Python `str` can hold. Returns undefined for any other code point.
 */
function escapeOf(code: number): string | undefined {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${hex(code, 2)}`;
  const special = code === 0x2028 || code === 0x2029 || code === 0xfeff;
  if (special || (code >= 0xd800 && code <= 0xdfff)) return `\\u${hex(code, 4)}`;
  return undefined;
}

/** Quotes any string as a double-quoted Python literal that evaluates to the same text. */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    out += SHORT_ESCAPES[char] ?? escapeOf(char.codePointAt(0) ?? 0) ?? char;
  }
  return `${out}"`;
}

/**
 * Makes recorded text safe on one line of a `"""` docstring: control characters become spaces,
 * and backslashes and double quotes are escaped, so the docstring reads as the recorded text.
 */
export function pyDocText(text: string): string {
  let out = "";
  for (const char of text) {
    if (escapeOf(char.codePointAt(0) ?? 0) !== undefined) out += " ";
    else out += char === "\\" || char === '"' ? `\\${char}` : char;
  }
  return out;
}

/**
 * Names a keyword parameter after a camelCase parameter: `assetName` becomes `asset_name`, a
 * reserved word gets a trailing underscore and a leading digit a leading one.
 */
export function pyIdentifier(camel: string): string {
  const snake = snakeName(camel);
  if (KEYWORDS.has(snake)) return `${snake}_`;
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/**
 * Writes the call that percent-encodes a value, with the arguments that make `_quote` encode a
 * path segment as it was recorded.
 */
function quoteCall(value: string, slot: Slot): string {
  const encoding = slot.segmentEncoding;
  const args = [value];
  if (encoding?.encode) args.push(`encode=${pyString(encoding.encode)}`);
  if (encoding?.keep) args.push(`keep=${pyString(encoding.keep)}`);
  if (encoding?.lowerCaseHex) args.push("lower_hex=True");
  return `_quote(${args.join(", ")})`;
}

/**
 * Writes template parts as one string expression: literals quoted, each parameter by its
 * keyword name and percent-encoded when its slot is in a path or query.
 */
export function pyConcatTerms(parts: readonly TemplatePart[]): string[] {
  if (parts.length === 0) return ['""'];
  return parts.map((part) => {
    if ("text" in part) return pyString(part.text);
    const value = pyIdentifier(part.slot.param);
    return part.slot.encoding === "raw" ? value : quoteCall(value, part.slot);
  });
}
