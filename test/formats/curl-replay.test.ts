import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodedPath, expectedCalls } from "../support/expected-calls.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { runCli } from "../support/run-cli.js";

const FIXTURES = [
  "portal-current-session.har",
  "portal-legacy-session.har",
  "chrome-sanitized-export.har",
  "reader-quirks.har",
];
const TOKEN = "replay-test-token";
// The fixtures' secrets: the replay gets them from the environment, as a user would pass them,
// so that the bodies it sends can be compared with the recorded ones.
const SECRETS = {
  ACCESS_TOKEN: "CANARYLIVEACCESSTOKEN9f8e7d6c",
  CONTENT_KEY_VALUE: "Q0FOQVJZQ09OVEVOVEtFWTEyMzQ1Njc4OTA=",
  API_KEY_FIELD: "CANARYFORMKEY42",
  DESCRIPTION_3:
    "upload from https://demo.blob.core.windows.net/in/clip.mp4?sv=2022-11-02&se=2026-12-01&sp=r&sig=CANARYSASSIG%2Fabc%3D",
};

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});

// The server runs in this process, so the script must run asynchronously to let it answer.
function runScript(script: string): Promise<{ status: number | null; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-curl-"));
  const path = join(dir, "requests.sh");
  writeFileSync(path, script);
  const env = {
    PATH: process.env.PATH,
    MKIO_TOKEN: TOKEN,
    MKIO_BASE_URL: server.baseUrl,
    ...SECRETS,
  };
  const child = spawn("bash", [path], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stderr })));
}

describe.each(FIXTURES)("curl replay of %s", (fixture) => {
  it("sends every kept call as recorded", async () => {
    const file = join("fixtures", fixture);
    const generated = await runCli([file]);
    expect(generated.code).toBe(0);
    server.requests.length = 0;
    const result = await runScript(generated.stdout);
    expect(result.stderr).not.toMatch(/unknown option|required/);
    expect(result.status).toBe(0);
    for (const received of server.requests) {
      const auth = received.headers.authorization ?? received.headers["x-mkio-token"];
      expect([`Bearer ${TOKEN}`, TOKEN]).toContain(auth);
    }

    const expected = expectedCalls(file);
    expect(server.requests.map((r) => r.method)).toEqual(expected.map((c) => c.method));
    server.requests.forEach((received, index) => {
      const call = expected[index];
      const [path = "", query = ""] = received.url.split(/\?(.*)/s);
      expect(decodedPath(path)).toBe(decodedPath(call?.path ?? ""));
      expect(query).toBe(call?.query);
      const text = received.body.toString("utf8");
      if (call?.body === undefined) expect(text).toBe("");
      else if (typeof call.body === "string") expect(text).toBe(call.body);
      else expect(JSON.parse(text)).toEqual(call.body);
    });
  });
});
