import type { Slot, TemplatePart } from "../../model/types.js";

/** Printable ASCII other than the single quote: written as is inside a single-quoted string. */
function isPlain(code: number): boolean {
  return code >= 0x20 && code < 0x7f && code !== 0x27;
}

function charCast(code: number): string {
  return `[char]0x${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Quotes any string as a PowerShell expression that nothing in it can change. Printable ASCII
 * goes in single quotes with `'` doubled, where `$`, backticks and `@"` are plain text. Every
 * other UTF-16 code unit is concatenated as `[char]0xNNNN`, so the script stays ASCII and
 * Windows PowerShell 5.1 reads it correctly without a byte order mark. That also covers the
 * typographic quotes U+2018 to U+201B, which PowerShell accepts as single quotes.
 */
export function psString(text: string): string {
  const terms: string[] = [];
  let run = "";
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isPlain(code)) {
      run += text[index];
      continue;
    }
    if (code === 0x27) {
      run += "''";
      continue;
    }
    if (run !== "" || terms.length === 0) terms.push(`'${run}'`);
    terms.push(charCast(code));
    run = "";
  }
  if (run !== "" || terms.length === 0) terms.push(`'${run}'`);
  return terms.length === 1 ? (terms[0] ?? "''") : `(${terms.join(" + ")})`;
}

/**
 * Makes recorded text safe on one line of a `#` comment or a comment-based help block: control
 * characters become spaces, `#>` cannot end the block, and other non-ASCII text becomes `U+NNNN`
 * so the script stays ASCII.
 */
export function psCommentText(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) out += " ";
    else if (code > 0x7f) out += `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += text[index];
  }
  return out.replaceAll("#>", "# >");
}

/**
 * Writes the call that percent-encodes a variable as `encodeURIComponent` does, with the
 * arguments that make a path segment encoded as it was recorded.
 */
function encodeCall(variable: string, slot: Slot): string {
  const encoding = slot.segmentEncoding;
  const args = ["ConvertTo-MkioPercentEncoded", variable];
  if (encoding?.encode) args.push("-Encode", psString(encoding.encode));
  if (encoding?.keep) args.push("-Keep", psString(encoding.keep));
  if (encoding?.lowerCaseHex) args.push("-LowerHex");
  return `(${args.join(" ")})`;
}

/**
 * Writes template parts as one string expression: literals quoted, each parameter as its
 * variable, percent-encoded when its slot is in a path or query.
 */
export function psConcatTerms(
  parts: readonly TemplatePart[],
  variableOf: (param: string) => string,
): string[] {
  if (parts.length === 0) return ["''"];
  return parts.map((part) => {
    if ("text" in part) return psString(part.text);
    const variable = variableOf(part.slot.param);
    return part.slot.encoding === "raw" ? variable : encodeCall(variable, part.slot);
  });
}
