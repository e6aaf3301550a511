import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { splitUrl } from "../src/select/url.js";
import { type RecordedRequest, writeHar } from "./support/har-builder.js";
import { envVarArgs, runNewman } from "./support/newman.js";
import { renderPostman } from "./support/postman-output.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { runCli } from "./support/run-cli.js";
import { runHttpyac } from "./support/run-httpyac.js";
import { runProcess } from "./support/run-process.js";
import { compileProject, createStrictProject } from "./support/typescript-project.js";

// Numbers that a double cannot hold exactly and queries with a `%` that starts no escape must
// reach the server as the recorded bytes, through every runner the outputs are written for.
const dir = mkdtempSync(join(tmpdir(), "har2mkio-exact-"));
const TOKEN = "exact-replay-token";
const ASSET = "https://api.mk.io/api/v1/projects/exact-project/media/assets/exact-asset";

/** The body's secrets as a replay reads them: environment names and Postman variable names. */
const SECRETS = { ACCESS_TOKEN: "CANARYexacttoken42", PASSWORD: "90071992547409931" };
const POSTMAN_SECRETS = { accessToken: SECRETS.ACCESS_TOKEN, password: SECRETS.PASSWORD };

/**
 * A body whose numbers change when parsed into doubles: out of range, below the smallest
 * double, integers beyond 2^53 and decimals with more than 17 significant digits, also nested.
 * It contains a resource reference, a value shared with the path and secrets, which stay variables.
 */
const NUMBERS_BODY = [
  '{"properties": {"container": "exact-asset", "storageAccountName": "exactstorage",',
  ' "accessToken": "CANARYexacttoken42", "password": 90071992547409931,',
  ' "big": 1e400, "negativeBig": -1e400, "tiny": 1e-400, "negativeTiny": -2.5E-999,',
  ' "integer": 12345678901234567890, "negativeInteger": -98765432109876543210,',
  ' "decimal": 0.12345678901234567891, "nested": {"list": [1e400, [12345678901234567890,',
  ' {"deep": -1e-400, "text": "1e400 in a string"}]]}, "sameValue": [1.0, 1E2, -0, 2.5]}}',
].join("\n");

/** A response with the same kind of numbers, which examples and schemas are learned from. */
const NUMBERS_RESPONSE =
  '{"properties": {"size": 1e400, "id": 12345678901234567890, "tiny": 1e-400}}';

/** Queries with a `%` that is no escape, next to escapes a URL library might normalize. */
const STRAY_PERCENT_QUERIES = [
  "q=100%",
  "a=%zz",
  "x=%%&y=1",
  "end=%",
  "a=%41&b=%2f&c=%zz",
  "percent=%25&tilde=%7e",
];

const REQUESTS: RecordedRequest[] = [
  { method: "PUT", url: ASSET, body: NUMBERS_BODY },
  ...STRAY_PERCENT_QUERIES.map((query) => ({ method: "POST", url: `${ASSET}/exact?${query}` })),
];

/** Writes a capture of `requests`, with the numbers response on its first entry. */
function writeCapture(name: string, requests: RecordedRequest[]): string {
  const path = writeHar(dir, name, requests);
  // The response is written into the HAR as text, so its numbers stay as recorded.
  const har = JSON.parse(readFileSync(path, "utf8"));
  har.log.entries[0].response.content = { mimeType: "application/json", text: NUMBERS_RESPONSE };
  writeFileSync(path, JSON.stringify(har, null, 2));
  return path;
}

const capture = writeCapture("exact-bytes.har", REQUESTS);

// NOTE: httpyac 6.16 sends with got 11, which rejects a URL that `decodeURI` cannot decode
// ("URI malformed"), so the .http replay leaves out the queries with a `%` that starts no escape.
const HTTPYAC_REQUESTS = REQUESTS.filter((request) => !/%(?![0-9A-Fa-f]{2})/.test(request.url));
const httpyacCapture = writeCapture("exact-bytes-httpyac.har", HTTPYAC_REQUESTS);

/** Checks that a replay sent each recorded request target and body byte for byte. */
function expectExact(received: RecordingServer["requests"], requests = REQUESTS): void {
  const sent = received.map((request) => `${request.method} ${request.url}`);
  const recorded = requests.map((request) => {
    const { path, query } = splitUrl(request.url);
    return `${request.method} ${path}${query ? `?${query}` : ""}`;
  });
  expect(sent).toEqual(recorded);
  received.forEach((request, index) => {
    const body = requests[index]?.body;
    expect(request.body.toString("utf8")).toBe(typeof body === "string" ? body : "");
  });
  for (const request of received) {
    expect([`Bearer ${TOKEN}`, TOKEN]).toContain(request.headers.authorization);
  }
}

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

function replayEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, MKIO_TOKEN: TOKEN, MKIO_BASE_URL: server.baseUrl, ...SECRETS };
}

describe("exact numbers and queries replayed by real runners", () => {
  it("curl script sends them unchanged", async () => {
    const generated = await runCli([capture]);
    expect(generated.code, generated.stderr).toBe(0);
    const path = join(mkdtempSync(join(dir, "sh-")), "requests.sh");
    writeFileSync(path, generated.stdout);
    const result = await runProcess("bash", [path], { env: replayEnv() });
    expect(result.status, result.stderr).toBe(0);
    expectExact(server.requests);
  });

  it("Postman collection run by newman sends them unchanged", async () => {
    const output = await renderPostman([capture]);
    expect(output.code, output.stderr).toBe(0);
    const values = { baseUrl: server.baseUrl, mkioToken: TOKEN, ...POSTMAN_SECRETS };
    const result = await runNewman(output.collectionPath, envVarArgs(values));
    expect(result.code, result.output).toBe(0);
    expectExact(server.requests);
  });

  it(".http file sent by httpyac sends them unchanged", async () => {
    const args = [httpyacCapture, "-f", "http", "--base-url", server.baseUrl];
    const generated = await runCli(args);
    expect(generated.code, generated.stderr).toBe(0);
    const result = await runHttpyac(generated.stdout, { MKIO_TOKEN: TOKEN, ...SECRETS });
    expect(result.status, result.output).toBe(0);
    expectExact(server.requests, HTTPYAC_REQUESTS);
  });

  it("TypeScript module compiled by tsc sends them unchanged", async () => {
    const generated = await runCli([capture, "-f", "typescript"]);
    expect(generated.code, generated.stderr).toBe(0);
    const project = createStrictProject("har2mkio-exact-ts-");
    mkdirSync(join(project, "exact"));
    writeFileSync(join(project, "exact", "mkio-client.ts"), generated.stdout);
    expect(await compileProject(project)).toBe("");
    const compiled = join(project, "out", "exact", "mkio-client.js");
    const result = await runProcess("node", [compiled], { env: replayEnv() });
    rmSync(project, { recursive: true, force: true });
    expect(result.status, result.stderr).toBe(0);
    expectExact(server.requests);
  });

  it("Python script run by python3 sends them unchanged", async () => {
    const generated = await runCli([capture, "-f", "python"]);
    expect(generated.code, generated.stderr).toBe(0);
    const path = join(mkdtempSync(join(dir, "py-")), "mkio_client.py");
    writeFileSync(path, generated.stdout);
    const result = await runProcess("python3", ["-W", "error", path], { env: replayEnv() });
    expect(result.status, result.stderr).toBe(0);
    expectExact(server.requests);
  });
});

describe("numbers JSON cannot carry in other outputs", () => {
  it("keep every secret out of every format", async () => {
    for (const format of ["curl", "json", "postman", "typescript", "python", "http", "openapi"]) {
      const result = await runCli([capture, "-f", format]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout, format).not.toContain(SECRETS.ACCESS_TOKEN);
      expect(result.stdout, format).not.toContain(SECRETS.PASSWORD);
    }
    const powershell = await runCli([capture, "-f", "powershell"]);
    expect(powershell.stdout).not.toContain(SECRETS.ACCESS_TOKEN);
    expect(powershell.stdout).not.toContain(SECRETS.PASSWORD);
  });

  it("leave a valid OpenAPI document", async () => {
    const result = await runCli([capture, "-f", "openapi"]);
    expect(result.code, result.stderr).toBe(0);
    const document = parseYaml(result.stdout);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    expect(JSON.stringify(document)).not.toMatch(/Infinity|NaN/);
  });

  it("leave valid JSON output", async () => {
    for (const format of ["json", "postman"]) {
      const result = await runCli([capture, "-f", format]);
      expect(result.code, result.stderr).toBe(0);
      expect(() => JSON.parse(result.stdout), format).not.toThrow();
    }
  });
});
