import type { Operation, TemplatePart } from "../../model/types.js";

const SHORT_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Tells whether a code point must be escaped to survive in source text: control characters,
 * U+2028 and U+2029 (line terminators in older engines), the BOM, and lone surrogates, which
 * UTF-8 cannot encode.
 */
function needsEscape(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/**
 * Quotes any string as a double-quoted TypeScript literal. `\x00` is written as `\u0000`, so a
 * digit after it never forms an octal escape, which strict mode rejects.
 */
export function tsString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += SHORT_ESCAPES[char] ?? (needsEscape(code) ? `\\u${hex4(code)}` : char);
  }
  return `${out}"`;
}

/** Makes recorded text safe inside a `//` or `/** *\/` comment: one line, no `*\/`. */
export function tsCommentText(text: string): string {
  let out = "";
  for (const char of text) out += needsEscape(char.codePointAt(0) ?? 0) ? " " : char;
  return out.replaceAll("*/", "* /");
}

/**
 * Writes a key of an object literal. `__proto__` is written computed, because the plain form
 * sets the prototype instead of creating a property.
 */
export function tsKey(name: string): string {
  if (name === "__proto__") return `[${tsString(name)}]`;
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** Writes a property name of an interface or type literal. */
export function tsTypeKey(name: string): string {
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** Writes a property access: `object.name`, or `object["2fa"]` when the name is no identifier. */
export function tsMember(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;
}

/**
 * Writes template parts as one string expression: literals quoted, each parameter read from
 * `params` and percent-encoded when its slot is in a path or query. A path segment is encoded the
 * way it was recorded.
 */
export function tsConcat(parts: readonly TemplatePart[]): string {
  return tsConcatTerms(parts).join(" + ");
}

/** Lists the terms of `tsConcat`, for callers that put each on its own line. */
export function tsConcatTerms(parts: readonly TemplatePart[]): string[] {
  if (parts.length === 0) return ['""'];
  return parts.map((part) => {
    if ("text" in part) return tsString(part.text);
    const value = tsMember("params", part.slot.param);
    if (part.slot.encoding === "raw") return value;
    const encoding = part.slot.segmentEncoding;
    if (!encoding) return `encodeURIComponent(${value})`;
    const args = [value, tsString(encoding.encode), tsString(encoding.keep), encoding.lowerCaseHex];
    return `mkioEncodeSegment(${args.join(", ")})`;
  });
}

/** Tells whether a path segment of an operation needs `mkioEncodeSegment`. */
export function encodesSegments(operation: Operation): boolean {
  return operation.pathParts.some((part) => "slot" in part && part.slot.segmentEncoding);
}
