import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOutcome } from "./read-helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
// Real captures from browsers, proxies and tools, kept beside the repository rather than in it.
const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");

function harFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".har"))
    .map((name) => join(dir, name));
}

const fixtures = harFiles(FIXTURES);
const corpus = harFiles(CORPUS);

async function expectSameOutcome(path: string) {
  const whole = await readOutcome(path, { reader: "whole" });
  const streamed = await readOutcome(path);
  // An odd chunk size puts chunk boundaries inside tokens, strings and multi-byte characters.
  const chunked = await readOutcome(path, { chunkSize: 997 });
  expect(streamed.error).toBe(whole.error);
  expect(streamed.warnings).toEqual(whole.warnings);
  expect(streamed.entries).toEqual(whole.entries);
  expect(chunked).toEqual(streamed);
}

describe("streaming and whole-file readers agree", () => {
  it("fixtures folder has captures", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)("on %s", expectSameOutcome);

  describe.skipIf(corpus.length === 0)("on real-world captures", () => {
    it.each(corpus)("on %s", expectSameOutcome);

    it("including broken ones, with the same error", async () => {
      const broken = await Promise.all(corpus.map((path) => readOutcome(path)));
      expect(broken.filter((outcome) => outcome.error !== undefined).length).toBeGreaterThan(0);
    });
  });

  it.runIf(corpus.length === 0)(
    "corpus folder is absent, so real-world captures are skipped",
    () => {
      expect(existsSync(CORPUS)).toBe(false);
    },
  );
});
