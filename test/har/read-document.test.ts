import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type DocumentPart, readDocument } from "../../src/har/read-document.js";
import { WarningList } from "../../src/warnings.js";
import { chunkedStdin, readOutcome, writeCapture } from "./read-helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const FIXTURE_NAMES = readdirSync(FIXTURES).filter((name) => name.endsWith(".har"));

type Container = Record<string, unknown> | unknown[];

/** Sets a member the way JSON.parse does, so that a "__proto__" key stays a plain property. */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Builds the document again from its parts, checking that they nest correctly. */
function rebuild(parts: DocumentPart[]): unknown {
  const open: Container[] = [];
  let root: unknown;
  for (const part of parts) {
    const top = open[open.length - 1];
    if (part.kind === "open") {
      const container: Container = part.frame === "entries" ? [] : {};
      if (part.frame === "root") root = container;
      else
        setMember(
          top as Record<string, unknown>,
          part.frame === "log" ? "log" : "entries",
          container,
        );
      open.push(container);
    } else if (part.kind === "close") {
      open.pop();
    } else if (part.kind === "member") {
      setMember(top as Record<string, unknown>, part.key, part.value);
    } else {
      expect(part.index).toBe((top as unknown[]).length);
      (top as unknown[]).push(part.value);
    }
  }
  expect(open).toEqual([]);
  return root;
}

/** Reads a capture to the end and returns its parts, or the message of the error it raised. */
async function readParts(
  path: string,
  options: { chunkSize?: number; stdin?: Readable } = {},
): Promise<{ parts: DocumentPart[]; error?: string }> {
  const parts: DocumentPart[] = [];
  const stdin = options.stdin ?? Readable.from([]);
  try {
    const reader = readDocument(path, { ...options, stdin, warnings: new WarningList() });
    for await (const part of reader) parts.push(part);
    return { parts };
  } catch (error) {
    return { parts, error: (error as Error).message };
  }
}

describe("readDocument", () => {
  it.each(
    FIXTURE_NAMES.flatMap((name) => [1, 7, 4096, undefined].map((size) => [name, size] as const)),
  )("yields %s in document order, chunks of %s", async (name, chunkSize) => {
    const path = join(FIXTURES, name);
    const { parts, error } = await readParts(path, { chunkSize });
    expect(error).toBeUndefined();
    const text = readFileSync(path, "utf8").replace(/^\ufeff/, "");
    expect(JSON.stringify(rebuild(parts))).toBe(JSON.stringify(JSON.parse(text)));
  });

  it.each([
    ["members around log", '{"a": 1, "log": {"entries": [{"x": 1}]}, "b": [2]}'],
    ["entries before pages", '{"log": {"entries": [], "pages": [{"id": "p"}], "comment": "c"}}'],
    ["an empty log.entries", '{"log": {"version": "1.2", "entries": []}}'],
    ["a __proto__ key", '{"log": {"__proto__": {"x": 1}, "entries": [{"__proto__": 2}]}}'],
    ["a byte-order mark", '\ufeff{"log": {"entries": [{"a": "\u00e9"}]}}'],
  ])("keeps %s", async (_name, text) => {
    const path = writeCapture("document.har", text);
    const { parts, error } = await readParts(path, { chunkSize: 3 });
    expect(error).toBeUndefined();
    expect(JSON.stringify(rebuild(parts))).toBe(
      JSON.stringify(JSON.parse(text.replace(/^\ufeff/, ""))),
    );
  });

  it("names each member's key and parent", async () => {
    const path = writeCapture("members.har", '{"x": 0, "log": {"pages": [], "entries": []}}');
    const { parts } = await readParts(path);
    const members = parts.filter((part) => part.kind === "member");
    expect(members).toEqual([
      { kind: "member", parent: "root", key: "x", value: 0 },
      { kind: "member", parent: "log", key: "pages", value: [] },
    ]);
  });

  it("reads gzip and standard input", async () => {
    const bytes = readFileSync(join(FIXTURES, "portal-current-session.har"));
    const plain = await readParts(writeCapture("plain.har", bytes));
    const gzip = await readParts(writeCapture("gzip.har", gzipSync(bytes)), { chunkSize: 5 });
    const stdin = await readParts("-", { stdin: chunkedStdin(gzipSync(bytes), 1000) });
    expect(gzip).toEqual(plain);
    expect(stdin).toEqual(plain);
  });
});

const ENTRY = '{"request": {"method": "PUT", "url": "https://api.mk.io/a", "headers": []}}';

describe("readDocument errors", () => {
  it.each([
    ["invalid JSON in an entry", `{"log": {"entries": [${ENTRY}, {"a": tru}]}}`],
    ["invalid JSON in pages", `{"log": {"pages": [{"id": }], "entries": [${ENTRY}]}}`],
    ["a missing comma between entries", `{"log": {"entries": [${ENTRY} ${ENTRY}]}}`],
    ["text after the document", `{"log": {"entries": []}} x`],
    ["no log", '{"entries": []}'],
    ["log.entries not an array", '{"log": {"entries": {}}}'],
    ["an array document", "[1, 2]"],
    ["an invalid array document", "[1, 2"],
    ["an empty file", " \n"],
    ["a cut before log.entries", '{"log": {"version": "1.2", "pag'],
  ])("match the converter's for %s", async (_name, text) => {
    const path = writeCapture("broken.har", text);
    const converter = await readOutcome(path);
    expect(converter.error).toBeDefined();
    for (const chunkSize of [1, 5, undefined]) {
      expect((await readParts(path, { chunkSize })).error).toBe(converter.error);
    }
  });

  it("match the converter's for standard input", async () => {
    const text = `{"log": {"entries": [${ENTRY}, {"a": tru}]}}`;
    const converter = await readOutcome("-", { stdin: chunkedStdin(Buffer.from(text), 4) });
    const document = await readParts("-", { stdin: chunkedStdin(Buffer.from(text), 4) });
    expect(converter.error).toMatch(/^<stdin>: not valid JSON at byte \d+, in entries\[1\]/);
    expect(document.error).toBe(converter.error);
  });

  it.each([
    ["inside an entry", `{"log": {"entries": [${ENTRY}, {"request": {"met`, "inside entries[1]"],
    ["between entries", `{"log": {"entries": [${ENTRY},`, "after entries[0]"],
    ["after log.entries", `{"log": {"entries": [${ENTRY}], "pag`, "after log.entries"],
  ])("raise truncated for a cut %s", async (_name, text, place) => {
    const path = writeCapture("cut.har", text);
    const { error } = await readParts(path);
    expect(error).toBe(
      `${path}: file ends at byte ${text.length}, ${place}, before the JSON is complete ` +
        "(truncated?); save the capture again",
    );
  });

  it("count decompressed bytes for a cut gzip capture", async () => {
    const text = `{"log": {"entries": [${ENTRY}, {"request"`;
    const path = writeCapture("cut.har.gz", gzipSync(text));
    const { error } = await readParts(path);
    expect(error).toMatch(`file ends at byte ${text.length} of the decompressed data, inside`);
  });

  it("locate an error in the structure after a value that spans chunks", async () => {
    const long = "x".repeat(10_000);
    const text = `{"log": {"comment": "${long}", "entries": [${ENTRY}] ]}}`;
    const path = writeCapture("structure.har", text);
    const converter = await readOutcome(path);
    expect(converter.error).toMatch(`byte ${text.indexOf("] ]") + 2}`);
    expect((await readParts(path, { chunkSize: 999 })).error).toBe(converter.error);
  });
});
