import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pyValue } from "../../src/formats/python/json.js";
import { pyDocText, pyIdentifier, pyString } from "../../src/formats/python/literal.js";
import { ParamRef } from "../../src/model/types.js";
import { startFixedResponseServer } from "../support/fixed-response-server.js";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { writeHar } from "../support/har-builder.js";
import { HOSTILE_SECRETS, hostileBody, writeHostileHar } from "../support/hostile-har.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { expectReplayed } from "../support/replay-check.js";
import { runCli } from "../support/run-cli.js";
import { runProcess } from "../support/run-process.js";

const TOKEN = "replay-test-token";

// Checked once while the tests are collected, before any server runs, so a synchronous spawn
// blocks nothing.
const python = spawnSync("python3", ["-c", "import requests"], { encoding: "utf8" });
const hasPython = python.error === undefined;
const hasRequests = hasPython && python.status === 0;
const NO_PYTHON = "python3 is not installed";
const NO_REQUESTS = "the Python package requests is not importable by python3";

/** Puts the reason into a test's name when the test is skipped, so that the report shows it. */
function title(name: string, available: boolean, reason: string): string {
  return available ? name : `${name} (skipped: ${reason})`;
}

/** A capture whose script is replayed, with the secrets its replay needs. */
interface Case {
  name: string;
  file: string;
  secrets: Record<string, string>;
}

const hostileFile = writeHostileHar();

const CASES: Case[] = [
  ...REPLAY_FIXTURES.map((fixture) => ({
    name: fixture.replace(/\.har$/, ""),
    file: join("fixtures", fixture),
    secrets: FIXTURE_SECRETS,
  })),
  { name: "hostile-values", file: hostileFile, secrets: HOSTILE_SECRETS },
];

const project = mkdtempSync(join(tmpdir(), "har2mkio-py-"));
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
  for (const { name, file } of CASES) {
    const generated = await runCli(["--format", "python", file]);
    if (generated.code !== 0) throw new Error(`har2mkio failed on ${file}: ${generated.stderr}`);
    mkdirSync(join(project, name));
    writeFileSync(join(project, name, "mkio_client.py"), generated.stdout);
  }
});
afterAll(async () => {
  await server.close();
  rmSync(project, { recursive: true, force: true });
  rmSync(dirname(hostileFile), { recursive: true, force: true });
});

function script(name: string): string {
  return join(project, name, "mkio_client.py");
}

function replayEnv(baseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, MKIO_TOKEN: TOKEN, MKIO_BASE_URL: baseUrl, ...extra };
}

describe.each(CASES)("python script of $name", ({ name, file, secrets }) => {
  it.skipIf(!hasPython)(title("compiles without warnings", hasPython, NO_PYTHON), async () => {
    // Warnings raised to errors catch invalid escapes, which Python only warns about.
    const check =
      "import pathlib, sys; compile(pathlib.Path(sys.argv[1]).read_text('utf-8'), 'f', 'exec')";
    const result = await runProcess("python3", ["-W", "error", "-c", check, script(name)]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  const replays = title("replays every kept call", hasRequests, NO_REQUESTS);
  it.skipIf(!hasRequests)(replays, async () => {
    server.requests.length = 0;
    const env = replayEnv(server.baseUrl, secrets);
    const result = await runProcess("python3", [script(name)], { env });
    expect(result.stderr).not.toMatch(/error|Traceback/i);
    expect(result.status).toBe(0);
    expectReplayed(server.requests, file, TOKEN);
  });
});

describe.skipIf(!hasRequests)(title("python script run", hasRequests, NO_REQUESTS), () => {
  it("fails without MKIO_TOKEN and sends nothing", async () => {
    server.requests.length = 0;
    const env = { PATH: process.env.PATH, MKIO_BASE_URL: server.baseUrl, ...FIXTURE_SECRETS };
    const result = await runProcess("python3", [script("portal-current-session")], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing environment variable(s) MKIO_TOKEN");
    expect(server.requests).toHaveLength(0);
  });

  it("names every missing secret before sending", async () => {
    server.requests.length = 0;
    const env = replayEnv(server.baseUrl);
    const result = await runProcess("python3", [script("portal-current-session")], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CONTENT_KEY_VALUE, ACCESS_TOKEN");
    expect(server.requests).toHaveLength(0);
  });

  it("raises MkioError with the error body", async () => {
    const errorBody = '{"error": {"code": "Conflict", "detail": "asset exists"}, "status": 409}';
    const failing = await startFixedResponseServer(409, errorBody);
    const caller = [
      "import json, sys",
      "import mkio_client",
      "try:",
      "    mkio_client.delete_asset(project_name='p', asset_name='a')",
      "except mkio_client.MkioError as error:",
      "    print(json.dumps([error.status, error.code, error.detail, error.body, str(error)]))",
    ].join("\n");
    const env = {
      ...replayEnv(failing.baseUrl),
      PYTHONPATH: join(project, "portal-current-session"),
    };
    const result = await runProcess("python3", ["-c", caller], { env });
    await failing.close();
    expect(result.stderr).toBe("");
    const [status, code, detail, body, message] = JSON.parse(result.stdout);
    expect(status).toBe(409);
    expect(code).toBe("Conflict");
    expect(detail).toBe("asset exists");
    expect(body).toBe(errorBody);
    expect(message).toBe(
      "DELETE /api/v1/projects/p/media/assets/a failed with HTTP 409: Conflict: asset exists",
    );
    expect(failing.requestCount()).toBe(1);
  });
});

const ASSET_URL = "https://api.mk.io/api/v1/projects/p/media/assets/a";

/** Writes a capture of one POST to `query` and returns the path of its Python script. */
async function scriptForQuery(name: string, query: string): Promise<string> {
  const har = writeHar(project, `${name}.har`, [
    { method: "POST", url: `${ASSET_URL}/x?${query}` },
  ]);
  const generated = await runCli(["--format", "python", har]);
  if (generated.code !== 0) throw new Error(`har2mkio failed on ${har}: ${generated.stderr}`);
  mkdirSync(join(project, name));
  writeFileSync(join(project, name, "mkio_client.py"), generated.stdout);
  return join(project, name, "mkio_client.py");
}

/** Starts a loopback server that responds to every request with a 307 redirect to `location`. */
async function startRedirectServer(location: string) {
  let received = 0;
  const redirecting = createServer((request, response) => {
    request.resume();
    received += 1;
    response.writeHead(307, { location });
    response.end();
  });
  await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
  const { port } = redirecting.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requestCount: () => received,
    close: () => new Promise<void>((resolve) => redirecting.close(() => resolve())),
  };
}

describe.skipIf(!hasRequests)(title("python script transport", hasRequests, NO_REQUESTS), () => {
  it.each([
    ["a % at the end", "q=100%"],
    ["a % before non-hex characters", "a=%zz&b=1"],
    ["two % in a row", "x=%%"],
    ["escapes next to a stray %", "a=%41&b=%2f&c=%zz&d=%7e"],
    ["characters URL libraries encode", "plus=a+b&brace={x}|y^`&q=\"'<>"],
  ])("sends a query with %s as recorded", async (name, query) => {
    const path = await scriptForQuery(name.replaceAll(/\W/g, "-"), query);
    server.requests.length = 0;
    const result = await runProcess("python3", [path], { env: replayEnv(server.baseUrl) });
    expect(result.status, result.stderr).toBe(0);
    expect(server.requests.map((request) => request.url)).toEqual([
      `/api/v1/projects/p/media/assets/a/x?${query}`,
    ]);
  });

  it("percent-encodes what a request target cannot carry", async () => {
    const path = await scriptForQuery("unsendable", "q=a b&u=\u00fc&t=\t&e=\u{1f3ac}");
    server.requests.length = 0;
    const result = await runProcess("python3", [path], { env: replayEnv(server.baseUrl) });
    expect(result.status, result.stderr).toBe(0);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/api/v1/projects/p/media/assets/a/x?q=a%20b&u=%C3%BC&t=%09&e=%F0%9F%8E%AC",
    ]);
  });

  it("reports a redirect without following it", async () => {
    const path = await scriptForQuery("redirect", "q=1");
    const redirecting = await startRedirectServer(`${server.baseUrl}/elsewhere`);
    server.requests.length = 0;
    const result = await runProcess("python3", [path], { env: replayEnv(redirecting.baseUrl) });
    await redirecting.close();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("failed with HTTP 307");
    expect(redirecting.requestCount()).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it("sends through the proxy set in HTTP_PROXY", async () => {
    const path = await scriptForQuery("proxy", "q=1");
    const origin = await startFixedResponseServer(200, "{}");
    server.requests.length = 0;
    const env = { ...replayEnv(origin.baseUrl), HTTP_PROXY: server.baseUrl };
    const result = await runProcess("python3", [path], { env });
    await origin.close();
    expect(result.status, result.stderr).toBe(0);
    expect(origin.requestCount()).toBe(0);
    expect(server.requests.map((request) => request.url)).toEqual([
      `${origin.baseUrl}/api/v1/projects/p/media/assets/a/x?q=1`,
    ]);
  });
});

describe("python expected output", () => {
  it("matches the reviewed script for portal-current-session", async () => {
    const generated = await runCli(["--format", "python", "fixtures/portal-current-session.har"]);
    const expected = readFileSync("test/expected/portal-current-session.py", "utf8");
    expect(generated.stdout).toBe(expected);
  });
});

/** Strings that break naive quoting in Python, by what they contain. */
const HOSTILE_STRINGS: [string, string][] = [
  ["a double quote", 'say "hi"'],
  ["a single quote", "O'Brien"],
  ["triple quotes", "\"\"\" and '''"],
  ["backslashes", "C:\\path\\n"],
  ["a backslash at the end", "ends with \\"],
  ["format braces", "{0} {name} {{x}}"],
  ["percent formatting", "%s %(name)s"],
  ["newline and return", "one\ntwo\r\nthree"],
  ["NUL before a digit", "\u00001"],
  ["control characters", "\u0001\u0008\u000b\u000c\u001b\u007f\u0085"],
  ["line separators", "a\u2028b\u2029c"],
  ["a lone high surrogate", "a\ud800b"],
  ["a lone low surrogate", "\udc00"],
  ["a character outside the BMP", "\u{1f3ac}"],
  ["a byte order mark", "\ufeffx"],
  ["an empty string", ""],
];

/**
 * Evaluates each literal with python3 and returns the UTF-16 hex of each value. The
 * surrogatepass handler lets a lone surrogate through, so the bytes compare exactly with those
 * of the JavaScript string.
 */
async function evaluateWithPython(literals: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-py-literal-"));
  const lines = literals.map(
    (literal) => `print((${literal}).encode("utf-16-le", "surrogatepass").hex())`,
  );
  writeFileSync(join(dir, "literals.py"), `${lines.join("\n")}\n`);
  const result = await runProcess("python3", ["-W", "error", join(dir, "literals.py")]);
  rmSync(dir, { recursive: true, force: true });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").slice(0, literals.length);
}

function utf16Hex(text: string): string {
  return Buffer.from(text, "utf16le").toString("hex");
}

describe.skipIf(!hasPython)(title("pyString", hasPython, NO_PYTHON), () => {
  it.each(HOSTILE_STRINGS)("round-trips %s through python3", async (_, value) => {
    const [evaluated] = await evaluateWithPython([pyString(value)]);
    expect(evaluated).toBe(utf16Hex(value));
  });

  it("round-trips random text through python3", async () => {
    const unit = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('"', "'", "\\", "{", "}", "\n", "\u0000"),
    );
    const values = fc.sample(fc.string({ unit, maxLength: 20 }), { numRuns: 300, seed: 42 });
    const evaluated = await evaluateWithPython(values.map(pyString));
    expect(evaluated).toEqual(values.map(utf16Hex));
  });
});

describe.skipIf(!hasPython)(title("pyValue with python3", hasPython, NO_PYTHON), () => {
  it("writes a body that python3 serializes to the same JSON", async () => {
    const body = hostileBody();
    const [evaluated] = await evaluateWithPython([
      `__import__("json").dumps(${pyValue(body as never)})`,
    ]);
    const text = Buffer.from(evaluated ?? "", "hex").toString("utf16le");
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(body)));
  });
});

describe("pyValue", () => {
  it("writes a parameter by its keyword name", () => {
    const body = { a: new ParamRef("assetName"), b: [null, true, 1] };
    expect(pyValue(body)).toBe('{\n    "a": asset_name,\n    "b": [None, True, 1],\n}');
  });
});

describe("pyIdentifier", () => {
  it.each([
    ["a camelCase name", "assetName", "asset_name"],
    ["a reserved word", "class", "class_"],
    ["a soft keyword", "match", "match"],
    ["a leading digit", "2faHeader", "_2_fa_header"],
    ["a numbered name", "assetName2", "asset_name_2"],
  ])("names %s", (_, camel, expected) => {
    expect(pyIdentifier(camel)).toBe(expected);
  });
});

describe("pyDocText", () => {
  it.each([
    ["a backslash", "a\\b", "a\\\\b"],
    ["triple quotes", 'a """ b', 'a \\"\\"\\" b'],
    ["a newline", "a\nb", "a b"],
  ])("defuses %s", (_, text, expected) => {
    expect(pyDocText(text)).toBe(expected);
  });
});
