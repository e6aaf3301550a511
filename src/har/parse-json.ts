import { Har2MkioError } from "../errors.js";

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

/** Locates the first syntax error and where it ends; only called after `JSON.parse` failed. */
async function firstError(text: string): Promise<{ offset: number; end: number } | undefined> {
  const { parse } = await import("jsonc-parser");
  const errors: { error: number; offset: number; length: number }[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  return first && { offset: first.offset, end: first.offset + first.length };
}

/**
 * Parses a capture's JSON text. A syntax error becomes a `not-json` error with line and column,
 * or a `truncated` error when the text ends before the document does.
 */
export async function parseCaptureJson(text: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const error = (await firstError(text)) ?? { offset: 0, end: 0 };
    const offset = error.offset;
    if (text.trim().length === 0) {
      throw new Har2MkioError("not-json", `${name}: file is empty; export the capture again`);
    }
    // An error that reaches the end of the text, like a string cut in half, means truncation.
    if (error.end >= text.trimEnd().length) {
      const bytes = Buffer.byteLength(text);
      throw new Har2MkioError(
        "truncated",
        `${name}: file ends at byte ${bytes} before the JSON is complete (truncated?); save the capture again`,
      );
    }
    const { line, column } = lineAndColumn(text, offset);
    // Only one character is quoted, because the text around an error may be part of a token.
    const found = JSON.stringify(text.charAt(offset));
    throw new Har2MkioError(
      "not-json",
      `${name}: not valid JSON at line ${line}, column ${column} (unexpected ${found}); a HAR file must be plain JSON`,
    );
  }
}
