import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const CURRENT = "fixtures/portal-current-session.har";
const LEGACY = "fixtures/portal-legacy-session.har";

function callsOf(stdout: string): { method: string; pathTemplate: string; count: number }[] {
  return JSON.parse(stdout).calls;
}

describe("selection options", () => {
  it("keeps state-changing 2xx calls by default", async () => {
    const calls = callsOf((await runCli([CURRENT, "-f", "json"])).stdout);
    expect(calls.map((call) => call.method)).not.toContain("GET");
    expect(calls.every((call) => call.pathTemplate.startsWith("/api/v1/projects/"))).toBe(true);
  });

  it("--include-reads adds GET calls", async () => {
    const calls = callsOf((await runCli([CURRENT, "-f", "json", "--include-reads"])).stdout);
    expect(calls.map((call) => call.method)).toContain("GET");
  });

  it("--status selects failed calls", async () => {
    const result = await runCli([CURRENT, "-f", "json", "--status", "409"]);
    const statuses = JSON.parse(result.stdout).calls.map((call: { status: number }) => call.status);
    expect(statuses).toEqual([409]);
  });

  it("--method keeps only the methods given", async () => {
    const calls = callsOf((await runCli([CURRENT, "-f", "json", "--method", "delete"])).stdout);
    expect(calls.map((call) => call.method)).toEqual(["DELETE"]);
  });

  it("merges identical calls and counts them", async () => {
    const calls = callsOf((await runCli([CURRENT, "-f", "json"])).stdout);
    const start = calls.filter((call) => call.pathTemplate.endsWith("/start"));
    expect(start).toHaveLength(1);
    expect(start[0]?.count).toBe(2);
  });

  it("--no-default-hosts with --host keeps other APIs", async () => {
    const entry = (host: string) => ({
      request: { method: "PUT", url: `https://${host}/v1/widgets/w1`, headers: [] },
      response: { status: 200, headers: [] },
    });
    const har = { log: { entries: [entry("api.example.com"), entry("api.mk.io")] } };
    const path = join(mkdtempSync(join(tmpdir(), "har2mkio-host-")), "other.har");
    writeFileSync(path, JSON.stringify(har));
    const result = await runCli([
      path,
      "-f",
      "json",
      "--no-default-hosts",
      "--host",
      "api.example.com",
    ]);
    expect(result.code).toBe(0);
    const calls = callsOf(result.stdout);
    expect(calls.map((call) => call.pathTemplate)).toEqual(["/v1/widgets/{widgetName}"]);
  });
});

describe("inputs", () => {
  it("reads several files as one session, in order", async () => {
    const calls = callsOf((await runCli([LEGACY, CURRENT, "-f", "json"])).stdout);
    expect(calls[0]?.pathTemplate).toMatch(/^\/api\/ams\//);
    expect(calls.at(-1)?.pathTemplate).toMatch(/^\/api\/v1\//);
  });

  it("reads standard input for -", async () => {
    const fromStdin = await runCli(["-", "-f", "json"], readFileSync(CURRENT, "utf8"));
    const fromFile = await runCli([CURRENT, "-f", "json"]);
    expect(fromStdin.code).toBe(0);
    const strip = (text: string) =>
      JSON.stringify(JSON.parse(text).calls.map((c: { body: unknown }) => c.body));
    expect(strip(fromStdin.stdout)).toBe(strip(fromFile.stdout));
  });

  it("reads a gzip-compressed capture", async () => {
    const { gzipSync } = await import("node:zlib");
    const path = join(mkdtempSync(join(tmpdir(), "har2mkio-gz-")), "capture.har");
    writeFileSync(path, gzipSync(readFileSync(CURRENT)));
    expect((await runCli([path, "-f", "summary"])).code).toBe(0);
  });
});

describe("output", () => {
  it("prints the summary on stderr and only output on stdout", async () => {
    const result = await runCli([CURRENT, "-f", "json"]);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toMatch(
      /17 entries read, 10 MK\/IO calls kept \(1 repeat merged\), 8 request templates/,
    );
    expect(result.stderr).toMatch(/skipped: .*CORS preflight/);
  });

  it("--quiet drops the summary", async () => {
    const result = await runCli([CURRENT, "-q"]);
    expect(result.stderr).toBe("");
  });

  it("writes no colour codes when stderr is not a terminal", async () => {
    const result = await runCli([CURRENT, "--no-default-hosts", "--host", "none.example"]);
    expect(result.stderr).not.toContain("\u001b[");
  });

  it("--out writes every format with an index and refuses to overwrite", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "har2mkio-out-")), "templates");
    const first = await runCli([CURRENT, "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("");
    const names = readdirSync(out);
    expect(names).toContain("INDEX.txt");
    expect(names).toContain("requests.sh");
    expect(names).toContain("calls.json");
    expect(names.some((name) => name.endsWith(".tmp"))).toBe(false);

    // Formats share the model's part lists; none may change what the next format sees.
    for (const name of names) {
      expect(readFileSync(join(out, name), "utf8"), name).not.toMatch(/mode=fast\?mode=fast/);
    }
    expect(readFileSync(join(out, "mkio_client.py"), "utf8")).toContain("mode=fast");

    const again = await runCli([CURRENT, "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect((await runCli([CURRENT, "--out", out, "--force"])).code).toBe(0);
  });

  it("--out replaces a symlink instead of writing through it", async () => {
    const base = mkdtempSync(join(tmpdir(), "har2mkio-link-"));
    const outside = join(base, "outside.txt");
    writeFileSync(outside, "keep");
    const out = join(base, "out");
    await runCli([CURRENT, "--out", out]);
    const link = join(out, "requests.sh");
    const { rmSync } = await import("node:fs");
    rmSync(link);
    symlinkSync(outside, link);
    expect((await runCli([CURRENT, "--out", out, "--force"])).code).toBe(0);
    expect(readFileSync(outside, "utf8")).toBe("keep");
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
  });
});

describe("output folder errors", () => {
  it("reports an --out path that is a file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "har2mkio-notdir-")), "afile");
    writeFileSync(file, "x");
    const result = await runCli([CURRENT, "--out", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/afile: is not a folder \(EEXIST\); give --out a folder path/);
  });

  it("prints the version", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("sanitize -o - writes the copy to stdout", async () => {
    const result = await runCli(["sanitize", CURRENT, "-o", "-"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).log.entries).toHaveLength(17);
  });
});
