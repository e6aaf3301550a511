import type { Har2MkioError } from "../errors.js";
import type { WarningList } from "../warnings.js";
import { noEntriesError, noLogError } from "./entries.js";
import {
  type EntriesPlace,
  endsTooEarly,
  firstJsonError,
  syntaxError,
  truncatedError,
} from "./json-error.js";
import { locateInFile } from "./locate.js";
import type { ScanResult } from "./scanner.js";
import type { CaptureSource } from "./source.js";

/** Locates syntax errors of one capture and builds their messages. */
export class ErrorLocator {
  constructor(private readonly source: CaptureSource) {}

  /** Builds the error for a byte offset, where `found` is the character, if at hand. */
  async at(byte: number, entries: EntriesPlace | undefined, found: string): Promise<Har2MkioError> {
    const { name, path } = this.source;
    // Standard input cannot be read twice, so its messages give the byte offset only.
    if (path === "-") return syntaxError(name, { byte, entries, found });
    return syntaxError(name, { ...(await locateInFile(path, byte)), byte, entries });
  }

  /** Finds the first error in collected bytes that `JSON.parse` rejected. */
  async inValue(offset: number, bytes: Buffer, index?: number): Promise<Har2MkioError> {
    const text = bytes.toString("utf8");
    const error = await firstJsonError(text);
    const charOffset = error?.offset ?? 0;
    const byte = offset + Buffer.byteLength(text.slice(0, charOffset));
    // An element counts as begun once its first token is read, as the whole-file reader counts.
    let entries: EntriesPlace | undefined;
    if (index !== undefined) {
      entries = charOffset === 0 ? { index: index - 1, within: false } : { index, within: true };
    }
    return this.at(byte, entries, text.charAt(charOffset));
  }
}

function cutPlace(result: ScanResult): string {
  if (result.entriesClosed) return "after log.entries";
  if (result.partial?.index !== undefined) return `inside entries[${result.partial.index}]`;
  if (result.entryCount === 0) return "at the start of log.entries";
  return `after entries[${result.entryCount - 1}]`;
}

function truncationWarning(source: CaptureSource, result: ScanResult, size: number): string {
  const decompressed = source.gzip ? " of the decompressed data" : "";
  const count = result.entryCount;
  const read = count === 1 ? "the 1 complete entry" : `the ${count} complete entries`;
  return (
    `file ends at byte ${size}${decompressed}, ${cutPlace(result)}, before the JSON is ` +
    `complete (truncated?); ${read} before the cut were read`
  );
}

/**
 * Checks the end of a capture of `size` bytes: a syntax error in a value cut off by the end,
 * truncation, or a document that is not a HAR. A capture cut off after `log.entries` began only
 * adds a warning, but one cut off before raises `truncated`.
 */
export async function finishCapture(
  source: CaptureSource,
  result: ScanResult,
  size: number,
  warnings: WarningList,
): Promise<void> {
  const partial = result.partial;
  if (partial) {
    const text = partial.bytes.toString("utf8");
    const error = await firstJsonError(text);
    // The cut-off value lies inside the root object at least.
    if (error && !endsTooEarly(error, text, 1)) {
      throw await new ErrorLocator(source).inValue(partial.offset, partial.bytes, partial.index);
    }
  }
  if (!result.complete) {
    if (!result.entriesOpened) throw truncatedError(source.name, size);
    warnings.add(source.name, truncationWarning(source, result, size));
    return;
  }
  if (!result.logIsObject) throw noLogError(source.name);
  if (!result.entriesIsArray) throw noEntriesError(source.name);
  if (source.gzipTruncated) {
    warnings.add(source.name, "gzip data ends without its trailer, but the JSON is complete");
  }
}
