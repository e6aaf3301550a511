import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RecordedRequest, writeHar } from "../support/har-builder.js";
import { envVarArgs, runNewman } from "../support/newman.js";
import { renderPostman } from "../support/postman-output.js";
import {
  type ReceivedRequest,
  type RecordingServer,
  startRecordingServer,
} from "../support/recording-server.js";
import { runCli } from "../support/run-cli.js";
import { runHttpyac } from "../support/run-httpyac.js";
import { runProcess } from "../support/run-process.js";

// Header values outside ASCII and text bodies with NUL must reach the server as the bytes curl
// sends: the UTF-8 of the recorded text, with U+FFFD for a lone surrogate.
const dir = mkdtempSync(join(tmpdir(), "har2mkio-bytes-"));
const TOKEN = "byte-exact-token";
const TSX = resolve("node_modules/.bin/tsx");
const ASSETS = "https://api.mk.io/api/v1/projects/bytes-project/media/assets";

/** Recorded header values by header name: Latin-1, outside Latin-1 and invalid UTF-16. */
const HEADERS: Record<string, string> = {
  "x-latin": "café ü ÿ",
  "x-line-separator": "a\u2028b\u2029c",
  "x-emoji": "clip 🎬",
  "x-cjk": "日本語",
  "x-lone-surrogate": "a\ud800b",
};
const LATIN_HEADERS = { "x-latin": HEADERS["x-latin"] ?? "" };

/** Returns the bytes curl sends for a recorded header value. */
function utf8Bytes(value: string): Buffer {
  return Buffer.from(value, "utf8");
}

function headerList(headers: Record<string, string>) {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/**
 * Builds one call without a body and one with a JSON body, both with `headers`. The first is a
 * POST, because conversion keeps no GET calls by default.
 */
function headerRequests(headers: Record<string, string>): RecordedRequest[] {
  return [
    { method: "POST", url: `${ASSETS}/bytes-asset/no-body`, headers: headerList(headers) },
    {
      method: "PUT",
      url: `${ASSETS}/with-body`,
      headers: headerList(headers),
      body: { properties: { description: "sent with the headers" } },
    },
  ];
}

/** Text with NUL at the start of a digit run and at the end, next to printf syntax. */
const NUL_TEXT = "a\u0000b\u00001 %s \\ 100%% \\000\n\tend\u0000";
/** A form body with NUL and a secret field, which becomes a parameter between literals. */
const NUL_FORM = "a=\u0000x&password=CANARYnulform7&z=%00";
const NUL_SECRET = { env: "PASSWORD_FIELD", postman: "passwordField", value: "CANARYnulform7" };

const NUL_REQUESTS: RecordedRequest[] = [
  { method: "POST", url: `${ASSETS}/nul/upload`, mimeType: "text/plain", body: NUL_TEXT },
  {
    method: "POST",
    url: `${ASSETS}/nul/form`,
    mimeType: "application/x-www-form-urlencoded",
    body: NUL_FORM,
  },
];

/**
 * Path segments that every runner must send as recorded. They contain escapes of characters that
 * `encodeURIComponent` keeps (`!'()*` and a letter), a `(` and `'` recorded unescaped, lower-case
 * escapes, characters it escapes recorded unescaped, and a `%` that starts no escape.
 */
const PATH_SEGMENTS = [
  "a%27%28%29%2A%21b",
  "x(y'z",
  "%2f%c3%a9",
  "%41bc",
  "a:b@c$d,e;f=g+h&i[j]^k|l",
  "100%zz",
];

/** A token recorded in the Authorization header, which makes a path segment holding it secret. */
const PATH_TOKEN = "CANARYpathtoken42";
/** The secret segment as recorded, and the decoded value a user gives its variable. */
const PATH_SECRET = {
  env: "PATH_SECRET",
  postman: "pathSecret",
  recorded: `${PATH_TOKEN}%2a!`,
  value: `${PATH_TOKEN}*!`,
};

/**
 * Builds two calls for each segment: one where it is a variable, after `assets`, and one where it
 * is a literal, after `step`. A last call carries a known secret in a literal segment.
 */
function pathRequests(segments: readonly string[]): RecordedRequest[] {
  const requests: RecordedRequest[] = segments.flatMap((segment, index) => [
    { method: "POST", url: `${ASSETS}/${segment}/variable-${index}` },
    { method: "POST", url: `${ASSETS}/literal-${index}/step/${segment}` },
  ]);
  const headers = [{ name: "Authorization", value: `Bearer ${PATH_TOKEN}` }];
  requests.push({ method: "POST", url: `${ASSETS}/token/step/${PATH_SECRET.recorded}`, headers });
  return requests;
}

/**
 * A segment recorded with `'`, `(`, `*` and `A` escaped, lower-case hex digits and an unescaped
 * `@`, and a new value for it, with how each runner must encode that value: the same way.
 */
const STYLED_SEGMENT = "a%27%28%2ab%2f%41@";
const NEW_VALUE = { env: "ASSET_NAME", postman: "assetName", value: "Q(u'o*t)e!/\u00e4:A@" };
const NEW_SEGMENT = "Q%28u%27o%2at)e!%2f%c3%a4%3a%41@";

/** Returns the path of a recorded URL, with its escapes as recorded. */
function recordedPath(url: string): string {
  return url.slice("https://api.mk.io".length);
}

const headerCapture = writeHar(dir, "header-bytes.har", headerRequests(HEADERS));
const latinCapture = writeHar(dir, "latin-header-bytes.har", headerRequests(LATIN_HEADERS));
const nulCapture = writeHar(dir, "nul-body.har", NUL_REQUESTS);
const PATH_REQUESTS = pathRequests(PATH_SEGMENTS);
const pathCapture = writeHar(dir, "path-escapes.har", PATH_REQUESTS);
// NOTE: httpyac 6.16 rejects a URL with a `%` that starts no escape ("URI malformed"), so its
// capture leaves out that segment.
const HTTPYAC_PATH_REQUESTS = pathRequests(PATH_SEGMENTS.filter((s) => !s.includes("%zz")));
const httpyacPathCapture = writeHar(dir, "path-escapes-httpyac.har", HTTPYAC_PATH_REQUESTS);
const newValueRequest = { method: "POST", url: `${ASSETS}/${STYLED_SEGMENT}/new-value` };
const newValueCapture = writeHar(dir, "path-new-value.har", [newValueRequest]);

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

/** Returns the one received request whose path ends with `suffix`. */
function receivedAt(suffix: string): ReceivedRequest {
  const found = server.requests.filter((request) => request.url.endsWith(suffix));
  expect(found.map((request) => request.url)).toEqual([expect.stringMatching(/^\/api\/v1\//)]);
  return found[0] as ReceivedRequest;
}

/**
 * Returns the bytes of a received header value. Node.js reads each header byte as one Latin-1
 * character, so the Latin-1 encoding of the value gives the bytes back.
 */
function headerBytes(request: ReceivedRequest, name: string): Buffer {
  const value = request.headers[name];
  expect(typeof value, `header ${name}`).toBe("string");
  return Buffer.from(String(value), "latin1");
}

/** Checks that both calls of a header capture carried each of `headers` as UTF-8. */
function expectUtf8Headers(headers: Record<string, string>): void {
  for (const suffix of ["/no-body", "/with-body"]) {
    const request = receivedAt(suffix);
    for (const [name, value] of Object.entries(headers)) {
      expect(headerBytes(request, name).toString("hex"), `${suffix} ${name}`).toBe(
        utf8Bytes(value).toString("hex"),
      );
    }
  }
}

/**
 * Checks that both calls of the NUL capture sent their recorded bodies byte for byte, or the form
 * body as `form` where a format writes it in another form that a server decodes the same way.
 */
function expectNulBodies(form = NUL_FORM): void {
  expect(receivedAt("/nul/upload").body.toString("hex")).toBe(utf8Bytes(NUL_TEXT).toString("hex"));
  expect(receivedAt("/nul/form").body.toString("hex")).toBe(utf8Bytes(form).toString("hex"));
}

/** Checks that the server received each recorded path, with its escapes, and nothing else. */
function expectRecordedPaths(requests: readonly RecordedRequest[]): void {
  const received = server.requests.map((request) => request.url).sort();
  expect(received).toEqual(requests.map((request) => recordedPath(request.url)).sort());
}

/** Checks that the new-value capture sent `NEW_VALUE` encoded as its segment was recorded. */
function expectNewValuePath(): void {
  const received = server.requests.map((request) => request.url);
  expect(received).toEqual([recordedPath(`${ASSETS}/${NEW_SEGMENT}/new-value`)]);
}

function replayEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    MKIO_TOKEN: TOKEN,
    MKIO_BASE_URL: server.baseUrl,
    [NUL_SECRET.env]: NUL_SECRET.value,
    [PATH_SECRET.env]: PATH_SECRET.value,
  };
}

/** Converts a capture with `format`, writes the output to `fileName` and returns its path. */
async function generate(capture: string, format: string, fileName: string): Promise<string> {
  const generated = await runCli([capture, "-f", format]);
  expect(generated.code, generated.stderr).toBe(0);
  const path = join(mkdtempSync(join(dir, `${format}-`)), fileName);
  writeFileSync(path, generated.stdout);
  return path;
}

/** The runnable formats whose program sends every recorded byte, with how to run each. */
const RUNNERS = [
  { format: "curl", fileName: "requests.sh", runner: "bash", command: "bash", args: [] },
  {
    format: "python",
    fileName: "mkio_client.py",
    runner: "python3",
    command: "python3",
    args: ["-W", "error"],
  },
  { format: "typescript", fileName: "mkio-client.ts", runner: "tsx", command: TSX, args: [] },
];

describe.each(RUNNERS)("$format output run by $runner", ({ format, fileName, command, args }) => {
  it("sends header values as UTF-8", async () => {
    const path = await generate(headerCapture, format, fileName);
    const result = await runProcess(command, [...args, path], { env: replayEnv() });
    expect(result.status, result.stderr).toBe(0);
    expectUtf8Headers(HEADERS);
  });

  it("sends text bodies with NUL byte for byte", async () => {
    const path = await generate(nulCapture, format, fileName);
    const result = await runProcess(command, [...args, path], { env: replayEnv() });
    expect(result.status, result.stderr).toBe(0);
    expectNulBodies();
  });

  it("sends path segments with their recorded escapes", async () => {
    const path = await generate(pathCapture, format, fileName);
    const result = await runProcess(command, [...args, path], { env: replayEnv() });
    expect(result.status, result.stderr).toBe(0);
    expectRecordedPaths(PATH_REQUESTS);
  });

  it("encodes a new path value as the recording did", async () => {
    const path = await generate(newValueCapture, format, fileName);
    const env = { ...replayEnv(), [NEW_VALUE.env]: NEW_VALUE.value };
    const result = await runProcess(command, [...args, path], { env });
    expect(result.status, result.stderr).toBe(0);
    expectNewValuePath();
  });
});

describe("curl script of a text body with NUL", () => {
  it("prints the body with printf instead of a bash word", async () => {
    const generated = await runCli([nulCapture]);
    expect(generated.stdout).not.toContain("\u0000");
    expect(generated.stdout).toContain("--data-binary @<(printf -- 'a\\000b\\0001 %%s");
  });
});

describe("Postman collection run by newman", () => {
  async function runCollection(capture: string, extra: Record<string, string> = {}) {
    const output = await renderPostman([capture]);
    expect(output.code, output.stderr).toBe(0);
    const values = {
      baseUrl: server.baseUrl,
      mkioToken: TOKEN,
      [NUL_SECRET.postman]: NUL_SECRET.value,
      [PATH_SECRET.postman]: PATH_SECRET.value,
      ...extra,
    };
    return runNewman(output.collectionPath, envVarArgs(values));
  }

  it("sends header values of a request without a body as UTF-8", async () => {
    // The request with a body stops with an error, which the next test checks.
    await runCollection(headerCapture);
    const request = receivedAt("/no-body");
    for (const [name, value] of Object.entries(HEADERS)) {
      expect(headerBytes(request, name).toString("hex"), name).toBe(
        utf8Bytes(value).toString("hex"),
      );
    }
  });

  // NOTE: Node.js sends the headers of a request with a body together with the body text, as
  // UTF-8, after it has rejected any header character above U+00FF.
  it("rejects a value outside Latin-1 in a request with a body", async () => {
    const result = await runCollection(headerCapture);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("Invalid character in header content");
    expect(server.requests.map((request) => request.url)).not.toContainEqual(
      expect.stringMatching(/\/with-body$/),
    );
  });

  it("sends Latin-1 header values as UTF-8 with and without a body", async () => {
    const result = await runCollection(latinCapture);
    expect(result.code, result.output).toBe(0);
    expectUtf8Headers(LATIN_HEADERS);
  });

  it("sends text bodies with NUL byte for byte", async () => {
    const result = await runCollection(nulCapture);
    expect(result.code, result.output).toBe(0);
    expectNulBodies();
  });

  it("sends path segments with their recorded escapes", async () => {
    const result = await runCollection(pathCapture);
    expect(result.code, result.output).toBe(0);
    expectRecordedPaths(PATH_REQUESTS);
  });

  it("encodes a new path value as the recording did", async () => {
    const result = await runCollection(newValueCapture, { [NEW_VALUE.postman]: NEW_VALUE.value });
    expect(result.code, result.output).toBe(0);
    expectNewValuePath();
  });
});

describe(".http file sent by httpyac", () => {
  async function send(capture: string) {
    const generated = await runCli([capture, "-f", "http", "--base-url", server.baseUrl]);
    expect(generated.code, generated.stderr).toBe(0);
    const env = {
      MKIO_TOKEN: TOKEN,
      [NUL_SECRET.env]: NUL_SECRET.value,
      // The .http file inserts secrets from the environment as given, so a path secret is given
      // percent-encoded, as the README documents.
      [PATH_SECRET.env]: PATH_SECRET.recorded,
    };
    return { http: generated.stdout, result: await runHttpyac(generated.stdout, env) };
  }

  it("comments out a request whose header value has U+2028", async () => {
    const { http } = await send(headerCapture);
    expect(http).toContain("where httpyac ends the headers");
    expect(http).toContain("\n# POST {{baseUrl}}/api/v1/");
  });

  // NOTE: httpyac 6.16 sends with Node.js, which writes headers as Latin-1 unless they go out
  // together with a body, as UTF-8. The README lists this under Limits.
  it("sends a Latin-1 value as UTF-8 only with a body", async () => {
    const { result } = await send(latinCapture);
    expect(result.status, result.output).toBe(0);
    const latin = LATIN_HEADERS["x-latin"];
    const withBody = headerBytes(receivedAt("/with-body"), "x-latin");
    const noBody = headerBytes(receivedAt("/no-body"), "x-latin");
    expect(withBody.toString("hex")).toBe(utf8Bytes(latin).toString("hex"));
    expect(noBody.toString("hex")).toBe(Buffer.from(latin, "latin1").toString("hex"));
  });

  it("sends a text body with NUL byte for byte", async () => {
    const { result } = await send(nulCapture);
    expect(result.status, result.output).toBe(0);
    // The `.http` format percent-encodes control characters in a form body.
    expectNulBodies(NUL_FORM.replace("\u0000", "%00"));
  });

  // A new value goes into a `.http` file already percent-encoded, so there is none to encode.
  it("sends path segments with their recorded escapes", async () => {
    const { http, result } = await send(httpyacPathCapture);
    expect(result.status, result.output).toBe(0);
    expectRecordedPaths(HTTPYAC_PATH_REQUESTS);
    expect(http).toContain("@assetName = a%27%28%29%2A%21b\n");
  });
});
