import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodedPath, expectedCalls } from "../support/expected-calls.js";
import { runCli } from "../support/run-cli.js";

const BASE_URL = "http://127.0.0.1:9";
const TOKEN = "az-example-token";

/** An `az` stand-in that appends its arguments as one JSON line to `$AZ_LOG`. */
const FAKE_AZ = `#!/usr/bin/env node
require("node:fs").appendFileSync(process.env.AZ_LOG, JSON.stringify(process.argv.slice(2)) + "\\n");
`;

function runBash(script: string, env: Record<string, string>): Promise<number | null> {
  const child = spawn("bash", ["-c", script], { env, stdio: "ignore" });
  return new Promise((done) => child.on("close", done));
}

/** Returns the values that follow `option` in one recorded `az` argument list. */
function valuesOf(args: string[], option: string): string[] {
  const start = args.indexOf(option);
  if (start === -1) return [];
  const end = args.findIndex((arg, index) => index > start && arg.startsWith("--"));
  return args.slice(start + 1, end === -1 ? undefined : end);
}

describe("az rest example template", () => {
  it("passes each recorded call to az rest", async () => {
    const fixture = "fixtures/portal-legacy-session.har";
    const args = [fixture, "--templates", "templates/examples", "--format", "az-rest", "-q"];
    const rendered = await runCli(args);
    expect(rendered.code).toBe(0);

    const dir = mkdtempSync(join(tmpdir(), "har2mkio-az-"));
    writeFileSync(join(dir, "az"), FAKE_AZ);
    chmodSync(join(dir, "az"), 0o755);
    const log = join(dir, "az.log");
    const env = {
      PATH: `${dir}:${process.env.PATH ?? ""}`,
      AZ_LOG: log,
      MKIO_TOKEN: TOKEN,
      MKIO_BASE_URL: BASE_URL,
    };
    expect(await runBash(rendered.stdout, env)).toBe(0);

    const calls = readFileSync(log, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const expected = expectedCalls(fixture);
    expect(calls).toHaveLength(expected.length);
    calls.forEach((call: string[], index) => {
      const want = expected[index];
      expect(call[0]).toBe("rest");
      expect(valuesOf(call, "--method")).toEqual([want?.method]);
      const [url = ""] = valuesOf(call, "--url");
      expect(decodedPath(url.slice(BASE_URL.length))).toBe(decodedPath(want?.path ?? ""));
      expect(valuesOf(call, "--headers")).toContain(`x-mkio-token=${TOKEN}`);
      const [body] = valuesOf(call, "--body");
      if (want?.body === undefined) expect(body).toBeUndefined();
      else expect(JSON.parse(body ?? "null")).toEqual(want.body);
    });
  });
});
