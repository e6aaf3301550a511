import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { expectReplayed } from "../support/replay-check.js";
import { runCli } from "../support/run-cli.js";

const TOKEN = "replay-test-token";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});

// The server runs in this process, so the script must run asynchronously to let it respond.
function runScript(script: string): Promise<{ status: number | null; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-curl-"));
  const path = join(dir, "requests.sh");
  writeFileSync(path, script);
  const env = {
    PATH: process.env.PATH,
    MKIO_TOKEN: TOKEN,
    MKIO_BASE_URL: server.baseUrl,
    ...FIXTURE_SECRETS,
  };
  const child = spawn("bash", [path], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stderr })));
}

describe.each(REPLAY_FIXTURES)("curl replay of %s", (fixture) => {
  it("sends every kept call as recorded", async () => {
    const file = join("fixtures", fixture);
    const generated = await runCli([file]);
    expect(generated.code).toBe(0);
    server.requests.length = 0;

    const result = await runScript(generated.stdout);
    expect(result.stderr).not.toMatch(/unknown option|required/);
    expect(result.status).toBe(0);
    expectReplayed(server.requests, file, TOKEN);
  });
});

describe("curl script sourced into a shell", () => {
  async function callSourced(script: string, call: string, env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-curl-source-"));
    const path = join(dir, "requests.sh");
    writeFileSync(path, script);
    const command = `source ${JSON.stringify(path)}; ${call}; echo "status=$?"`;
    const fullEnv = { PATH: process.env.PATH, MKIO_BASE_URL: server.baseUrl, ...env };
    const child = spawn("bash", ["-c", command], {
      env: fullEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    await new Promise((resolve) => child.on("close", resolve));
    return output;
  }

  it.each([
    ["without MKIO_TOKEN", "delete_asset", {}, "MKIO_TOKEN is required"],
    ["without a secret", "create_live_event", { MKIO_TOKEN: TOKEN }, "ACCESS_TOKEN is required"],
  ])("stops a function %s and sends nothing", async (_case, call, env, message) => {
    const generated = await runCli([join("fixtures", "portal-current-session.har")]);
    expect(generated.code).toBe(0);
    server.requests.length = 0;
    const output = await callSourced(generated.stdout, call, env);
    expect(output).toContain(message);
    expect(output).toContain("status=1");
    expect(server.requests).toHaveLength(0);
  });
});
