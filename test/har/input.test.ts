import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeCapture as writeBenchCapture } from "../../bench/generate.js";
import type { ReadProgress } from "../../src/har/read.js";
import { chunkedStdin, readOutcome, writeCapture } from "./read-helpers.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "portal-current-session.har");
const bytes = readFileSync(FIXTURE);

describe("capture input", () => {
  it("reads gzip recognised by its magic bytes under a .har name", async () => {
    const path = writeCapture("compressed.har", gzipSync(bytes));
    const plain = await readOutcome(writeCapture("plain.har", bytes));
    const gzip = await readOutcome(path);
    expect(gzip.error).toBeUndefined();
    expect(gzip.entries.map((entry) => entry.request)).toEqual(
      plain.entries.map((entry) => entry.request),
    );
  });

  it("reads gzip in tiny chunks", async () => {
    const path = writeCapture("tiny.har", gzipSync(bytes));
    const tiny = await readOutcome(path, { chunkSize: 5 });
    expect(tiny).toEqual(await readOutcome(path));
  });

  it("reuses read buffers without corrupting entries", async () => {
    // Bodies of 200 KB span several reads of 70 KB, so a copy that was not taken shows.
    const path = writeCapture("many-reads.har", "");
    writeBenchCapture(path, { targetBytes: 2_500_000, mediaBytes: 150_000, mkioEvery: 3 });
    const whole = await readOutcome(path, { reader: "whole" });
    expect(whole.entries.length).toBeGreaterThan(10);
    expect(await readOutcome(path, { chunkSize: 70_001 })).toEqual(whole);
    expect(await readOutcome(path, { chunkSize: 70_001, needsBody: () => true })).toEqual(whole);
  });

  it("reads standard input for -", async () => {
    const outcome = await readOutcome("-", { stdin: chunkedStdin(bytes, 4096) });
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries).toHaveLength(17);
    expect(outcome.entries[0]?.ref).toEqual({ file: "<stdin>", index: 0 });
  });

  it("reads gzip from standard input", async () => {
    const stdin = chunkedStdin(gzipSync(bytes), 1);
    const outcome = await readOutcome("-", { stdin });
    expect(outcome.entries).toHaveLength(17);
  });

  it("reads the entries before the cut of a truncated gzip file", async () => {
    const compressed = gzipSync(bytes);
    const path = writeCapture("cut.har.gz", compressed.subarray(0, compressed.length / 2));
    const outcome = await readOutcome(path);
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries.length).toBeGreaterThan(0);
    expect(outcome.warnings.at(-1)?.message).toMatch(/of the decompressed data, inside entries/);
  });

  it("warns when only the gzip trailer is missing", async () => {
    const compressed = gzipSync(bytes);
    const path = writeCapture("no-trailer.har.gz", compressed.subarray(0, compressed.length - 4));
    const outcome = await readOutcome(path);
    expect(outcome.entries).toHaveLength(17);
    expect(outcome.warnings.at(-1)?.message).toMatch(/gzip data ends without its trailer/);
  });

  it.each([
    [
      "corrupt gzip",
      () => writeCapture("corrupt.har", Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5])),
      /corrupt\.har: gzip data is invalid: the compressed data is damaged \(zlib: unknown compression method\)/,
    ],
    [
      "missing file",
      () => join(import.meta.dirname, "nope.har"),
      /nope\.har: file not found; check the path/,
    ],
    ["directory", () => import.meta.dirname, /: is a directory; give a \.har file/],
  ])("reports %s with either reader", async (_case, pathOf, pattern) => {
    const path = pathOf();
    const streamed = await readOutcome(path);
    expect(streamed.error).toMatch(pattern);
    expect(streamed.error).toBe((await readOutcome(path, { reader: "whole" })).error);
  });
});

describe("progress callback", () => {
  it("reports bytes read of the total and entries found", async () => {
    const reports: ReadProgress[] = [];
    const path = writeCapture("progress.har", bytes);
    await readOutcome(path, { chunkSize: 4096, onProgress: (progress) => reports.push(progress) });
    const last = reports.at(-1);
    expect(reports.length).toBeGreaterThan(10);
    expect(last).toEqual({
      file: path,
      bytesRead: bytes.length,
      totalBytes: bytes.length,
      entries: 17,
    });
    const read = reports.map((progress) => progress.bytesRead);
    expect(read).toEqual([...read].sort((a, b) => a - b));
  });

  it("leaves the total unknown for standard input", async () => {
    const reports: ReadProgress[] = [];
    const stdin = chunkedStdin(bytes, 4096);
    await readOutcome("-", { stdin, onProgress: (progress) => reports.push(progress) });
    expect(reports.at(-1)?.totalBytes).toBeUndefined();
    expect(reports.at(-1)?.bytesRead).toBe(bytes.length);
  });
});
