import { Har2MkioError } from "../errors.js";
import type { WarningList } from "../warnings.js";
import { noEntriesError, noLogError } from "./entries.js";
import {
  type EntriesPlace,
  firstJsonError,
  nestingError,
  syntaxError,
  tooLargeError,
  truncatedError,
} from "./json-error.js";
import { MAX_KEPT_BYTES, MAX_NESTING, type ValueFailure } from "./json-value.js";
import { locateInFile } from "./locate.js";
import type { HarScanner, ScanResult } from "./scanner.js";
import type { CaptureSource } from "./source.js";

/** A 1-based line and column, as editors count them. */
interface Location {
  line: number;
  column: number;
}

/** Locates syntax errors of one capture and builds their messages. */
export class ErrorLocator {
  constructor(private readonly source: CaptureSource) {}

  /**
   * Builds the error for a byte offset, where `found` is the character, if at hand. Without
   * `located`, the line and column come from reading the file again up to the offset.
   */
  async at(
    byte: number,
    entries: EntriesPlace | undefined,
    found: string,
    located?: Location,
  ): Promise<Har2MkioError> {
    const { name, path, gzip: decompressed } = this.source;
    if (located) return syntaxError(name, { ...located, byte, entries, found, decompressed });
    // Standard input, a pipe or a device cannot be read again, so messages give the offset only.
    if (!this.source.rereadable) return syntaxError(name, { byte, entries, found, decompressed });
    const inFile = await locateInFile(path, byte);
    return syntaxError(name, { ...inFile, byte, entries, decompressed });
  }

  /**
   * Builds the error for the scanner's failure, where `chunk` is the chunk it failed in and
   * `chunkEnd` the offset just past it.
   */
  async ofScanner(scanner: HarScanner, chunk: Buffer, chunkEnd: number): Promise<Har2MkioError> {
    const entries = scanner.entriesPlace();
    if (scanner.valueFailure) return this.ofValue(scanner.valueFailure, entries);
    const byte = scanner.failure ?? chunkEnd;
    const inChunk = Math.max(byte - (chunkEnd - chunk.length), 0);
    const found = chunk
      .subarray(inChunk, inChunk + 4)
      .toString("utf8")
      .charAt(0);
    return this.at(byte, entries, found);
  }

  /** Builds the error for a failure found inside a value. */
  async ofValue(
    failure: ValueFailure,
    entries?: EntriesPlace,
    located?: Location,
  ): Promise<Har2MkioError> {
    const { name, gzip: decompressed } = this.source;
    const spot = { byte: failure.offset, entries, decompressed };
    if (failure.kind === "nesting") return nestingError(name, MAX_NESTING, spot);
    if (failure.kind === "size") return tooLargeError(name, MAX_KEPT_BYTES, spot);
    return this.at(failure.offset, entries, failure.found, located);
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
 * Builds the `truncated` error for a capture cut off after `log.entries` began, for a consumer
 * that needs the whole document and so cannot go on with the entries before the cut.
 */
export function truncatedDocumentError(
  source: CaptureSource,
  result: ScanResult,
  size: number,
): Har2MkioError {
  const decompressed = source.gzip ? " of the decompressed data" : "";
  return new Har2MkioError(
    "truncated",
    `${source.name}: file ends at byte ${size}${decompressed}, ${cutPlace(result)}, before the ` +
      "JSON is complete (truncated?); save the capture again",
  );
}

/**
 * Checks the end of a capture of `size` bytes: truncation, or a document that is not a HAR. The
 * scanner has checked every byte before the end, so a value cut off by it has no syntax error.
 * A capture cut off after a complete entry only adds a warning, but one cut off before raises
 * `truncated`.
 */
export async function finishCapture(
  source: CaptureSource,
  result: ScanResult,
  size: number,
  warnings: WarningList,
): Promise<void> {
  if (!result.complete) {
    if (!result.entriesOpened) throw truncatedError(source.name, size, source.gzip);
    // With no complete entry there is nothing to go on with, so the cut is the error.
    if (result.entryCount === 0) throw truncatedDocumentError(source, result, size);
    warnings.add(source.name, truncationWarning(source, result, size));
    return;
  }
  if (!result.logIsObject) throw noLogError(source.name);
  if (!result.entriesIsArray) throw noEntriesError(source.name);
  if (source.gzipTruncated) {
    warnings.add(source.name, "gzip data ends without its trailer, but the JSON is complete");
  }
}
