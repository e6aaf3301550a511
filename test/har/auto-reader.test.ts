import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readOutcome } from "./read-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-auto-reader-"));
const FIXTURES = readdirSync("fixtures")
  .filter((name) => name.endsWith(".har"))
  .map((name) => join("fixtures", name));

describe("auto reader", () => {
  it.each(FIXTURES)("reads %s as the streaming reader does", async (fixture) => {
    const streamed = await readOutcome(fixture);
    const auto = await readOutcome(fixture, { reader: "auto" });
    expect(auto.entries.length).toBeGreaterThan(0);
    expect(auto).toEqual(streamed);
  });

  it("streams a small truncated capture, keeping the entries before the cut", async () => {
    const text = readFileSync("fixtures/portal-current-session.har", "utf8");
    const path = join(dir, "cut.har");
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.6)));
    const auto = await readOutcome(path, { reader: "auto" });
    expect(auto.error).toBeUndefined();
    expect(auto.entries.length).toBeGreaterThan(0);
    expect(auto.warnings.map((warning) => warning.message).join("\n")).toMatch(/truncated\?/);
    expect(auto).toEqual(await readOutcome(path));
  });

  it("streams a small gzip capture", async () => {
    const path = join(dir, "small.har.gz");
    writeFileSync(path, gzipSync(readFileSync("fixtures/portal-legacy-session.har")));
    const auto = await readOutcome(path, { reader: "auto" });
    expect(auto.entries.length).toBeGreaterThan(0);
    expect(auto).toEqual(await readOutcome(path));
  });
});
