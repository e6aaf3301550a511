import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { writeCapture as writeBenchCapture } from "../../bench/generate.js";
import type * as Read from "../../src/har/read.js";
import { runCli } from "../support/run-cli.js";
import { writeCapture } from "./read-helpers.js";

// The command line has no switch for the reader, so the test swaps it in the module it imports.
const state = vi.hoisted(() => ({ reader: "stream" as "stream" | "whole" }));
vi.mock("../../src/har/read.js", async (importOriginal) => {
  const actual = await importOriginal<typeof Read>();
  return {
    ...actual,
    readEntries: (paths: string[], options: Read.ReadOptions) =>
      actual.readEntries(paths, { ...options, reader: state.reader }),
  };
});

const FIXTURES = "fixtures";
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".har"))
  .map((name) => join(FIXTURES, name));
// A capture with media bodies long enough for the streaming reader to leave them out.
const generated = writeCapture("generated-session.har", "");
writeBenchCapture(generated, { targetBytes: 600_000, mediaBytes: 16 * 1024, mkioEvery: 5 });

async function runWith(reader: "stream" | "whole", args: string[]) {
  state.reader = reader;
  return runCli(args);
}

describe.each(["curl", "json"])("%s output", (format) => {
  it.each([...fixtures, generated])("is the same with either reader for %s", async (file) => {
    const args = [file, "-f", format];
    const whole = await runWith("whole", args);
    const streamed = await runWith("stream", args);
    expect(whole.code).toBe(0);
    expect(streamed).toEqual(whole);
  });
});

it("reader switch reaches the command line", async () => {
  const text = readFileSync(join(FIXTURES, "portal-current-session.har"), "utf8");
  const path = writeCapture("switch.har", text.slice(0, text.lastIndexOf("}", text.length - 20)));
  expect((await runWith("whole", [path])).code).toBe(1);
  expect((await runWith("stream", [path])).code).toBe(0);
});
