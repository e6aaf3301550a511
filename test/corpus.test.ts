import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";

// Real captures from browsers, proxies and tools; they live beside the repository, not in it.
const CORPUS = join(import.meta.dirname, "..", "..", "shared", "corpus");
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => name.endsWith(".har")) : [];

function expectCleanOutcome(result: { code: number; stderr: string }) {
  expect([0, 1]).toContain(result.code);
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
  expect(errors).toHaveLength(result.code === 0 ? 0 : 1);
}

describe.skipIf(files.length === 0)("real-world captures in ../shared/corpus", () => {
  it.each(files)("%s converts or fails cleanly with default options", async (name) => {
    expectCleanOutcome(await runCli([join(CORPUS, name)]));
  });

  it.each(files)("%s converts or fails cleanly keeping every call", async (name) => {
    const args = [join(CORPUS, name), "--host", "*", "--include-reads", "--status", "any"];
    for (const format of ["curl", "json"]) {
      const result = await runCli([...args, "-f", format]);
      expectCleanOutcome(result);
      if (result.code === 0) expect(result.stdout.length).toBeGreaterThan(0);
    }
  });
});

it.runIf(files.length === 0)(
  "corpus folder is absent, so the real-world captures are skipped",
  () => {
    expect(existsSync(CORPUS)).toBe(false);
  },
);
