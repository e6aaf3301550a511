import type { WarningList } from "../warnings.js";
import { harEntries, parseEntry } from "./entries.js";
import { decodeCapture, displayName, loadCaptureBytes, startsWithBom, UTF8_BOM } from "./input.js";
import { parseCaptureJson } from "./parse-json.js";
import type { RecordedEntry } from "./types.js";

/**
 * Parses a whole capture text with one `JSON.parse` and yields its entries. `byteBase` counts
 * the bytes before the text, so that messages give offsets in the file.
 */
export async function* entriesOfText(
  text: string,
  name: string,
  byteBase: number,
  warnings: WarningList,
): AsyncGenerator<RecordedEntry> {
  yield* entriesOfDocument(await parseCaptureJson(text, name, byteBase), name, warnings);
}

/** Yields the entries of a capture already parsed as JSON. */
export async function* entriesOfDocument(
  document: unknown,
  name: string,
  warnings: WarningList,
): AsyncGenerator<RecordedEntry> {
  const entries = harEntries(document, name);
  for (const [index, raw] of entries.entries()) {
    const entry = parseEntry(raw, { file: name, index }, warnings);
    if (entry) yield entry;
  }
}

/**
 * Reads one capture the way har2mkio did before it streamed: the whole file in one string. It
 * fails on captures over about 512 MiB and peaks at about twice the file size in memory. Tests
 * compare the streaming reader with it.
 */
export async function* readWholeCapture(
  path: string,
  stdin: NodeJS.ReadableStream,
  warnings: WarningList,
): AsyncGenerator<RecordedEntry> {
  const bytes = await loadCaptureBytes(path, stdin);
  const bom = startsWithBom(bytes) ? UTF8_BOM.length : 0;
  const name = displayName(path);
  yield* entriesOfText(decodeCapture(bytes, bom, name), name, bom, warnings);
}
