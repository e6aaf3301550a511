import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll } from "vitest";
import { type ReadOptions, readEntries } from "../../src/har/read.js";
import type { RecordedEntry } from "../../src/har/types.js";
import { type Warning, WarningList } from "../../src/warnings.js";

/** Everything one read produced: the entries, the warnings and the error message, if any. */
export interface ReadOutcome {
  entries: RecordedEntry[];
  warnings: Warning[];
  error?: string;
}

/** Reads one capture to the end and collects what came out, whichever way it ended. */
export async function readOutcome(
  path: string,
  options: Partial<Omit<ReadOptions, "warnings">> = {},
): Promise<ReadOutcome> {
  const warnings = new WarningList();
  const entries: RecordedEntry[] = [];
  const outcome: ReadOutcome = { entries, warnings: warnings.items };
  try {
    const stdin = options.stdin ?? Readable.from([]);
    for await (const entry of readEntries([path], { ...options, stdin, warnings })) {
      entries.push(entry);
    }
  } catch (error) {
    outcome.error = (error as Error).message;
  }
  return outcome;
}

/** Standard input that delivers `bytes` in chunks of `size` bytes. */
export function chunkedStdin(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return Readable.from(chunks);
}

const dir = mkdtempSync(join(tmpdir(), "har2mkio-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a capture into a temporary folder and returns its path. */
export function writeCapture(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
