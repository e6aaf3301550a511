import { isAscii } from "node:buffer";
import type { WarningList } from "../warnings.js";
import { Byte } from "./capture.js";
import { readDocumentHead } from "./document-head.js";
import { parseEntry } from "./entries.js";
import { readRawEntry } from "./entry-schema.js";
import { emptyFileError } from "./json-error.js";
import { type ParsedEntry, parseLeavingOutBody } from "./long-strings.js";
import { rootValueError } from "./root-value.js";
import { HarScanner, type ScanEvent } from "./scanner.js";
import { type CaptureSource, openCapture } from "./source.js";
import { ErrorLocator, finishCapture } from "./stream-errors.js";
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
export function parseJson(bytes: Buffer): { value: unknown } | undefined {
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
  const head = await readDocumentHead(source.chunks);
  if (head.first === undefined) throw emptyFileError(source.name, head.offset - head.bom);
  if (head.first !== Byte.openBrace) throw await rootValueError(source, head.chunks, head.offset);
  yield* scanCapture(source, head.chunks, head.offset, options);
}

/** Tells from the kept bytes of an entry's `request` whether its response body is needed. */
function bodyFilter(needsBody: StreamOptions["needsBody"]) {
  if (!needsBody) return undefined;
  return (bytes: Buffer): boolean => {
    const parsed = parseJson(bytes);
    if (!parsed) return true;
    const read = readRawEntry({ request: parsed.value }, { file: "", index: 0 });
    // An entry whose request cannot be used is skipped, body and all.
    return "entry" in read && needsBody(read.entry.request);
  };
}

async function* scanCapture(
  source: CaptureSource,
  chunks: AsyncIterable<Buffer>,
  start: number,
  options: StreamOptions,
): AsyncGenerator<RecordedEntry> {
  const conversion = { needsBody: bodyFilter(options.needsBody) };
  const scanner = new HarScanner(start, { conversion });
  const locator = new ErrorLocator(source);
  let size = start;
  for await (const chunk of chunks) {
    scanner.push(chunk);
    size += chunk.length;
    yield* takeEvents(scanner.events, source, locator, options);
    if (scanner.failure !== undefined) throw await locator.ofScanner(scanner, chunk, size);
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
