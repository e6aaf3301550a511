import { readFile, stat } from "node:fs/promises";
import type { WarningList } from "../warnings.js";
import { displayName, GZIP_MAGIC, startsWithBom, UTF8_BOM } from "./input.js";
import { type ReadProgress, streamCapture } from "./read-stream.js";
import { entriesOfDocument, readWholeCapture } from "./read-whole.js";
import type { RecordedEntry } from "./types.js";

export { harEntries, parseEntry } from "./entries.js";
export type { ReadProgress } from "./read-stream.js";

/** Options of the capture reader. */
export interface ReadOptions {
  warnings: WarningList;
  stdin: NodeJS.ReadableStream;
  /** Called after each chunk read with how far the current capture has got. */
  onProgress?: (progress: ReadProgress) => void;
  /**
   * Tells whether the response body (`response.content.text`) of an entry may be used. For an
   * entry it rejects, a body of 8 KiB or more without escapes, such as base64, is checked as
   * JSON but never decoded, and left out. The whole-file reader ignores it and keeps every body.
   */
  needsBody?: (request: RecordedEntry["request"]) => boolean;
  /**
   * `stream` (the default) reads in chunks with flat memory use. `whole` parses each capture
   * with one `JSON.parse`, as before streaming; tests use it to check the streaming reader.
   * `auto` parses a small plain file that is valid JSON whole, because one native `JSON.parse`
   * starts faster than the streaming reader's checks, and streams any other input.
   */
  reader?: "stream" | "whole" | "auto";
  /** Bytes read at a time. Tests set tiny sizes to cut the input at every position. */
  chunkSize?: number;
}

/** Largest file that the `auto` reader parses whole. */
const WHOLE_PARSE_LIMIT = 1024 * 1024;

/** Parses a small, plain, valid JSON file, or returns undefined for any other input. */
async function smallDocument(path: string): Promise<{ document: unknown } | undefined> {
  if (path === "-") return undefined;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > WHOLE_PARSE_LIMIT) return undefined;
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes || (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1])) return undefined;
  const bom = startsWithBom(bytes) ? UTF8_BOM.length : 0;
  try {
    return { document: JSON.parse(bytes.toString("utf8", bom)) };
  } catch {
    return undefined;
  }
}

/**
 * Reads the entries of one or more captures in order. A capture cut off inside `log.entries`
 * yields the entries before the cut and adds a warning, as `streamCapture` describes.
 */
export async function* readEntries(
  paths: readonly string[],
  options: ReadOptions,
): AsyncGenerator<RecordedEntry> {
  for (const path of paths) {
    const small = options.reader === "auto" ? await smallDocument(path) : undefined;
    if (small) {
      yield* entriesOfDocument(small.document, displayName(path), options.warnings);
    } else if (options.reader === "whole") {
      yield* readWholeCapture(path, options.stdin, options.warnings);
    } else {
      yield* streamCapture(path, options);
    }
  }
}
