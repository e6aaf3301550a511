import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tsValue } from "../../src/formats/typescript/json.js";
import { tsCommentText, tsKey, tsString } from "../../src/formats/typescript/literal.js";
import { ParamRef } from "../../src/model/types.js";
import { expectedFile } from "../support/expected-file.js";
import { startFixedResponseServer } from "../support/fixed-response-server.js";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { writeHar } from "../support/har-builder.js";
import { HOSTILE_SECRETS, hostileBody, writeHostileHar } from "../support/hostile-har.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { expectReplayed } from "../support/replay-check.js";
import { runCli } from "../support/run-cli.js";
import { runProcess } from "../support/run-process.js";
import { compileProject, createStrictProject } from "../support/typescript-project.js";

const TOKEN = "replay-test-token";

/** Strings that break naive quoting in TypeScript, by what they contain. */
const HOSTILE_STRINGS: [string, string][] = [
  ["a double quote", 'say "hi"'],
  ["a single quote", "O'Brien"],
  ["backslashes", "C:\\path\\n"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text tests quoting of a literal `${`.
  ["template interpolation", "${process.exit(1)}"],
  ["backticks", "`cmd`"],
  ["a comment end", "*/ alert(1) /*"],
  ["line separators", "a\u2028b\u2029c"],
  ["newline and return", "one\ntwo\r\nthree"],
  ["NUL before a digit", "\u00001"],
  ["control characters", "\u0001\u0008\u000b\u000c\u001b\u007f\u0085"],
  ["a lone high surrogate", "a\ud800b"],
  ["a lone low surrogate", "\udc00"],
  ["surrogates out of order", "\udc00\ud800"],
  ["a character outside the BMP", "\u{1f3ac}"],
  ["a byte order mark", "\ufeffx"],
  ["an empty string", ""],
];

/** A capture whose module is type-checked and replayed, with the secrets its replay needs. */
interface Case {
  name: string;
  file: string;
  secrets: Record<string, string>;
}

const hostileFile = writeHostileHar();

/**
 * Writes a capture whose path segments were recorded otherwise than `encodeURIComponent`
 * encodes them, so that its module contains `mkioEncodeSegment`.
 */
function writePathEscapesHar(): string {
  const assets = "https://api.mk.io/api/v1/projects/demo-project/media/assets";
  return writeHar(mkdtempSync(join(tmpdir(), "har2mkio-ts-paths-")), "path-escapes.har", [
    { method: "POST", url: `${assets}/a%28b%29%2f/refreshThumbnails` },
    { method: "DELETE", url: `${assets}/%41sset:1` },
  ]);
}

const pathEscapesFile = writePathEscapesHar();

const CASES: Case[] = [
  ...REPLAY_FIXTURES.map((fixture) => ({
    name: fixture.replace(/\.har$/, ""),
    file: join("fixtures", fixture),
    secrets: FIXTURE_SECRETS,
  })),
  { name: "hostile-values", file: hostileFile, secrets: HOSTILE_SECRETS },
  { name: "path-escapes", file: pathEscapesFile, secrets: {} },
];

// One tsc run checks every generated module, each in its own folder of one ES module package:
// a run per module would take most of the test time.
const project = createStrictProject("har2mkio-ts-");
let tscOutput = "";
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
  for (const { name, file } of CASES) {
    const generated = await runCli(["--format", "typescript", file]);
    if (generated.code !== 0) throw new Error(`har2mkio failed on ${file}: ${generated.stderr}`);
    mkdirSync(join(project, name));
    writeFileSync(join(project, name, "mkio-client.ts"), generated.stdout);
  }
  mkdirSync(join(project, "literals"));
  const literals = HOSTILE_STRINGS.map(([, value]) => `  ${tsString(value)},`);
  const values = `export const values: string[] = [\n${literals.join("\n")}\n];\n`;
  writeFileSync(join(project, "literals", "values.ts"), values);
  tscOutput = await compileProject(project);
});
afterAll(async () => {
  await server.close();
  rmSync(project, { recursive: true, force: true });
  rmSync(dirname(hostileFile), { recursive: true, force: true });
  rmSync(dirname(pathEscapesFile), { recursive: true, force: true });
});

function compiled(name: string): string {
  return join(project, "out", name, "mkio-client.js");
}

function replayEnv(baseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, MKIO_TOKEN: TOKEN, MKIO_BASE_URL: baseUrl, ...extra };
}

describe.each(CASES)("typescript module of $name", ({ name, file, secrets }) => {
  it("type-checks in strict mode", () => {
    const errors = tscOutput.split("\n").filter((line) => line.startsWith(`${name}/`));
    expect(errors).toEqual([]);
  });

  it("replays every kept call with node", async () => {
    server.requests.length = 0;
    const env = replayEnv(server.baseUrl, secrets);
    const result = await runProcess("node", [compiled(name)], { env });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expectReplayed(server.requests, file, TOKEN);
  });
});

describe("typescript module run", () => {
  const script = () => compiled("portal-current-session");

  it("compiles without any tsc message", () => {
    expect(tscOutput).toBe("");
  });

  it("fails without MKIO_TOKEN and sends nothing", async () => {
    server.requests.length = 0;
    const env = { PATH: process.env.PATH, MKIO_BASE_URL: server.baseUrl, ...FIXTURE_SECRETS };
    const result = await runProcess("node", [script()], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing environment variable(s) MKIO_TOKEN");
    expect(server.requests).toHaveLength(0);
  });

  it("names every missing secret before sending", async () => {
    server.requests.length = 0;
    const result = await runProcess("node", [script()], { env: replayEnv(server.baseUrl) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CONTENT_KEY_VALUE, ACCESS_TOKEN");
    expect(server.requests).toHaveLength(0);
  });

  it("throws MkioError with the error body", async () => {
    const errorBody = '{"error": {"code": "Conflict", "detail": "asset exists"}, "status": 409}';
    const failing = await startFixedResponseServer(409, errorBody);
    const caller = join(project, "call.mjs");
    const client = JSON.stringify({ baseUrl: failing.baseUrl, token: "t" });
    writeFileSync(
      caller,
      `import { MkioError, deleteAsset } from ${JSON.stringify(pathToFileURL(script()).href)};
try {
  await deleteAsset(${client}, { projectName: "p", assetName: "a" });
} catch (error) {
  const { name, status, body, message } = error;
  const isMkioError = error instanceof MkioError;
  console.log(JSON.stringify({ isMkioError, name, status, error: error.error, body, message }));
}
`,
    );
    const result = await runProcess("node", [caller]);
    await failing.close();
    expect(result.stderr).toBe("");
    const thrown = JSON.parse(result.stdout);
    expect(thrown.isMkioError).toBe(true);
    expect(thrown.name).toBe("MkioError");
    expect(thrown.status).toBe(409);
    expect(thrown.error).toEqual({ code: "Conflict", detail: "asset exists" });
    expect(thrown.body).toBe(errorBody);
    expect(thrown.message).toBe(
      "DELETE /api/v1/projects/p/media/assets/a failed with HTTP 409: Conflict: asset exists",
    );
    expect(failing.requestCount()).toBe(1);
  });
});

describe("typescript module on a redirect", () => {
  it("throws MkioError and sends nothing to the new location", async () => {
    const target = await startFixedResponseServer(200, "{}");
    const redirecting = createServer((request, response) => {
      request.resume();
      response.writeHead(302, { location: `${target.baseUrl}/elsewhere` });
      response.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    const { port } = redirecting.address() as AddressInfo;
    const caller = join(project, "redirect.mjs");
    const client = JSON.stringify({ baseUrl: `http://127.0.0.1:${port}`, token: "t" });
    const module = JSON.stringify(pathToFileURL(compiled("portal-current-session")).href);
    writeFileSync(
      caller,
      `import { MkioError, deleteAsset } from ${module};
try {
  await deleteAsset(${client}, { projectName: "p", assetName: "a" });
  console.log("followed");
} catch (error) {
  console.log(JSON.stringify({ isMkioError: error instanceof MkioError, status: error.status }));
}
`,
    );
    const result = await runProcess("node", [caller]);
    await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    await target.close();
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ isMkioError: true, status: 302 });
    expect(target.requestCount()).toBe(0);
  });
});

describe("typescript expected output", () => {
  it("matches the reviewed module for portal-current-session", async () => {
    const generated = await runCli([
      "--format",
      "typescript",
      "fixtures/portal-current-session.har",
    ]);
    const expected = expectedFile("portal-current-session.ts", generated.stdout);
    expect(generated.stdout).toBe(expected);
  });
});

/** Evaluates each literal with node in one ES module, which is strict mode, and returns the UTF-16 hex. */
async function evaluateWithNode(literals: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-ts-literal-"));
  const lines = literals.map(
    (literal) => `console.log(Buffer.from(${literal}, "utf16le").toString("hex"));`,
  );
  writeFileSync(join(dir, "literals.mjs"), `${lines.join("\n")}\n`);
  const result = await runProcess("node", [join(dir, "literals.mjs")]);
  rmSync(dir, { recursive: true, force: true });
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").slice(0, literals.length);
}

function utf16Hex(text: string): string {
  return Buffer.from(text, "utf16le").toString("hex");
}

describe("tsString", () => {
  it.each(HOSTILE_STRINGS)("round-trips %s through node", async (_, value) => {
    const [evaluated] = await evaluateWithNode([tsString(value)]);
    expect(evaluated).toBe(utf16Hex(value));
  });

  it("round-trips random text through node", async () => {
    const unit = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom("${", "`", "*/", "\\", '"', "\u2028", "\u0000"),
    );
    const values = fc.sample(fc.string({ unit, maxLength: 20 }), { numRuns: 300, seed: 42 });
    const evaluated = await evaluateWithNode(values.map(tsString));
    expect(evaluated).toEqual(values.map(utf16Hex));
  });

  it("writes only ASCII escapes for invisible characters", () => {
    expect(tsString("\u0000\u2028\ud800")).toBe('"\\u0000\\u2028\\uD800"');
  });

  it("is accepted by tsc in strict mode", () => {
    const errors = tscOutput.split("\n").filter((line) => line.startsWith("literals/"));
    expect(errors).toEqual([]);
  });
});

describe("tsValue", () => {
  it("keeps a __proto__ key as an own property", async () => {
    const body = hostileBody();
    const [evaluated] = await evaluateWithNode([`JSON.stringify(${tsValue(body as never)})`]);
    const text = Buffer.from(evaluated ?? "", "hex").toString("utf16le");
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(body)));
  });

  it("writes a parameter as a property of params", () => {
    expect(tsValue({ a: new ParamRef("assetName"), b: new ParamRef("2fa") })).toBe(
      '{\n  a: params.assetName,\n  b: params["2fa"],\n}',
    );
  });
});

describe("tsKey", () => {
  it.each([
    ["an identifier", "assetName", "assetName"],
    ["a key with a dot", "@odata.type", '"@odata.type"'],
    ["a key starting with a digit", "2fa", '"2fa"'],
    ["the prototype key", "__proto__", '["__proto__"]'],
    ["a reserved word", "class", "class"],
  ])("writes %s", (_, key, expected) => {
    expect(tsKey(key)).toBe(expected);
  });
});

describe("tsCommentText", () => {
  it.each([
    ["a comment end", "a */ b", "a * / b"],
    ["a line separator", "a\u2028b", "a b"],
    ["a newline", "a\nb", "a b"],
  ])("defuses %s", (_, text, expected) => {
    expect(tsCommentText(text)).toBe(expected);
  });
});
