import { Har2MkioError } from "../errors.js";
import type { WarningList } from "../warnings.js";
import { readRawEntry } from "./entry-schema.js";
import { describeRef, type RecordedEntry } from "./types.js";

const EXPORT_HINT = "export it from the browser's network tab with 'Save all as HAR'";

/** Builds the `not-har` error for a document without a `log` object. */
export function noLogError(name: string): Har2MkioError {
  return new Har2MkioError("not-har", `${name}: not a HAR file (no "log" object); ${EXPORT_HINT}`);
}

/** Builds the `not-har` error for a `log` without an `entries` array. */
export function noEntriesError(name: string): Har2MkioError {
  return new Har2MkioError(
    "not-har",
    `${name}: log.entries is missing or not an array; ${EXPORT_HINT}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns `log.entries` of a parsed document, or raises `not-har` naming what is missing. */
export function harEntries(document: unknown, name: string): unknown[] {
  if (!isRecord(document) || !isRecord(document.log)) throw noLogError(name);
  const entries = document.log.entries;
  if (!Array.isArray(entries)) throw noEntriesError(name);
  return entries;
}

/** Parses one raw entry, or records why it is skipped. */
export function parseEntry(
  raw: unknown,
  ref: RecordedEntry["ref"],
  warnings: WarningList,
): RecordedEntry | undefined {
  const result = readRawEntry(raw, ref);
  if ("entry" in result) return result.entry;
  const { field, problem } = result.issue;
  warnings.add(describeRef(ref, field || undefined), `${problem}; entry skipped`);
  return undefined;
}
