import { snakeName } from "../../model/names.js";
import type { Slot, TemplatePart } from "../../model/types.js";

/**
 * Quotes a string as one bash word. Inside single quotes nothing is special, so only the single
 * quote itself needs the close-escape-reopen sequence `'\''`.
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The bash function that encodes a value of each kind of slot. */
const ENCODERS: Record<string, string> = {
  "path-segment": "url_encode",
  query: "url_encode",
  raw: "",
  json: "json_string",
};

/**
 * Lists the arguments after the value that make `url_encode` encode a path segment as it was
 * recorded: the characters to encode too, the characters to keep, and `lower` for lower-case hex.
 */
function segmentArgs(slot: Slot): string[] {
  const encoding = slot.segmentEncoding;
  if (!encoding) return [];
  const args = [shellQuote(encoding.encode), shellQuote(encoding.keep)];
  return encoding.lowerCaseHex ? [...args, "lower"] : args;
}

/** Writes a parameter as the double-quoted expansion of its local variable, encoded for its slot. */
function slotWord(slot: Slot, json: boolean): string {
  const variable = `"$${snakeName(slot.param)}"`;
  const encoder = json && slot.encoding === "raw" ? "json_string" : ENCODERS[slot.encoding];
  if (!encoder) return variable;
  return `"$(${[encoder, variable, ...segmentArgs(slot)].join(" ")})"`;
}

/**
 * Renders template parts as one bash word: literal text single-quoted, each parameter as the
 * double-quoted expansion of its local variable, passed through the encoder its slot needs.
 */
export function shellWord(parts: readonly TemplatePart[], json = false): string {
  if (parts.length === 0) return "''";
  return parts
    .map((part) => ("text" in part ? shellQuote(part.text) : slotWord(part.slot, json)))
    .join("");
}

/**
 * Writes a bash `printf` command that prints template parts byte for byte, NUL included, which no
 * bash word or variable can hold. In the format, literal text has each backslash doubled, each
 * `%` doubled and each NUL written `\000`, with three octal digits so that a digit after it stays
 * a digit. Each parameter is a `%s` with its expansion as an argument.
 */
export function printfCommand(parts: readonly TemplatePart[]): string {
  let format = "";
  const args: string[] = [];
  for (const part of parts) {
    if ("text" in part) {
      format += part.text.replaceAll("\\", "\\\\").replaceAll("%", "%%").replaceAll("\0", "\\000");
      continue;
    }
    format += "%s";
    args.push(slotWord(part.slot, false));
  }
  return ["printf", "--", shellQuote(format), ...args].join(" ");
}
