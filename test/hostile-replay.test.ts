import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HOSTILE_SECRETS, writeHostileHar } from "./support/hostile-har.js";
import { envVarArgs, runNewman } from "./support/newman.js";
import { renderPostman } from "./support/postman-output.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { expectReplayed } from "./support/replay-check.js";
import { runCli } from "./support/run-cli.js";
import { runHttpyac } from "./support/run-httpyac.js";

// Recorded names, keys and values full of quotes, interpolation, comment ends, line separators
// and NUL must reach the server byte for byte through every runner. The TypeScript and Python
// formats replay the same capture in their own tests.
const capture = writeHostileHar();
const TOKEN = "hostile-replay-token";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function runBash(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const path = join(mkdtempSync(join(tmpdir(), "har2mkio-hostile-sh-")), "requests.sh");
  writeFileSync(path, script);
  const child = spawn("bash", [path], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("hostile values replayed by real runners", () => {
  it("curl script sends them unchanged", async () => {
    const generated = await runCli([capture]);
    expect(generated.code, generated.stderr).toBe(0);
    const result = await runBash(generated.stdout, {
      MKIO_TOKEN: TOKEN,
      MKIO_BASE_URL: server.baseUrl,
      ...HOSTILE_SECRETS,
    });
    expect(result.code, result.stderr).toBe(0);
    expectReplayed(server.requests, capture, TOKEN);
  });

  it(".http file sent by httpyac sends them unchanged", async () => {
    const generated = await runCli([capture, "-f", "http", "--base-url", server.baseUrl]);
    expect(generated.code, generated.stderr).toBe(0);
    // The .http format inserts environment values as given, so a secret for a query is passed
    // percent-encoded, as the README says.
    const sigQuery = encodeURIComponent(HOSTILE_SECRETS.SIG_QUERY);
    const result = await runHttpyac(generated.stdout, { MKIO_TOKEN: TOKEN, SIG_QUERY: sigQuery });
    expect(result.status, result.output).toBe(0);
    expectReplayed(server.requests, capture, TOKEN);
  });

  it("Postman collection run by newman sends them unchanged", async () => {
    const output = await renderPostman([capture]);
    expect(output.code, output.stderr).toBe(0);
    const values = {
      baseUrl: server.baseUrl,
      mkioToken: TOKEN,
      sigQuery: HOSTILE_SECRETS.SIG_QUERY,
    };
    const result = await runNewman(output.collectionPath, envVarArgs(values));
    expect(result.code, result.output).toBe(0);
    // A whole-collection run goes folder by folder; both calls are in one folder here.
    expectReplayed(server.requests, capture, TOKEN);
  });
});
