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
