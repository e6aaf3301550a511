import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FormatRegistry } from "../src/formats/registry.js";
import { runCli } from "./support/run-cli.js";

const FIXTURES = readdirSync("fixtures").filter((name) => name.endsWith(".har"));

// Every secret planted in the fixtures contains CANARY in plain or base64 form, or is a JWT.
const CANARY = /[A-Za-z0-9_%.+/=-]*(CANARY|Q0FOQVJZ|eyJ)[A-Za-z0-9_%.+/=-]*/g;

function canaries(fixture: string): string[] {
  const text = readFileSync(join("fixtures", fixture), "utf8");
  const found = new Set<string>();
  for (const match of text.matchAll(CANARY)) {
    const secret = match[0].replace(/^(mkio_session|ai_user|mkio_refresh|sig|Bearer )=?/, "");
    if (secret.length >= 12) found.add(secret);
  }
  return [...found];
}

function encodings(secret: string): string[] {
  const core = secret.replace(/%[0-9A-F]{2}.*$/, "");
  return [
    secret,
    core,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(core).toString("base64").slice(0, 16),
  ];
}

function expectNoSecrets(text: string, secrets: string[]) {
  for (const secret of secrets) {
    for (const form of encodings(secret)) expect(text).not.toContain(form);
  }
}

describe.each(FIXTURES)("secrets of %s", (fixture) => {
  const secrets = canaries(fixture);

  it("finds the planted secrets", () => {
    if (fixture !== "portal-legacy-session.har") expect(secrets.length).toBeGreaterThan(0);
  });

  it.each(new FormatRegistry().names())("leak into no %s output or message", async (format) => {
    const result = await runCli([
      join("fixtures", fixture),
      "-f",
      format,
      "--include-reads",
      "--status",
      "any",
    ]);
    expect(result.code).toBe(0);
    expectNoSecrets(result.stdout, secrets);
    expectNoSecrets(result.stderr, secrets);
  });

  it("leak into no file written with --out", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "har2mkio-secrets-")), "out");
    const result = await runCli([join("fixtures", fixture), "--out", out, "--include-reads"]);
    expect(result.code).toBe(0);
    for (const name of readdirSync(out))
      expectNoSecrets(readFileSync(join(out, name), "utf8"), secrets);
  });
});
