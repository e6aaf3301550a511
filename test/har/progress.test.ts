import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/catalog.js";
import { OperationMatcher } from "../../src/catalog/match.js";
import { createProgress, ProgressLine } from "../../src/cli/progress.js";
import type { RecordedEntry } from "../../src/har/types.js";
import { DEFAULT_HOSTS, WRITE_METHODS } from "../../src/select/filters.js";
import { selectCalls } from "../../src/select/select.js";

function terminal(columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { isTTY: true, columns, write: (text: string) => writes.push(text) } };
}

function clock() {
  const time = { now: 0 };
  return { time, now: () => time.now };
}

function recorded(method: string, url: string, index: number): RecordedEntry {
  return {
    ref: { file: "t.har", index },
    request: { method, url, headers: [] },
    response: { status: 201, headers: [] },
  };
}

async function* entries(list: RecordedEntry[]): AsyncGenerator<RecordedEntry> {
  yield* list;
}

const read = { file: "big.har", bytesRead: 50_000_000, totalBytes: 200_000_000, entries: 10 };

describe("progress line", () => {
  it("shows bytes of the total, entries and calls kept", () => {
    const { stream } = terminal();
    expect(new ProgressLine(stream).text()).toBe("reading 0 entries, 0 calls kept");
    const line = new ProgressLine(stream);
    line.onRead(read);
    expect(line.text()).toBe("reading big.har: 50.0 of 200.0 MB (25%), 0 entries, 0 calls kept");
    line.onRead({ ...read, totalBytes: undefined });
    expect(line.text()).toBe("reading big.har: 50.0 MB, 0 entries, 0 calls kept");
  });

  it("draws at most four times a second", () => {
    const { writes, stream } = terminal();
    const { time, now } = clock();
    const line = new ProgressLine(stream, now);
    line.onRead(read);
    time.now = 100;
    line.onRead(read);
    expect(writes).toHaveLength(0);
    time.now = 260;
    line.onRead(read);
    time.now = 400;
    line.onRead(read);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(`\r${line.text()}\u001b[K`);
  });

  it("erases itself at the end only if it was drawn", () => {
    const { writes, stream } = terminal();
    const { time, now } = clock();
    const line = new ProgressLine(stream, now);
    line.finish();
    expect(writes).toHaveLength(0);
    time.now = 1000;
    line.onRead(read);
    line.finish();
    expect(writes.at(-1)).toBe("\r\u001b[K");
  });

  it("fits the terminal width", () => {
    const { writes, stream } = terminal(20);
    const { time, now } = clock();
    const line = new ProgressLine(stream, now);
    time.now = 1000;
    line.onRead(read);
    expect(writes[0]).toBe(`\r${line.text().slice(0, 19)}\u001b[K`);
  });

  it("counts entries and the calls the selection keeps", async () => {
    const { stream } = terminal();
    const line = new ProgressLine(stream);
    const matcher = new OperationMatcher(loadCatalog());
    const selection = { hosts: DEFAULT_HOSTS, methods: WRITE_METHODS, statuses: ["2xx"] };
    const list = [
      recorded("PUT", "https://api.mk.io/api/v1/projects/p/media/assets/a", 0),
      recorded("GET", "https://example.com/x.js", 1),
      recorded("PUT", "https://api.mk.io/api/v1/projects/p/media/assets/b", 2),
    ];
    const { calls } = await selectCalls(entries(list), selection, matcher, line.onEntry);
    expect(calls).toHaveLength(2);
    expect(line.text()).toBe("reading 3 entries, 2 calls kept");
  });
});

describe("createProgress", () => {
  it.each([
    ["a terminal", true, false, true],
    ["a terminal with --quiet", true, true, false],
    ["a pipe or file", false, false, false],
  ])("on %s", (_case, isTTY, quiet, shown) => {
    const stream = { isTTY, write: () => true };
    expect(createProgress(stream, quiet) !== undefined).toBe(shown);
  });
});
