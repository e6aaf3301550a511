import { describe, expect, it } from "vitest";
import { ENTRY_FIELDS, SKIP } from "../../src/har/entry-fields.js";
import { readRawEntry } from "../../src/har/entry-schema.js";
import { firstJsonError } from "../../src/har/json-error.js";
import { JsonValueReader, type ValueOptions } from "../../src/har/json-value.js";

/** Feeds `text` in chunks of `size` bytes and returns the reader and where the value ended. */
function read(text: string, size: number, options: ValueOptions = {}) {
  const bytes = Buffer.from(text);
  const reader = new JsonValueReader(0, options);
  let end = -1;
  for (let start = 0; start < bytes.length && end === -1 && !reader.failure; start += size) {
    const chunk = bytes.subarray(start, start + size);
    const at = reader.feed(chunk, 0);
    if (at !== -1) end = start + at;
    reader.detach();
  }
  return { reader, end };
}

describe("JsonValueReader syntax errors", () => {
  // Each value has an error that the reader must report where jsonc-parser reports its first.
  it.each([
    "tru}",
    "truex",
    "nul",
    "[nulx]",
    "1.e5",
    "1e+",
    "-x",
    "[01]",
    "[1.5.3]",
    "[1,]",
    "[1 2]",
    "[1}",
    "{,}",
    '{"a" 1}',
    '{"a":1 "b":2}',
    '{"a":1,}',
    "{a:1}",
    '["a\u0001"]',
    '["a\\q"]',
    '["\\u12G4"]',
    '["a\nb"]',
    "[/]",
    '{"a":[1,2,{"b":x}]}',
    '[["é"é]]',
  ])("reports %j where jsonc-parser does", async (text) => {
    const expected = await firstJsonError(text);
    const offset = Buffer.byteLength(text.slice(0, expected?.offset ?? 0));
    const found = text.charAt(expected?.offset ?? 0);
    for (const size of [1, 3]) {
      const { reader } = read(`${text} `, size);
      expect(reader.failure?.offset).toBe(offset);
    }
    // A character split between chunks cannot be decoded, so `found` is checked whole only.
    expect(read(`${text} `, text.length + 1).reader.failure).toEqual({
      kind: "syntax",
      offset,
      found,
    });
  });

  it.each([
    '{"a":[1,true,null,"x\\"y",{"b":-1.5e+3}]}',
    "[]",
    '"\\u00e9"',
    '{"é":["\\/", false, 0, -0.0e-0]}',
  ])("ends %j after its last byte", (text) => {
    for (const size of [1, 2, 100]) {
      const result = read(text, size);
      expect(result.reader.failure).toBeUndefined();
      expect(result.end).toBe(Buffer.byteLength(text));
    }
  });

  it("ends a number before the byte after it", () => {
    const { reader, end } = read("-12.5e3,", 1);
    expect(reader.failure).toBeUndefined();
    expect(end).toBe(7);
  });

  it("fails past the nesting limit", () => {
    const { reader } = read("[".repeat(1001), 64);
    expect(reader.failure).toEqual({ kind: "nesting", offset: 1000, found: "[" });
  });

  it("fails once more than the limit would be kept", () => {
    const text = JSON.stringify({ request: { url: "u".repeat(5000) } });
    const { reader } = read(text, 1024, { keep: ENTRY_FIELDS, maxKeptBytes: 3000 });
    expect(reader.failure?.kind).toBe("size");
  });

  it("keeps nothing of a skipped value", () => {
    const { reader, end } = read(`["${"a".repeat(100_000)}"]`, 4096, { keep: SKIP });
    expect(reader.failure).toBeUndefined();
    expect(end).toBe(100_004);
    expect(reader.bytes().length).toBe(0);
  });
});

describe("JsonValueReader entry fields", () => {
  const long = "x".repeat(20_000);
  const entry = {
    _initiator: { type: "script", stack: long },
    [`k${long}`]: "value of a long key",
    startedDateTime: "2026-11-20T10:00:00Z",
    request: {
      method: "PUT",
      url: "https://api.mk.io/a",
      httpVersion: "http/2.0",
      headers: [{ name: "x-a", value: 1, extra: long }, "not a pair"],
      postData: { mimeType: "application/json", text: '{"a":1}', params: [] },
      cookies: [{ name: "c", value: long }],
    },
    response: {
      status: 201,
      headers: { not: "a list" },
      content: { mimeType: "text/plain", text: long },
      timings: [1, 2, 3],
    },
    timings: { wait: 1.5 },
  };
  const text = JSON.stringify(entry, null, 2);

  it.each([1, 7, 4096])("keeps what readRawEntry reads, in chunks of %i", (size) => {
    const { reader } = read(text, size, { keep: ENTRY_FIELDS });
    const keptEntry = JSON.parse(reader.bytes().toString("utf8"));
    const ref = { file: "f", index: 0 };
    expect(readRawEntry(keptEntry, ref)).toEqual(readRawEntry(entry, ref));
    expect(reader.bytes().length).toBeLessThan(text.length / 2);
  });

  it("leaves out a long body that the request does not need", () => {
    const needsBody = (request: Buffer) => !request.includes("api.mk.io");
    const { reader } = read(text, 4096, { keep: ENTRY_FIELDS, needsBody });
    const keptEntry = JSON.parse(reader.bytes().toString("utf8"));
    expect(keptEntry.response.content).toEqual({ mimeType: "text/plain", text: 0 });
    expect(reader.bytes().length).toBeLessThan(2000);
  });
});
