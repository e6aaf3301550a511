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

/** Locates the first syntax error; only called after `JSON.parse` has failed. */
async function firstErrorOffset(text: string): Promise<number | undefined> {
  const { parse } = await import("jsonc-parser");
  const errors: { error: number; offset: number; length: number }[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors[0]?.offset;
}

/**
 * Parses a capture's JSON text. A syntax error becomes a `not-json` error with line and column,
 * or a `truncated` error when the text ends before the document does.
 */
export async function parseCaptureJson(text: string, name: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const offset = (await firstErrorOffset(text)) ?? 0;
    if (text.trim().length === 0) {
      throw new Har2MkioError("not-json", `${name}: file is empty; export the capture again`);
    }
    if (offset >= text.trimEnd().length) {
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
