import type { WarningList } from "../warnings.js";
import { Byte } from "./capture.js";
import { readDocumentHead } from "./document-head.js";
import { emptyFileError } from "./json-error.js";
import { parseJson } from "./read-stream.js";
import { rootValueError } from "./root-value.js";
import {
  type Frame,
  HarScanner,
  type ObjectFrame,
  type ScanEvent,
  type StructureMark,
} from "./scanner.js";
import { type CaptureSource, openCapture } from "./source.js";
import { ErrorLocator, finishCapture, truncatedDocumentError } from "./stream-errors.js";

/** One piece of a capture, parsed, in document order. */
export type DocumentPart =
  /** The opening bracket of the root object, `log` or `log.entries`. */
  | { kind: "open"; frame: Frame }
  /** The closing bracket of the root object, `log` or `log.entries`. */
  | { kind: "close"; frame: Frame }
  /** A member of the root object or of `log` other than those above, such as `log.pages`. */
  | { kind: "member"; parent: ObjectFrame; key: string; value: unknown }
  /** One element of `log.entries`. */
  | { kind: "entry"; index: number; value: unknown };

/** Settings of `readDocument` besides the path. */
export interface DocumentOptions {
  stdin: NodeJS.ReadableStream;
  /** Receives problems that leave the document whole, such as a gzip stream without trailer. */
  warnings: WarningList;
  chunkSize?: number;
}

/**
 * Reads a whole capture in chunks and yields its parts in document order. The parts are each
 * bracket of the root object, `log` and `log.entries`, each other member of those objects, and
 * each entry, so a consumer can write the document again one entry at a time. It uses the
 * converter's scanner and raises the converter's errors. Unlike conversion, it also raises
 * `truncated` for a capture cut off inside `log.entries`, because the document is then incomplete.
 */
export async function* readDocument(
  path: string,
  options: DocumentOptions,
): AsyncGenerator<DocumentPart> {
  const { stdin, chunkSize } = options;
  const source = await openCapture(path, { stdin, chunkSize, reuseBuffers: true });
  const head = await readDocumentHead(source.chunks);
  if (head.first === undefined) throw emptyFileError(source.name, head.offset - head.bom);
  if (head.first !== Byte.openBrace) throw await rootValueError(source, head.chunks, head.offset);
  yield* scanDocument(source, head.chunks, head.offset, options.warnings);
}

async function* scanDocument(
  source: CaptureSource,
  chunks: AsyncIterable<Buffer>,
  start: number,
  warnings: WarningList,
): AsyncGenerator<DocumentPart> {
  const scanner = new HarScanner(start, { recordStructure: true });
  const locator = new ErrorLocator(source);
  let size = start;
  for await (const chunk of chunks) {
    scanner.push(chunk);
    size += chunk.length;
    // Each value is parsed before the next push, because the reader reuses the chunks' memory.
    for (const item of inDocumentOrder(scanner.events.splice(0), scanner.marks.splice(0))) {
      yield await partOf(item, locator);
    }
    if (scanner.failure !== undefined) throw await locator.ofScanner(scanner, chunk, size);
  }
  const result = scanner.finish();
  await finishCapture(source, result, size, warnings);
  // Conversion goes on with the entries before a cut, but a copy of a cut document is not HAR.
  if (!result.complete) throw truncatedDocumentError(source, result, size);
}

/** Merges the scanner's values and brackets, which each come in document order, by offset. */
function* inDocumentOrder(
  events: ScanEvent[],
  marks: StructureMark[],
): Generator<ScanEvent | StructureMark> {
  let event = 0;
  let mark = 0;
  while (event < events.length || mark < marks.length) {
    const nextEvent = events[event];
    const nextMark = marks[mark];
    if (nextEvent && (!nextMark || nextEvent.offset < nextMark.offset)) {
      event++;
      yield nextEvent;
    } else if (nextMark) {
      mark++;
      yield nextMark;
    }
  }
}

async function partOf(
  item: ScanEvent | StructureMark,
  locator: ErrorLocator,
): Promise<DocumentPart> {
  if (item.kind === "open") return { kind: "open", frame: item.frame };
  if (item.kind === "close") return { kind: "close", frame: item.frame };
  const parsed = parseJson(item.bytes);
  if (item.kind === "entry") {
    if (!parsed) throw await locator.inValue(item.offset, item.bytes, item.index);
    return { kind: "entry", index: item.index, value: parsed.value };
  }
  if (!parsed) throw await locator.inValue(item.offset, item.bytes);
  return { kind: "member", parent: item.parent, key: item.key, value: parsed.value };
}
