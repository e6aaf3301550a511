import { isAscii } from "node:buffer";
import type { WarningList } from "../warnings.js";
import { Byte } from "./capture.js";
import { parseEntry } from "./entries.js";
import { decodeCapture } from "./input.js";
import { emptyFileError } from "./json-error.js";
import { type ParsedEntry, parseLeavingOutBody } from "./long-strings.js";
import { entriesOfText } from "./read-whole.js";
import { HarScanner, type ScanEvent } from "./scanner.js";
import { type CaptureSource, openCapture } from "./source.js";
import { ErrorLocator, finishCapture } from "./stream-errors.js";
import { findDocumentStart, restOf, skipBytes } from "./stream-start.js";
import type { RecordedEntry, ResponseContent } from "./types.js";

/** How far the reader has got in one capture. */
export interface ReadProgress {
  /** The path, or `<stdin>`. */
  file: string;
  /** Bytes read from the file so far, before decompression. */
  bytesRead: number;
  /** Size of the file, or undefined for standard input. */
  totalBytes: number | undefined;
  /** Elements of `log.entries` found so far, including those skipped as unusable. */
  entries: number;
}

/** What the streaming reader needs besides the path. */
export interface StreamOptions {
  warnings: WarningList;
  stdin: NodeJS.ReadableStream;
  onProgress?: (progress: ReadProgress) => void;
  needsBody?: (request: RecordedEntry["request"]) => boolean;
  chunkSize?: number;
}

/**
 * Parses collected bytes, or returns undefined if they are not valid JSON. ASCII bytes, which
 * base64 bodies are, decode as Latin-1 to the same text at about twice the speed of UTF-8.
 */
function parseJson(bytes: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(bytes.toString(isAscii(bytes) ? "latin1" : "utf8")) };
  } catch {
    return undefined;
  }
}

/**
 * Reads the entries of one capture in chunks: the scanner finds each element of `log.entries`
 * and each is parsed on its own, so the reader's memory use does not grow with the file. Errors and
 * messages match the whole-file reader's, except for a truncated capture: the entries before
 * the cut are read and a warning names the byte offset where the data ends.
 */
export async function* streamCapture(
  path: string,
  options: StreamOptions,
): AsyncGenerator<RecordedEntry> {
  const { stdin, chunkSize } = options;
  const source = await openCapture(path, { stdin, chunkSize, reuseBuffers: true });
  const chunks = source.chunks[Symbol.asyncIterator]();
  const start = await findDocumentStart(chunks);
  if (start.first === undefined) throw emptyFileError(source.name);
  if (start.first !== Byte.openBrace) {
    // Not an object, so not a HAR: parse it whole for the same message as the other reader.
    // NOTE: such a file is held in memory whole, as the whole-file reader holds any capture.
    const pieces: Buffer[] = [];
    for await (const chunk of restOf(start.head, chunks)) pieces.push(Buffer.from(chunk));
    const text = decodeCapture(Buffer.concat(pieces), start.bom, source.name);
    yield* entriesOfText(text, source.name, start.bom, options.warnings);
    return;
  }
  yield* scanCapture(source, skipBytes(restOf(start.head, chunks), start.bom), start.bom, options);
}

async function* scanCapture(
  source: CaptureSource,
  chunks: AsyncIterable<Buffer>,
  bom: number,
  options: StreamOptions,
): AsyncGenerator<RecordedEntry> {
  const scanner = new HarScanner(bom);
  const locator = new ErrorLocator(source);
  let size = bom;
  for await (const chunk of chunks) {
    scanner.push(chunk);
    size += chunk.length;
    yield* takeEvents(scanner.events, source, locator, options);
    if (scanner.failure !== undefined) {
      const inChunk = Math.max(scanner.failure - (size - chunk.length), 0);
      const found = chunk
        .subarray(inChunk, inChunk + 4)
        .toString("utf8")
        .charAt(0);
      throw await locator.at(scanner.failure, scanner.entriesPlace(), found);
    }
    options.onProgress?.(progressOf(source, scanner.entriesFound));
  }
  await finishCapture(source, scanner.finish(), size, options.warnings);
}

function progressOf(source: CaptureSource, entries: number): ReadProgress {
  return {
    file: source.name,
    bytesRead: source.bytesRead(),
    totalBytes: source.totalBytes,
    entries,
  };
}

async function* takeEvents(
  events: ScanEvent[],
  source: CaptureSource,
  locator: ErrorLocator,
  options: StreamOptions,
): AsyncGenerator<RecordedEntry> {
  for (const event of events.splice(0)) {
    if (event.kind === "value") {
      if (!parseJson(event.bytes)) throw await locator.inValue(event.offset, event.bytes);
      continue;
    }
    const parsed = parseEntryEvent(event, options.needsBody !== undefined);
    if (!parsed) throw await locator.inValue(event.offset, event.bytes, event.index);
    const ref = { file: source.name, index: event.index };
    const entry = parseEntry(parsed.value, ref, options.warnings);
    if (!entry) continue;
    if (parsed.body) settleBody(entry, parsed.body, options.needsBody);
    yield entry;
  }
}

type EntryEvent = Extract<ScanEvent, { kind: "entry" }>;

function parseEntryEvent(event: EntryEvent, mayLeaveOutBody: boolean): ParsedEntry | undefined {
  if (mayLeaveOutBody && event.longStrings.length > 0) {
    const parsed = parseLeavingOutBody(event.bytes, event.longStrings, parseJson);
    if (parsed) return parsed;
  }
  return parseJson(event.bytes);
}

/** Puts a left-out response body back if `needsBody` asks for it, and drops it otherwise. */
function settleBody(
  entry: RecordedEntry,
  body: NonNullable<ParsedEntry["body"]>,
  needsBody: StreamOptions["needsBody"],
): void {
  const content = entry.response.content;
  if (content?.text !== body.placeholder) return;
  if (needsBody?.(entry.request)) {
    content.text = body.decode();
  } else {
    entry.response.content = withoutText(content);
  }
}

function withoutText(content: ResponseContent): ResponseContent {
  const rest: ResponseContent = { mimeType: content.mimeType };
  if (content.encoding !== undefined) rest.encoding = content.encoding;
  return rest;
}
