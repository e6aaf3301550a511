import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";

// A fixed seed keeps `npm test` repeatable; FUZZ_RUNS=2000 FUZZ_SEED=<n> runs a longer search.
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const FIXTURES = ["portal-current-session.har", "portal-legacy-session.har", "reader-quirks.har"];
const texts = FIXTURES.map((name) =>
  readFileSync(`fixtures/${name}`, "utf8").replace(/^\uFEFF/, ""),
);

type Json = unknown;

/** Collects the paths of every value in a JSON document. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      paths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
    }
  }
  return out;
}

function mutate(
  document: Json,
  path: (string | number)[],
  change: (value: Json) => Json | undefined,
) {
  if (path.length === 0) return change(document);
  const copy = structuredClone(document) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  const next = change(parent[last]);
  if (next === undefined) delete parent[last];
  else parent[last] = next;
  return copy;
}

const replacement = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.constantFrom(1e308, -1e308, -1, 0),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
);

const fieldMutation = fc
  .record({ fixture: fc.nat(texts.length - 1), pick: fc.nat(), value: replacement })
  .map(({ fixture, pick, value }) => {
    const document = JSON.parse(texts[fixture] ?? "{}");
    const all = paths(document);
    const path = all[pick % all.length] ?? [];
    return JSON.stringify(mutate(document, path, () => value) ?? null);
  });

const truncation = fc
  .record({ fixture: fc.nat(texts.length - 1), cut: fc.nat() })
  .map(({ fixture, cut }) => {
    const text = texts[fixture] ?? "";
    return text.slice(0, cut % text.length);
  });

const garbage = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => `\uFEFF${text}`),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc.nat(texts[0]?.length ?? 1).map((at) => {
    const text = texts[0] ?? "";
    return `${text.slice(0, at)}\uFFFD\uD800${text.slice(at)}`;
  }),
);

function expectCleanExit(result: { code: number; stderr: string }) {
  expect([0, 1]).toContain(result.code);
  expect(result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(result.stderr).not.toMatch(/unexpected failure/);
  const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
  expect(errors).toHaveLength(result.code === 0 ? 0 : 1);
}

async function convertText(text: string, format = "curl") {
  return runCli(["-", "-f", format, "--include-reads", "--status", "any"], text);
}

describe("fuzzed captures", () => {
  it.each([
    ["changed or deleted fields", fieldMutation],
    ["truncated files", truncation],
    ["garbage and invalid UTF-8", garbage],
  ])("%s exit 0 or 1 with one line", async (_name, arbitrary) => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (text) => expectCleanExit(await convertText(text))),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("deep nesting in a body is skipped with a warning", async () => {
    const depth = 100_000;
    const body = "[".repeat(depth) + "]".repeat(depth);
    const entry = {
      request: {
        method: "PUT",
        url: "https://api.mk.io/api/v1/projects/p/media/assets/a",
        postData: { mimeType: "application/json", text: body },
      },
      response: { status: 201 },
    };
    const result = await convertText(JSON.stringify({ log: { entries: [entry] } }), "json");
    expectCleanExit(result);
    expect(result.stderr).toMatch(/nested deeper than 100 levels; call skipped/);
  });

  it("100,000 empty entries fail cleanly", async () => {
    const text = JSON.stringify({ log: { entries: Array.from({ length: 100_000 }, () => ({})) } });
    const result = await convertText(text);
    expectCleanExit(result);
    expect(result.stderr).toMatch(/100000 more warnings|99980 more warnings/);
  });

  it.each([
    ["validate", ["validate", "-"], /^<stdin>: \.\.\. and [\d,]+ more violations$/m],
    ["--strict", ["-", "--strict"], /\(and \d+ more; run har2mkio validate\)/],
  ])("100,000 empty entries under %s fail cleanly", async (_name, args, pattern) => {
    const text = JSON.stringify({ log: { entries: Array.from({ length: 100_000 }, () => ({})) } });
    const result = await runCli(args, text);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
