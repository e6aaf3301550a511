import {
  emptyFileError,
  endsTooEarly,
  firstJsonError,
  syntaxError,
  truncatedError,
} from "./json-error.js";

/** Finds the 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; ) {
    line += 1;
    lineStart = index + 1;
    index = text.indexOf("\n", lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses a capture's JSON text, all of it at once. A syntax error becomes a `not-json` error
 * with line, column, byte offset and entry, or a `truncated` error when the text ends before the
 * document does. `byteBase` counts the bytes before the text, such as a byte-order mark.
 */
export async function parseCaptureJson(text: string, name: string, byteBase = 0): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim().length === 0) throw emptyFileError(name);
    const error = await firstJsonError(text, true);
    if (endsTooEarly(error, text)) {
      throw truncatedError(name, byteBase + Buffer.byteLength(text));
    }
    // The start of the text stands in should jsonc-parser accept what JSON.parse rejected.
    const offset = error?.offset ?? 0;
    throw syntaxError(name, {
      byte: byteBase + Buffer.byteLength(text.slice(0, offset)),
      ...lineAndColumn(text, offset),
      entries: error?.entries,
      found: text.charAt(offset),
    });
  }
}
