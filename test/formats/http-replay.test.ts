import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { writeHar } from "../support/har-builder.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { expectReplayed } from "../support/replay-check.js";
import { runCli } from "../support/run-cli.js";
import { runHttpyac } from "../support/run-httpyac.js";

const TOKEN = "http-replay-test-token";

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

/** Converts captures to `.http` with the loopback server as the base URL. */
async function generate(files: string[]): Promise<string> {
  const result = await runCli([...files, "--format", "http", "--base-url", server.baseUrl, "-q"]);
  expect(result.stderr).not.toMatch(/error/);
  expect(result.code).toBe(0);
  return result.stdout;
}

/** Checks that every request of a generated file goes to the loopback base URL. */
function expectOnlyLoopback(http: string): void {
  expect(http).toContain(`@baseUrl = ${server.baseUrl}\n`);
  const requestLines = http.split("\n").filter((line) => /^[A-Z]+ \S/.test(line));
  expect(requestLines.length).toBeGreaterThan(0);
  for (const line of requestLines) expect(line).toMatch(/^[A-Z]+ \{\{baseUrl\}\}\//);
}

describe.each(REPLAY_FIXTURES)("http replay of %s", (fixture) => {
  it("sends every kept call as recorded", async () => {
    const file = join("fixtures", fixture);
    const http = await generate([file]);
    expectOnlyLoopback(http);

    const result = await runHttpyac(http, { MKIO_TOKEN: TOKEN, ...FIXTURE_SECRETS });
    expect(result.output).not.toMatch(/error|not defined|✖/i);
    expect(result.status).toBe(0);
    expectReplayed(server.requests, file, TOKEN);
  });
});

describe("http replay of recorded runner syntax", () => {
  const TRICKY_VALUES = [
    "{{mkioToken}}",
    "{{$processEnv HOME}}",
    "{{{baseUrl}}}",
    "a {{ b",
    "\\{\\{mkioToken\\}\\}",
    "<---> ends here",
    "@name = value",
  ];
  // The same in every call, so recorded as literal JSON rather than as a variable.
  const LABELS = { "{{projectName}}": "{{$processEnv HOME}}", "# not a comment": "}}{{" };

  it("sends values that look like syntax as data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-http-syntax-"));
    const base = "https://api.mk.io/api/v1/projects/demo-project/media/assets";
    // Only the description differs between these similar calls, so it becomes a variable.
    const requests = TRICKY_VALUES.map((value, index) => ({
      method: "PUT",
      url: `${base}/asset-${index}`,
      body: { properties: { description: value }, labels: LABELS },
    }));
    const encodedName = encodeURIComponent("{{mkioToken}} x");
    const har = writeHar(dir, "syntax.har", [
      ...requests,
      { method: "DELETE", url: `${base}/${encodedName}` },
    ]);
    const http = await generate([har]);
    expectOnlyLoopback(http);

    const result = await runHttpyac(http, { MKIO_TOKEN: TOKEN });
    expect(result.output).not.toMatch(/error|not defined|✖/i);
    expect(result.status).toBe(0);

    const bodies = server.requests.map((r) => r.body.toString("utf8"));
    for (const body of bodies) expect(body).not.toContain(TOKEN);
    TRICKY_VALUES.forEach((value, index) => {
      const sent = JSON.parse(bodies[index] ?? "null");
      expect(sent.properties.description).toBe(value);
      expect(sent.labels).toEqual(LABELS);
    });
    expect(server.requests.at(-1)?.url).toBe(
      `/api/v1/projects/demo-project/media/assets/${encodedName}`,
    );
  });
});
