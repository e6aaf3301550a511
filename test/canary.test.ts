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

  it("leak into no decoded base64 body of the sanitized copy", async () => {
    const output = join(dir, "decoded.har");
    const result = await runCli(["sanitize", capture, "-o", output]);
    expect(result.code, result.stderr).toBe(0);
    const entries = JSON.parse(readFileSync(output, "utf8")).log.entries;
    let decoded = 0;
    for (const [index, entry] of entries.entries()) {
      for (const body of [entry.request.postData, entry.response.content]) {
        if (body?.encoding !== "base64") continue;
        const bytes = Buffer.from(body.text, "base64");
        const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16();
        for (const text of [
          bytes.toString("utf8"),
          bytes.toString("latin1"),
          bytes.toString("utf16le"),
          swapped.toString("utf16le"),
        ]) {
          expectNoCanary(text, `the decoded body of entry ${index}`);
        }
        decoded++;
      }
    }
    expect(decoded).toBeGreaterThanOrEqual(5);
  });

  it("leak into no sanitized copy", async () => {
    const output = join(dir, "shareable.har");
    const result = await runCli(["sanitize", capture, "-o", output]);
    expect(result.code, result.stderr).toBe(0);
    expectNoCanary(readFileSync(output, "utf8"), "the sanitized copy");
    expectNoCanary(result.stderr, "stderr");
  });
});
