import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAssignment } from "../../src/formats/curl/index.js";
import { printfCommand, shellQuote } from "../../src/formats/curl/shell.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { runCli } from "../support/run-cli.js";

const HOSTILE = [
  "plain",
  "it's",
  "'''",
  'double "quotes"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell syntax is the test value.
  "$HOME and ${HOME} and $(echo pwned)",
  "`echo pwned`",
  "back\\slash \\n not a newline",
  "line one\nline two\r\n\ttab",
  "100% done %s %d",
  "ünïcödé ✓ 日本語 🎬",
  "\u2028line separator\u2029paragraph",
  "\u202eright-to-left mark",
  "control \u0001\u001f chars",
  "{{mkioToken}} and {{$processEnv HOME}}",
  "*/ /* -- ; & | < > #",
  "'@\n\"@\nEOF\n",
  "",
  " leading and trailing ",
];

function bash(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; code: number | null }> {
  const child = spawn("bash", ["-c", script], { env: { PATH: process.env.PATH, ...env } });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ stdout, code })));
}

function bashWithStderr(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ stderr: string; code: number | null }> {
  const child = spawn("bash", ["-c", script], { env: { PATH: process.env.PATH, ...env } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ stderr, code })));
}

describe("shell quoting", () => {
  it.each(HOSTILE)("quotes %j as one bash word", async (value) => {
    const result = await bash(`printf '%s' ${shellQuote(value)}`);
    expect(result.stdout).toBe(value);
  });

  it.each(HOSTILE)("assigns the default %j", async (value) => {
    const result = await bash(`unset V; ${defaultAssignment("V", value)}; printf '%s' "$V"`);
    expect(result.stdout).toBe(value);
  });

  it.each([
    ...HOSTILE,
    "\u0000",
    "NUL before digits \u00001\u0000077",
    "escapes that stay text: \\000 \\n %% %s %b \\",
    "-starts like an option",
  ])("prints %j with printf byte for byte", async (value) => {
    const result = await bash(printfCommand([{ text: value }]));
    expect(result.stdout).toBe(value);
  });

  it("prints a parameter with printf through its encoder", async () => {
    const parts = [
      { text: "a\u0000=" },
      { slot: { param: "secretValue", encoding: "query" as const } },
    ];
    const script = `url_encode() { printf '%s' "<$1>"; }; secret_value='x%y'; ${printfCommand(parts)}`;
    const result = await bash(script);
    expect(result.stdout).toBe("a\u0000=<x%y>");
  });

  it("keeps a value set in the environment", async () => {
    const result = await bash(`${defaultAssignment("V", "recorded")}; printf '%s' "$V"`, {
      V: "$(mine)",
    });
    expect(result.stdout).toBe("$(mine)");
  });
});

const ASSET = "name with 'quote' $x `y` ü/slash?q#h%25";

function hostileHar(): string {
  const description = HOSTILE.join(" | ");
  const entry = {
    startedDateTime: "2026-11-20T10:00:00.000Z",
    request: {
      method: "PUT",
      url: `https://api.mk.io/api/v1/projects/p%27q/media/assets/${encodeURIComponent(ASSET)}?note=${encodeURIComponent("a'b $c")}`,
      headers: [{ name: "Authorization", value: "Bearer recorded-token" }],
      postData: {
        mimeType: "application/json",
        text: JSON.stringify({
          properties: { container: ASSET, description, storageAccountName: "st'orage$" },
          labels: Object.fromEntries(HOSTILE.map((value, index) => [`k${index}`, value])),
        }),
      },
    },
    response: { status: 201, headers: [] },
  };
  return JSON.stringify({ log: { version: "1.2", entries: [entry] } });
}

describe("curl replay of hostile values", () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("sends recorded names and bodies byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-hostile-"));
    const capture = join(dir, "hostile.har");
    writeFileSync(capture, hostileHar());
    const generated = await runCli([capture]);
    expect(generated.code).toBe(0);
    const script = join(dir, "requests.sh");
    writeFileSync(script, generated.stdout);

    const result = await bash(`bash ${shellQuote(script)}`, {
      MKIO_TOKEN: "t",
      MKIO_BASE_URL: server.baseUrl,
    });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const [received] = server.requests;
    const [path = "", query] = (received?.url ?? "").split("?");
    const segments = path.split("/").map((segment) => decodeURIComponent(segment));
    expect(segments.at(-1)).toBe(ASSET);
    expect(segments[4]).toBe("p'q");
    expect(query).toBe(`note=${encodeURIComponent("a'b $c")}`);
    const recorded = JSON.parse(JSON.parse(hostileHar()).log.entries[0].request.postData.text);
    expect(JSON.parse(received?.body.toString("utf8") ?? "")).toEqual(recorded);
  });

  it("sends [] and {} in a query once, as recorded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-glob-"));
    const query = "page[1-3]=x&pick={a,b}";
    const entry = {
      request: {
        method: "POST",
        url: `https://api.mk.io/api/v1/projects/p/media/assets/a/refresh?${query}`,
        headers: [],
      },
      response: { status: 200, headers: [] },
    };
    const capture = join(dir, "glob.har");
    writeFileSync(capture, JSON.stringify({ log: { entries: [entry] } }));
    const script = join(dir, "requests.sh");
    writeFileSync(script, (await runCli([capture])).stdout);
    server.requests.length = 0;

    const result = await bash(`bash ${shellQuote(script)}`, {
      MKIO_TOKEN: "t",
      MKIO_BASE_URL: server.baseUrl,
    });
    expect(result.code).toBe(0);
    expect(server.requests.map((request) => request.url.split("?")[1])).toEqual([query]);
  });

  it("sends nothing when a secret is missing", async () => {
    const generated = await runCli(["fixtures/portal-current-session.har"]);
    const script = join(mkdtempSync(join(tmpdir(), "har2mkio-missing-")), "requests.sh");
    writeFileSync(script, generated.stdout);
    server.requests.length = 0;

    const result = await bashWithStderr(`bash ${shellQuote(script)}`, {
      MKIO_TOKEN: "t",
      MKIO_BASE_URL: server.baseUrl,
      ACCESS_TOKEN: "a",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/set CONTENT_KEY_VALUE in the environment/);
    expect(server.requests).toHaveLength(0);
  });
});
