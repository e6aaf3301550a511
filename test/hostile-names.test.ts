import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FormatRegistry } from "../src/formats/registry.js";
import { secretSpans } from "../src/model/secret-spans.js";
import { type RecordedRequest, writeHar } from "./support/har-builder.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { runCli } from "./support/run-cli.js";
import { runProcess } from "./support/run-process.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-hostile-names-"));
const API = "https://api.mk.io/api/v1/projects/names-project/media";
const KEEP_ALL = ["--include-reads", "--status", "any"];

/** Secrets planted where only their names, neighbours or surrounding syntax make them secret. */
const LEAKS = {
  pathToken: "LEAKpathToken51",
  slashToken: "LEAK/slash+Token71==",
  keyToken: "LEAKkeyToken55",
  queryNameToken: "LEAKqueryName53",
  passPhrase: "LEAKpassPhrase20",
  xAuthorization: "LEAKxAuthorization11",
  sessionId: "LEAKsessionId44",
  pin: "LEAKpin1414",
  postmanPair: "LEAKpostmanPair15",
  capitalPair: "LEAKcapitalPair16",
  multipart: "LEAKmultipart31",
  bearerInText: "LEAKbearerInText22b",
  encodedName: "LEAKencodedName30",
  xml: "LEAKxmlPassword36",
  socketIo: "LEAKsocketIo42",
  authTokenHeader: "LEAKauthTokenHeader01",
  accessTokenQuery: "LEAKaccessTokenQuery02",
  passcodeField: "LEAKpasscodeField03",
  authorizationCode: "LEAKauthorizationCode08",
  passwordHash: "LEAKpasswordHash07",
  tokenValue: "LEAKtokenValue06",
  privateKeyPem: "LEAKprivateKeyPem04",
  mimeToken: "LEAKmimeToken07x",
  underKey: "LEAKunderKey12",
  userPassword: "LEAKuserPassword08",
  encodedBearer: "LEAKencodedBearer09",
  doubleEncoded: "LEAKdoubleEncoded41",
} as const;

function bearer(token: string) {
  return [{ name: "Authorization", value: `Bearer ${token}` }];
}

const boundary = "----formboundary7";
const multipart = [
  `--${boundary}`,
  'Content-Disposition: form-data; name="note"',
  "",
  "hello",
  `--${boundary}`,
  'Content-Disposition: form-data; name="password"',
  "",
  LEAKS.multipart,
  `--${boundary}--`,
  "",
].join("\r\n");

const REQUESTS: RecordedRequest[] = [
  // Known tokens in places a template cannot make a variable of as they are.
  {
    method: "PUT",
    url: `${API}/things/a/${LEAKS.pathToken}/run`,
    headers: bearer(LEAKS.pathToken),
  },
  {
    method: "PUT",
    url: `${API}/things/b/${LEAKS.slashToken}/run`,
    headers: bearer(LEAKS.slashToken),
  },
  {
    method: "PUT",
    url: `${API}/assets/keys?${LEAKS.queryNameToken}=1`,
    body: { properties: { [LEAKS.keyToken]: "value" } },
    headers: [
      ...bearer(LEAKS.keyToken),
      { name: `X-${LEAKS.queryNameToken}`, value: "v" },
      { name: "X-Api-Key", value: LEAKS.queryNameToken },
    ],
  },
  // Names outside the plain word list, and name and value pairs in other spellings.
  {
    method: "PATCH",
    url: `${API}/liveEvents/srt?sessionid=${LEAKS.sessionId}`,
    body: {
      properties: {
        passPhrase: LEAKS.passPhrase,
        pin: LEAKS.pin,
        headers: [
          { key: "x-api-key", value: LEAKS.postmanPair },
          { Name: "Authorization", Value: LEAKS.capitalPair },
        ],
        note: `curl -H 'Authorization: Bearer ${LEAKS.bearerInText}'`,
        source: `https://acct.blob.core.windows.net/c/f.mp4?sv=1&si%67=${LEAKS.encodedName}`,
      },
    },
    headers: [{ name: "X-Authorization", value: LEAKS.xAuthorization }],
  },
  {
    method: "POST",
    url: `${API}/assets/form`,
    body: multipart,
    mimeType: `multipart/form-data; boundary=${boundary}`,
  },
  // Names written as joined words, and a copy of a token in a media type and as a JSON key.
  {
    method: "PUT",
    url: `${API}/assets/joined?accessToken=${LEAKS.accessTokenQuery}`,
    body: {
      properties: {
        authorizationCode: LEAKS.authorizationCode,
        passwordHash: LEAKS.passwordHash,
        tokenValue: LEAKS.tokenValue,
        privateKeyPem: LEAKS.privateKeyPem,
        labels: { [LEAKS.mimeToken]: LEAKS.underKey },
      },
    },
    mimeType: `application/json; x=${LEAKS.mimeToken}`,
    headers: [
      { name: "X-AuthToken", value: LEAKS.authTokenHeader },
      { name: "X-Api-Key", value: LEAKS.mimeToken },
    ],
  },
  {
    method: "POST",
    url: `${API}/assets/joined/form`,
    body: `grant_type=password&passcode=${LEAKS.passcodeField}`,
    mimeType: "application/x-www-form-urlencoded",
  },
  // Copies that only a decoded or learned form reveals.
  {
    method: "POST",
    url: `https://user:${LEAKS.userPassword}@api.mk.io/api/v1/projects/names-project/media/assets/u?h=Bearer%20${LEAKS.encodedBearer}`,
    body: { properties: { note: `pasted ${LEAKS.userPassword}` } },
  },
  {
    method: "POST",
    url: `${API}/assets/socket`,
    body: `42["publish",{"ingest":{"streamKey":"${LEAKS.socketIo}"}}]`,
    mimeType: "text/plain",
  },
  {
    method: "POST",
    url: `${API}/assets/twice`,
    body: JSON.stringify(JSON.stringify({ streamKey: LEAKS.doubleEncoded })),
    mimeType: "text/plain",
  },
  {
    method: "POST",
    url: `${API}/assets/xml`,
    body: `<Settings><User>me</User><Password>${LEAKS.xml}</Password></Settings>`,
    mimeType: "application/xml",
  },
];

const capture = writeHar(dir, "names.har", REQUESTS);

function expectNoLeak(text: string, where: string): void {
  for (const [place, secret] of Object.entries(LEAKS)) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      expect(text.includes(form), `${place} leaked into ${where}`).toBe(false);
    }
  }
}

describe("secrets found by name, neighbours or syntax", () => {
  it.each(new FormatRegistry().names())("leak into no %s output", async (format) => {
    const result = await runCli([capture, "-f", format, ...KEEP_ALL]);
    expect(result.code, result.stderr).toBe(0);
    expectNoLeak(result.stdout, `${format} output`);
    expectNoLeak(result.stderr, "stderr");
  });

  it("leak into no sanitized copy", async () => {
    const result = await runCli(["sanitize", capture, "-o", "-"]);
    expect(result.code, result.stderr).toBe(0);
    expectNoLeak(result.stdout, "the sanitized copy");
  });

  it("keep a path token out of the operation name", async () => {
    const result = await runCli([capture, "-f", "json", ...KEEP_ALL]);
    const model = JSON.parse(result.stdout) as {
      calls: { operationName: string; pathTemplate: string }[];
    };
    const [first] = model.calls;
    expect(first?.operationName).toBe("Put Things Run");
    expect(first?.pathTemplate).toBe(
      "/api/v1/projects/{projectName}/media/things/{thingName}/{pathSecret}/run",
    );
  });
});

describe("a postman collection of a huge text body", () => {
  it("is written without exhausting the stack", async () => {
    const body = "token: ".repeat(300_000);
    const path = writeHar(dir, "huge-text.har", [
      { method: "PUT", url: `${API}/assets/huge`, body, mimeType: "text/plain" },
    ]);
    const result = await runCli([path, "-f", "postman", "-q"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('"info"');
  });
});

describe("secretSpans", () => {
  it.each([
    ["password=hunter22 rest", "hunter22"],
    ['{"streamKey": "abc123def"}', "abc123def"],
    ["mypassword: abcd1234", "abcd1234"],
    ["<ns:ApiKey a='1'>k-12345</ns:ApiKey>", "k-12345"],
    ["see https://h/p?x=1&access_token=tok123&y=2", "tok123"],
    ["see https%3A%2F%2Fh%2Fp%3Fsi%2567%3Dabc%2Bd%26se%3D1", "abc%2Bd"],
    ["then bearer abcdefgh1 was sent", "abcdefgh1"],
  ])("finds the secret in %s", (text, secret) => {
    const spans = secretSpans(text);
    expect(spans.map(({ index, length }) => text.slice(index, index + length))).toEqual([secret]);
  });

  it.each([
    "the bearer of bad news",
    "Primary color: blue",
    "https://h/p?x=1&name=abc",
    "<Name>Big Buck Bunny</Name>",
  ])("finds nothing in %s", (text) => {
    expect(secretSpans(text)).toEqual([]);
  });
});

describe("curl script on odd recorded names", () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  it("runs with a digit-first field and spaced path", async () => {
    const requests: RecordedRequest[] = [
      {
        method: "PUT",
        url: `${API}/assets/digits`,
        body: { properties: { "4kPresetName": "uhd" } },
      },
      { method: "POST", url: `${API}/we ird/x` },
    ];
    const path = writeHar(dir, "odd.har", requests);
    const script = await runCli([path, "-q"]);
    expect(script.code, script.stderr).toBe(0);
    const file = join(dir, "odd.sh");
    writeFileSync(file, script.stdout);
    const env = { ...process.env, MKIO_BASE_URL: server.baseUrl, MKIO_TOKEN: "t" };
    const run = await runProcess("bash", [file], { env });
    expect(run.status, run.stderr).toBe(0);
    const received = server.requests.map((request) => request.url);
    expect(received).toEqual([
      "/api/v1/projects/names-project/media/assets/digits",
      "/api/v1/projects/names-project/media/we%20ird/x",
    ]);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? "")).toEqual({
      properties: { "4kPresetName": "uhd" },
    });
  });
});
