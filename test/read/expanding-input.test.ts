import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createGzip, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readOutcome, writeCapture } from "../har/read-helpers.js";

// Inputs that expand to far more than they cost to send: gzip bombs and endless values. Each is
// generated on the fly from one reused block, so the test holds nothing large itself.
const MIB = 1024 * 1024;
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "portal-current-session.har");
const API = "https://api.mk.io/api/v1/projects/p/media/assets/a";

/** Builds a source of `prefix`, `size` bytes of `fill` and `suffix` that counts what is pulled. */
function source(prefix: string, fill: string, size: number, suffix = "") {
  const block = Buffer.alloc(MIB, fill);
  const counter = { pulled: 0, peakExternal: 0 };
  const start = process.memoryUsage().arrayBuffers;
  async function* parts(): AsyncGenerator<Buffer> {
    yield Buffer.from(prefix);
    for (let sent = 0; sent < size; sent += block.length) {
      counter.pulled += block.length;
      const external = process.memoryUsage().arrayBuffers - start;
      counter.peakExternal = Math.max(counter.peakExternal, external);
      yield block.subarray(0, Math.min(block.length, size - sent));
    }
    yield Buffer.from(suffix);
  }
  return { parts, counter };
}

function gzipped(parts: AsyncIterable<Buffer>): Readable {
  return Readable.from(parts).pipe(createGzip({ level: 1 }));
}

describe("gzip input that expands to invalid JSON", () => {
  // 64 MiB each, of which only the first few chunks may be decompressed before the error.
  it.each([
    [
      "zeros",
      "",
      "\0",
      /^<stdin>: not valid JSON at byte 0 of the decompressed data: unexpected control character U\+0000/,
    ],
    [
      "zeros inside an entry",
      '{"log":{"entries":[{"a":',
      "\0",
      /byte 24 of the decompressed data, in entries\[0\]: unexpected control character U\+0000/,
    ],
    [
      "brackets nested in an entry",
      '{"log":{"entries":[',
      "[",
      /nested deeper than 1000 levels at byte 1019 of the decompressed data, in entries\[0\]/,
    ],
    ["brackets nested at the top", "", "[", /nested deeper than 1000 levels at byte 1000 of/],
    [
      "control characters in a string",
      '{"log":{"entries":[{"a":"x',
      "\u0001",
      /byte 26 of the decompressed data, in entries\[0\]: unexpected control character U\+0001/,
    ],
  ])("fails early on %s", async (_case, prefix, fill, message) => {
    const { parts, counter } = source(prefix, fill, 64 * MIB);
    const outcome = await readOutcome("-", { stdin: gzipped(parts()) });
    expect(outcome.error).toMatch(message);
    expect(counter.pulled).toBeLessThan(16 * MIB);
  });
});

describe("input that expands to valid JSON", () => {
  // 48 MiB each from standard input. The reader must keep well under that outside the heap,
  // where buffers live, while a reader that collected the value would pass it.
  const SIZE = 48 * MIB;
  const LIMIT = SIZE / 3;

  it.each([
    [
      "whitespace before the document",
      "",
      " ",
      "",
      /file contains only whitespace \(50331648 bytes\)/,
    ],
    [
      "an endless string in log.pages",
      '{"log":{"pages":[{"title":"',
      "A",
      "",
      /file ends at byte 50331675 before the JSON is complete/,
    ],
  ])(
    "stays flat for %s",
    async (_case, prefix, fill, suffix, message) => {
      const { parts, counter } = source(prefix, fill, SIZE, suffix);
      const outcome = await readOutcome("-", { stdin: Readable.from(parts()) });
      expect(outcome.error).toMatch(message);
      expect(counter.peakExternal).toBeLessThan(LIMIT);
    },
    20_000,
  );

  it.each([
    ["an endless string in an unused field", '{"log":{"entries":[{"_initiator":"', "A"],
    ["whitespace inside an entry", '{"log":{"entries":[{"comment":', " "],
    ["an endless array in an unused field", '{"log":{"entries":[{"_x":[', `"${"A".repeat(1021)}",`],
  ])(
    "stays flat for %s",
    async (_case, prefix, fill) => {
      const { parts, counter } = source(prefix, fill, SIZE);
      const outcome = await readOutcome("-", { stdin: Readable.from(parts()) });
      // No entry is complete when the input ends, so the cut is an error.
      expect(outcome.error).toMatch(/inside entries\[0\], before the JSON/);
      expect(outcome.warnings).toEqual([]);
      expect(counter.peakExternal).toBeLessThan(LIMIT);
    },
    20_000,
  );

  it("streams a huge response body that is not needed", async () => {
    const cdn = '{"request":{"method":"GET","url":"https://cdn.example/seg.ts","headers":[]},';
    const prefix = `{"log":{"entries":[${cdn}"response":{"status":200,"content":{"text":"`;
    const api = JSON.stringify({ request: { method: "PUT", url: API }, response: { status: 201 } });
    const { parts, counter } = source(prefix, "QUFB", SIZE, `"}}},${api}]}}`);
    const needsBody = (request: { url: string }) => request.url.startsWith("https://api.mk.io/");
    const outcome = await readOutcome("-", { stdin: Readable.from(parts()), needsBody });
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries.map((entry) => entry.request.url)).toEqual([
      "https://cdn.example/seg.ts",
      API,
    ]);
    expect(outcome.entries[0]?.response.content).toEqual({ mimeType: "" });
    expect(counter.peakExternal).toBeLessThan(LIMIT);
  }, 20_000);

  it("reads many small entries", async () => {
    const entry = JSON.stringify({
      request: { method: "GET", url: API },
      response: { status: 200 },
    });
    const count = 20_000;
    const { parts } = source(
      '{"log":{"entries":[',
      "",
      0,
      `${`${entry},`.repeat(count)}${entry}]}}`,
    );
    const outcome = await readOutcome("-", { stdin: gzipped(parts()) });
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries).toHaveLength(count + 1);
  });
});

describe("gzip streams", () => {
  const bytes = readFileSync(FIXTURE);
  const whole = gzipSync(bytes);

  it("reads concatenated members as one capture", async () => {
    const cut = 20_000;
    const members = Buffer.concat([
      gzipSync(bytes.subarray(0, cut)),
      gzipSync(bytes.subarray(cut)),
    ]);
    const outcome = await readOutcome(writeCapture("members.har.gz", members));
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries).toHaveLength(17);
  });

  it.each([
    [
      "trailing bytes that are not gzip",
      Buffer.concat([whole, Buffer.from("GARBAGE")]),
      /gzip data is invalid: bytes after the end of the gzip data are not gzip; decompress it with gunzip -c/,
    ],
    [
      "a trailing member with a bad header",
      Buffer.concat([whole, Buffer.from([0x1f, 0x8b, 0x78, 0x78])]),
      /bytes after the end of the gzip data are not gzip/,
    ],
    [
      "a wrong checksum",
      Buffer.concat([whole.subarray(0, -8), Buffer.from([0, 0, 0, 0]), whole.subarray(-4)]),
      /gzip data is invalid: its checksum does not match the data, so the file is damaged/,
    ],
  ])("rejects %s with one line", async (_case, content, message) => {
    const outcome = await readOutcome(writeCapture("damaged.har.gz", content));
    expect(outcome.error).toMatch(message);
    expect(outcome.error).not.toMatch(/\n/);
  });
});
