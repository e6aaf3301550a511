import { Har2MkioError } from "../errors.js";
import type { WarningList } from "../warnings.js";
import { describeIssue, entrySchema, toRecordedEntry } from "./entry-schema.js";
import { loadCaptureText } from "./input.js";
import { parseCaptureJson } from "./parse-json.js";
import { describeRef, type RecordedEntry } from "./types.js";

/** Options of the capture reader. */
export interface ReadOptions {
  warnings: WarningList;
  stdin: NodeJS.ReadableStream;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns `log.entries` of a parsed document, or raises `not-har` naming what is missing. */
export function harEntries(document: unknown, name: string): unknown[] {
  const hint = "export it from the browser's network tab with 'Save all as HAR'";
  if (!isRecord(document) || !isRecord(document.log)) {
    throw new Har2MkioError("not-har", `${name}: not a HAR file (no "log" object); ${hint}`);
  }
  const entries = document.log.entries;
  if (!Array.isArray(entries)) {
    throw new Har2MkioError("not-har", `${name}: log.entries is missing or not an array; ${hint}`);
  }
  return entries;
}

/** Parses one raw entry, or records why it is skipped. */
export function parseEntry(
  raw: unknown,
  ref: RecordedEntry["ref"],
  warnings: WarningList,
): RecordedEntry | undefined {
  const parsed = entrySchema.safeParse(raw);
  if (parsed.success) return toRecordedEntry(parsed.data, ref);
  const { field, problem } = describeIssue(parsed.error, raw);
  warnings.add(describeRef(ref, field || undefined), `${problem}; entry skipped`);
  return undefined;
}

/**
 * Reads the entries of one or more captures in order, as an async iterable so that a streaming
 * reader can take the place of this one without changes elsewhere.
 */
export async function* readEntries(
  paths: readonly string[],
  options: ReadOptions,
): AsyncGenerator<RecordedEntry> {
  for (const path of paths) {
    const name = path === "-" ? "<stdin>" : path;
    const text = await loadCaptureText(path, options.stdin);
    const entries = harEntries(await parseCaptureJson(text, name), name);
    for (const [index, raw] of entries.entries()) {
      const entry = parseEntry(raw, { file: name, index }, options.warnings);
      if (entry) yield entry;
    }
  }
}
