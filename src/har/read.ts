import type { WarningList } from "../warnings.js";
import { type ReadProgress, streamCapture } from "./read-stream.js";
import { readWholeCapture } from "./read-whole.js";
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
   * with one `JSON.parse`, as before streaming. Tests use it to check the streaming reader.
   */
  reader?: "stream" | "whole";
  /** Bytes read at a time. Tests set tiny sizes to cut the input at every position. */
  chunkSize?: number;
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
    if (options.reader === "whole") {
      yield* readWholeCapture(path, options.stdin, options.warnings);
    } else {
      yield* streamCapture(path, options);
    }
  }
}
