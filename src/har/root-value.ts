import type { Har2MkioError } from "../errors.js";
import { DocumentCheck } from "./document-check.js";
import { noLogError } from "./entries.js";
import { truncatedError } from "./json-error.js";
import type { CaptureSource } from "./source.js";
import { ErrorLocator } from "./stream-errors.js";

/**
 * Reads to its end a document whose first byte, at offset `start`, is not `{`, and returns the
 * error to raise: its first syntax error, a truncation, or `not-har` for valid JSON. Nothing of
 * the document is kept, so its length costs no memory.
 */
export async function rootValueError(
  source: CaptureSource,
  chunks: AsyncIterable<Buffer>,
  start: number,
): Promise<Har2MkioError> {
  const check = new DocumentCheck(start);
  let size = start;
  for await (const chunk of chunks) {
    check.push(chunk);
    size += chunk.length;
    if (check.failure) break;
  }
  const end = check.finish();
  if (end.kind === "failed") return new ErrorLocator(source).ofValue(end.failure);
  if (end.kind === "truncated") return truncatedError(source.name, size, source.gzip);
  return noLogError(source.name);
}
