import { snakeName } from "../../model/names.js";
import type { TemplatePart } from "../../model/types.js";

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
 * Renders template parts as one bash word: literal text single-quoted, each parameter as the
 * double-quoted expansion of its local variable, passed through the encoder its slot needs.
 */
export function shellWord(parts: readonly TemplatePart[], json = false): string {
  if (parts.length === 0) return "''";
  return parts
    .map((part) => {
      if ("text" in part) return shellQuote(part.text);
      const variable = `"$${snakeName(part.slot.param)}"`;
      const encoder =
        json && part.slot.encoding === "raw" ? "json_string" : ENCODERS[part.slot.encoding];
      return encoder ? `"$(${encoder} ${variable})"` : variable;
    })
    .join("");
}
