import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { type ReadOutcome, readOutcome, writeCapture } from "./read-helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

/** Finds where `log.entries` and each of its elements start and end, with jsonc-parser. */
function entriesLayout(text: string) {
  const tree = parseTree(text);
  const array = tree && findNodeAtLocation(tree, ["log", "entries"]);
  if (!array?.children) throw new Error("fixture has no log.entries");
  const ends = array.children.map((node) => node.offset + node.length);
  return { open: array.offset, close: array.offset + array.length, ends };
}

/** Cut offsets: every 211th byte and the bytes around each element's end. */
function cutOffsets(length: number, ends: number[]): number[] {
  const offsets = new Set<number>();
  for (let offset = 1; offset < length; offset += 211) offsets.add(offset);
  for (const end of ends) for (const delta of [-2, -1, 0, 1, 2]) offsets.add(end + delta);
  return [...offsets].filter((offset) => offset > 0 && offset < length).sort((a, b) => a - b);
}

/** Returns the outcome as if the file had been read under another name. */
function renamed(outcome: ReadOutcome, from: string, to: string): ReadOutcome {
  return {
    entries: outcome.entries.map((entry) => ({ ...entry, ref: { ...entry.ref, file: to } })),
    warnings: outcome.warnings.map((warning) => ({
      ...warning,
      where: warning.where.replace(from, to),
    })),
  };
}

function entryIndex(where: string): number {
  return Number(/entries\[(\d+)\]/.exec(where)?.[1] ?? -1);
}

describe.each(["portal-current-session.har", "reader-quirks.har"])("%s cut short", (fixture) => {
  const bytes = readFileSync(join(FIXTURES, fixture));
  // The fixtures are ASCII, so character offsets are byte offsets.
  const layout = entriesLayout(bytes.toString("latin1"));
  let full: ReadOutcome;

  it.each(cutOffsets(bytes.length, layout.ends))("at byte %i", async (cut) => {
    full ??= await readOutcome(join(FIXTURES, fixture), { reader: "whole" });
    const path = writeCapture(`cut-${cut}-${fixture}`, bytes.subarray(0, cut));
    const outcome = await readOutcome(path);
    const expected = renamed(full, join(FIXTURES, fixture), path);
    if (cut <= layout.open) {
      expect(outcome.error).toMatch(`file ends at byte ${cut} before the JSON is complete`);
      return;
    }
    const complete = layout.ends.filter((end) => end <= cut).length;
    if (complete === 0) {
      expect(outcome.error).toMatch(`file ends at byte ${cut}, `);
      expect(outcome.error).toMatch("save the capture again");
      return;
    }
    expect(outcome.error).toBeUndefined();
    expect(outcome.entries).toEqual(expected.entries.filter((entry) => entry.ref.index < complete));
    const truncation = outcome.warnings.at(-1);
    expect(outcome.warnings.slice(0, -1)).toEqual(
      expected.warnings.filter((warning) => entryIndex(warning.where) < complete),
    );
    expect(truncation?.where).toBe(path);
    expect(truncation?.message).toMatch(`file ends at byte ${cut}, `);
    expect(truncation?.message).toMatch(`the ${complete} complete entr`);
  });
});

describe("truncation warning", () => {
  const entry = '{"request": {"method": "PUT", "url": "https://api.mk.io/a", "headers": []}}';

  it.each([
    ["inside an entry", `{"log": {"entries": [${entry}, {"request": {"met`, "inside entries[1]"],
    ["between entries", `{"log": {"entries": [${entry},`, "after entries[0]"],
    ["after the array", `{"log": {"entries": [${entry}], "pag`, "after log.entries"],
  ])("names the place %s", async (_case, text, place) => {
    const path = writeCapture("place.har", text);
    const { warnings } = await readOutcome(path);
    const size = Buffer.byteLength(text);
    expect(warnings.at(-1)?.message).toMatch(
      new RegExp(`^file ends at byte ${size}, ${place.replace(/[[\]]/g, "\\$&")}, before the JSON`),
    );
  });

  it("is an error in the whole-file reader", async () => {
    const path = writeCapture("whole.har", `{"log": {"entries": [${entry},`);
    const { error } = await readOutcome(path, { reader: "whole" });
    expect(error).toMatch(/whole\.har: file ends at byte \d+ before the JSON is complete/);
  });

  it.each([
    ["at the start of the array", '{"log": {"entries": [ ', "at the start of log.entries"],
    ["inside the first entry", '{"log": {"entries": [{"request": {"met', "inside entries[0]"],
  ])("is an error %s", async (_case, text, place) => {
    const path = writeCapture("first.har", text);
    const { error, warnings } = await readOutcome(path);
    expect(error).toBe(
      `${path}: file ends at byte ${Buffer.byteLength(text)}, ${place}, before the JSON is ` +
        "complete (truncated?); save the capture again",
    );
    expect(warnings).toEqual([]);
  });

  it("is an error when entries never began", async () => {
    const path = writeCapture("early.har", '{"log": {"version": "1.2", "pages": [{"id"');
    const { error } = await readOutcome(path);
    expect(error).toBe(
      `${path}: file ends at byte 42 before the JSON is complete (truncated?); save the capture again`,
    );
  });
});

describe("command line on a truncated capture", () => {
  const bytes = readFileSync(join(FIXTURES, "portal-current-session.har"));
  const layout = entriesLayout(bytes.toString("latin1"));

  it("converts the entries before the cut and exits 0", async () => {
    const cut = (layout.ends[12] ?? 0) + 40;
    const path = writeCapture("cli-cut.har", bytes.subarray(0, cut));
    const result = await runCli([path, "-f", "json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(`warning: ${path}: file ends at byte ${cut}, inside entries[13]`);
    expect(JSON.parse(result.stdout).calls.length).toBeGreaterThan(0);
  });

  it("exits 1 when no call came before the cut", async () => {
    const cut = (layout.ends[1] ?? 0) + 10;
    const path = writeCapture("cli-cut-early.har", bytes.subarray(0, cut));
    const result = await runCli([path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no MK\/IO calls found among 2 entries/);
    expect(result.stderr).toMatch(`warning: ${path}: file ends at byte ${cut}`);
  });
});
