import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FormatRegistry } from "../src/formats/registry.js";
import { CANARIES, canaryHar, leakForms } from "./support/canary-har.js";
import { runCli } from "./support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-canary-"));
const capture = join(dir, "canary.har");
writeFileSync(capture, canaryHar());
const KEEP_ALL = ["--include-reads", "--status", "any"];

function expectNoCanary(text: string, where: string) {
  for (const [place, secret] of Object.entries(CANARIES)) {
    for (const form of leakForms(secret)) {
      expect(text.includes(form), `${place} secret leaked into ${where} as ${form}`).toBe(false);
    }
  }
}

describe("planted secrets", () => {
  it("are all in the capture", () => {
    const text = readFileSync(capture, "utf8");
    expect(text).toContain(CANARIES.cookie);
    expect(text).toContain(
      Buffer.from(JSON.stringify({ clientSecret: CANARIES.base64Response })).toString("base64"),
    );
  });

  it.each(new FormatRegistry().names())("leak into no %s output or message", async (format) => {
    const result = await runCli([capture, "-f", format, ...KEEP_ALL]);
    expect(result.code, result.stderr).toBe(0);
    expectNoCanary(result.stdout, `${format} output`);
    expectNoCanary(result.stderr, "stderr");
  });

  it("leak into no file written with --out", async () => {
    const out = join(dir, "out");
    const result = await runCli([capture, "--out", out, ...KEEP_ALL]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of readdirSync(out))
      expectNoCanary(readFileSync(join(out, name), "utf8"), name);
  });

  it("leak into no sanitized copy", async () => {
    const output = join(dir, "shareable.har");
    const result = await runCli(["sanitize", capture, "-o", output]);
    expect(result.code, result.stderr).toBe(0);
    expectNoCanary(readFileSync(output, "utf8"), "the sanitized copy");
    expectNoCanary(result.stderr, "stderr");
  });
});
