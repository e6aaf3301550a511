import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-errors-"));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines.filter((line) => line.startsWith("error:"))).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const minimal = JSON.stringify({
  log: { version: "1.2", creator: { name: "t", version: "1" }, entries: [] },
});

describe("input errors exit 1 with one line naming the file", () => {
  it.each([
    ["missing file", join(dir, "nope.har"), /nope\.har: file not found/],
    ["directory", dir, /is a directory/],
    ["empty file", file("empty.har", ""), /empty\.har: file is empty/],
    [
      "not JSON",
      file("text.har", '{\n  "log": nonsense\n}'),
      /text\.har: not valid JSON at line 2, column 10/,
    ],
    [
      "truncated",
      file("cut.har", minimal.slice(0, 40)),
      /cut\.har: file ends at byte 40 .*truncated/,
    ],
    ["JSON that is not HAR", file("array.har", "[1, 2]"), /array\.har: not a HAR file/],
    ["no entries array", file("noentries.har", '{"log": {}}'), /log\.entries is missing/],
    ["no entries", file("zero.har", minimal), /zero\.har: the capture has no entries/],

    [
      "raw NUL in a string",
      file("nul.har", '{"log": {"entries": [{"request": {"url": "https://api.mk.io/x\u0000"}}]}}'),
      /nul\.har: not valid JSON at line 1, column 62, byte 61, in entries\[0\]: unexpected control character U\+0000;/,
    ],
    [
      "line break in a string",
      file("break.har", '{"log": {"entries": [{"request": {"url": "https://api\n"}}]}}'),
      /break\.har: not valid JSON at line 1, column 54, byte 53, in entries\[0\]: unexpected control character U\+000A;/,
    ],
    [
      "cut inside the first entry",
      file("first.har", '{"log": {"entries": [{"request": {"url": "https://api'),
      /first\.har: file ends at byte 53, inside entries\[0\], before the JSON is complete \(truncated\?\); save the capture again$/,
    ],
  ])("%s", async (_case, path, pattern) => {
    const result = await runCli([path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expectOneLineError(result.stderr, pattern);
  });

  it("says when no entry could be read", async () => {
    const path = file("unusable.har", JSON.stringify({ log: { entries: [{}, {}, {}] } }));
    const result = await runCli([path]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("warning:"))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith("error:"))).toEqual([
      `error: ${path}: none of the 3 entries could be read (see the warnings); export the ` +
        "capture again or run har2mkio validate",
    ]);
  });

  it("explains an empty result and what to try", async () => {
    const result = await runCli([
      "--include-reads",
      "fixtures/portal-current-session.har",
      "--method",
      "PATCH",
    ]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /no MK\/IO calls found among 17 entries/);
    expect(result.stderr).toMatch(/hosts: api\.mk\.io \d+/);
    expect(result.stderr).toMatch(/--host/);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    ["unknown option", ["--frobnicate", "fixtures/portal-current-session.har"]],
    ["unknown format", ["-f", "cobol", "fixtures/portal-current-session.har"]],
    ["no file", []],
    ["bad status", ["--status", "ok", "fixtures/portal-current-session.har"]],
    ["bad method", ["--method", "OPTIONS", "fixtures/portal-current-session.har"]],
    ["bad base URL", ["--base-url", "ftp://x", "fixtures/portal-current-session.har"]],
    ["stdin twice", ["-", "-"]],
    ["stdin twice to validate", ["validate", "-", "-"]],
    ["stdin twice to schema", ["schema", "-", "fixtures/portal-current-session.har", "-"]],
  ])("%s", async (_case, args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/--help/);
  });

  it("prints help on stdout and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: har2mkio/);
    expect(result.stdout).toMatch(/Exit codes/);
  });
});

describe("validation", () => {
  it("validate lists each violation with its path", async () => {
    const broken = {
      log: { version: "1.2", creator: { name: "t", version: "1" }, entries: [{ request: {} }] },
    };
    const result = await runCli(["validate", file("broken.har", JSON.stringify(broken))]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /broken\.har: log\.entries\[0\]: should have required property 'startedDateTime'/,
    );
  });

  it("validate accepts a valid capture", async () => {
    const result = await runCli(["validate", "fixtures/portal-current-session.har"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/valid HAR 1\.2/);
  });

  it("--strict rejects a capture with schema violations", async () => {
    const result = await runCli(["--strict", "fixtures/reader-quirks.har"]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /reader-quirks\.har: log\.\S+: .*drop --strict/);
  });

  it("skips unusable entries with a warning and keeps the rest", async () => {
    const result = await runCli(["fixtures/reader-quirks.har", "-f", "json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: fixtures\/reader-quirks\.har: entries\[1\]\.request\.url: missing; entry skipped/,
    );
    expect(result.stderr).toMatch(
      /entries\[3\]: invalid \(expected object, got string\); entry skipped/,
    );
    expect(JSON.parse(result.stdout).calls.length).toBeGreaterThan(3);
  });
});
