import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOutcome, writeCapture } from "./read-helpers.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "reader-quirks.har");
const INSERTS = [
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  '"',
  "\\",
  "x",
  "1",
  " ",
  "\u00e9",
  "\u0001",
  "\\u12",
];
const COUNT = 150;

/** A small linear congruential generator, so that every run tries the same damage. */
function random(seed: number) {
  let state = seed;
  return (limit: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % limit;
  };
}

/** Deletes, inserts or replaces one byte, or inserts a short string, at a random place. */
function damage(bytes: Buffer, next: (limit: number) => number): Buffer {
  const at = next(bytes.length);
  const text = Buffer.from(INSERTS[next(INSERTS.length)] ?? "x");
  const kind = next(3);
  if (kind === 0) return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
  const rest = bytes.subarray(kind === 1 ? at : at + 1);
  return Buffer.concat([bytes.subarray(0, at), text, rest]);
}

describe("damaged captures", () => {
  const bytes = readFileSync(FIXTURE);
  const next = random(20_261_120);
  const cases = Array.from({ length: COUNT }, (_, index) => [index, damage(bytes, next)] as const);

  it.each(cases)("case %i reads the same with either reader", async (index, damaged) => {
    const path = writeCapture(`damaged-${index}.har`, damaged);
    const whole = await readOutcome(path, { reader: "whole" });
    const streamed = await readOutcome(path, { chunkSize: 61 });
    // The streaming reader reads on past a cut that the whole-file reader rejects.
    if (whole.error?.includes("before the JSON is complete") && streamed.error === undefined) {
      expect(streamed.warnings.at(-1)?.message).toMatch(/before the JSON is complete/);
      return;
    }
    expect(streamed.error).toBe(whole.error);
    if (whole.error !== undefined) return;
    expect(streamed).toEqual(whole);
  });
});
