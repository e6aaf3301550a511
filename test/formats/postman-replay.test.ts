import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { camelCase } from "../../src/catalog/naming.js";
import { decodedPath, type ExpectedCall, expectedCalls } from "../support/expected-calls.js";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { type RecordedRequest, writeHar } from "../support/har-builder.js";
import { envVarArgs, runNewman } from "../support/newman.js";
import { type PostmanOutput, renderPostman } from "../support/postman-output.js";
import {
  type ReceivedRequest,
  type RecordingServer,
  startRecordingServer,
} from "../support/recording-server.js";

const TOKEN = "replay-test-token";
// The fixtures' secrets under their collection variable names (`ACCESS_TOKEN` is `accessToken`).
const SECRETS = Object.fromEntries(
  Object.entries(FIXTURE_SECRETS).map(([name, value]) => [camelCase(name), value]),
);

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});

/** A request reduced to what must match a recorded call, as one comparable string. */
function callKey(call: { method: string; path: string; query: string; body: unknown }): string {
  return JSON.stringify([call.method, decodedPath(call.path), call.query, call.body]);
}

function receivedKey(request: ReceivedRequest): string {
  const [path = "", query = ""] = request.url.split(/\?(.*)/s);
  const text = request.body.toString("utf8");
  let body: unknown = text === "" ? undefined : text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return callKey({ method: request.method, path, query, body });
}

interface DataRun {
  file: string;
  request: string;
}

/** Finds the request each data file belongs to: the one whose description names the file. */
function dataRuns(output: PostmanOutput): DataRun[] {
  const collection = JSON.parse(output.collection);
  const items = collection.item.flatMap((folder: { item: unknown[] }) => folder.item);
  return [...output.dataFiles].map(([name, file]) => {
    const item = items.find((candidate: { request: { description: string } }) =>
      candidate.request.description.includes(name),
    );
    return { file, request: item?.name ?? `(no request names ${name})` };
  });
}

/** Runs newman against the recording server and returns the requests it received. */
async function replay(output: PostmanOutput, extraArgs: string[] = []) {
  server.requests.length = 0;
  const env = envVarArgs({ baseUrl: server.baseUrl, mkioToken: TOKEN, ...SECRETS });
  const result = await runNewman(output.collectionPath, [...env, ...extraArgs]);
  expect(result.code, result.output).toBe(0);
  return [...server.requests];
}

function expectToken(received: readonly ReceivedRequest[]) {
  for (const request of received) {
    const auth = request.headers.authorization ?? request.headers["x-mkio-token"];
    expect([`Bearer ${TOKEN}`, TOKEN]).toContain(auth);
  }
}

/** Checks that the runs sent only recorded calls and every recorded call at least once. */
function expectAllRecorded(received: readonly ReceivedRequest[], expected: ExpectedCall[]) {
  const sent = new Set(received.map(receivedKey));
  const recorded = new Set(expected.map(callKey));
  for (const key of sent) expect(recorded, `sent but not recorded: ${key}`).toContain(key);
  for (const key of recorded) expect(sent, `recorded but not sent: ${key}`).toContain(key);
}

describe.each(REPLAY_FIXTURES)("postman replay of %s", (fixture) => {
  it("sends every recorded call with newman", async () => {
    const file = join("fixtures", fixture);
    // The default base URL is the loopback server too, so no run can reach another host.
    const output = await renderPostman([file, "--base-url", server.baseUrl]);
    expect(output.code, output.stderr).toBe(0);

    const received = await replay(output);
    for (const run of dataRuns(output)) {
      received.push(...(await replay(output, ["--folder", run.request, "-d", run.file])));
    }

    expectToken(received);
    expectAllRecorded(received, expectedCalls(file));
  });
});

describe("postman iteration data", () => {
  it("repeats both recorded asset PUTs", async () => {
    const file = "fixtures/portal-current-session.har";
    const output = await renderPostman([file, "--base-url", server.baseUrl]);
    expect(output.code, output.stderr).toBe(0);
    const [run, ...others] = dataRuns(output);
    expect(others).toEqual([]);
    expect(run?.request).toBe("Create or Update Asset");

    const received = await replay(output, ["--folder", run?.request ?? "", "-d", run?.file ?? ""]);

    const assetPuts = expectedCalls(file).filter((call) => call.path.includes("/assets/"));
    const expected = assetPuts.filter((call) => call.method === "PUT").map(callKey);
    expect(expected).toHaveLength(2);
    expect(received.map(receivedKey)).toEqual(expected);
  });
});

describe("postman replay of values containing {{mkioToken}}", () => {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-braces-"));
  const assets = [
    { name: "a{{mkioToken}}b", description: "first {{mkioToken}} text" },
    { name: "plain-asset", description: 'second {{projectName}} "quoted" \\ text' },
  ];
  const file = writeHar(
    dir,
    "braces.har",
    assets.map((asset) => ({
      method: "PUT",
      url: `https://api.mk.io/api/v1/projects/demo-project/media/assets/${encodeURIComponent(asset.name)}`,
      body: {
        properties: { container: asset.name, description: asset.description },
        labels: { note: "{{mkioToken}}", "{{label}}": "x" },
      },
      status: 201,
    })),
  );

  it("reaches the server literally", async () => {
    const output = await renderPostman([file, "--base-url", server.baseUrl]);
    expect(output.code, output.stderr).toBe(0);
    const [run] = dataRuns(output);
    expect(run).toBeDefined();

    const received = await replay(output);
    received.push(
      ...(await replay(output, ["--folder", run?.request ?? "", "-d", run?.file ?? ""])),
    );

    for (const request of received) {
      expect(request.url).not.toContain(TOKEN);
      expect(request.body.toString("utf8")).not.toContain(TOKEN);
    }
    expectToken(received);
    expectAllRecorded(received, expectedCalls(file));
  });

  it("keeps the data file's values as text", async () => {
    const output = await renderPostman([file, "--base-url", server.baseUrl]);
    const [run] = dataRuns(output);
    const csv = readFileSync(run?.file ?? "", "utf8");
    expect(csv).toContain('"a{{mkioToken}}b"');
    expect(csv).toContain('"second {{projectName}} ""quoted"" \\ text"');
  });
});

describe("postman replay of {{ in header values and text bodies", () => {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-literals-"));
  const assets = "https://api.mk.io/api/v1/projects/demo-project/media/assets";
  // Names the collection defines (`mkioToken`, `baseUrl`, `projectName`, the variables that hold
  // recorded text), Postman's dynamic variables, and nested, unbalanced and empty references.
  const values = [
    "a{{mkioToken}}b",
    "{{mkioToken}}",
    "{{{mkioToken}}}",
    "{{a{{mkioToken}}}}",
    "{{mkioToken}",
    "mkioToken}}",
    "}}{{",
    "{{{{}}}}",
    "{{}} {{ }} {{a b}}",
    "{{$guid}} {{$timestamp}} {{$randomInt}}",
    "{{baseUrl}}/{{projectName}}",
    "{{noteHeader}} {{bodyText}} {{noteHeader2}}",
  ];
  const textCalls: RecordedRequest[] = values.map((value, index) => ({
    method: "POST",
    url: `${assets}/clip/case${index}`,
    headers: [{ name: "x-note", value }],
    mimeType: "text/plain",
    body: `text ${value} end`,
  }));
  const otherCalls: RecordedRequest[] = [
    // A secret in a text body becomes a variable next to recorded `{{` text.
    {
      method: "POST",
      url: `${assets}/clip/secret`,
      headers: [{ name: "x-note", value: "plain" }],
      mimeType: "text/plain",
      body: "{{mkioToken}} password=CANARYpass0123 {{projectName}}",
    },
    {
      method: "PUT",
      url: `${assets}/clip`,
      headers: [{ name: "x-note", value: "{{projectName}} json" }],
      body: { properties: { description: "{{mkioToken}}" } },
    },
    {
      method: "PUT",
      url: "https://api.mk.io/api/ams/demo-project/assets/legacy-clip",
      headers: [
        { name: "x-mkio-token", value: "recorded-token" },
        { name: "x-note", value: "{{mkioToken}} legacy" },
      ],
      body: { properties: { description: "legacy {{mkioToken}}" } },
    },
  ];
  const recorded = [...textCalls, ...otherCalls];
  const file = writeHar(dir, "literals.har", recorded);

  function recordedFor(request: ReceivedRequest): RecordedRequest | undefined {
    return recorded.find((call) => new URL(call.url).pathname === request.url);
  }

  it("sends the recorded bytes with newman", async () => {
    const output = await renderPostman([file, "--base-url", server.baseUrl]);
    expect(output.code, output.stderr).toBe(0);
    const received = await replay(output, envVarArgs({ bodyToken: "CANARYpass0123" }));

    expect(received).toHaveLength(recorded.length);
    expectToken(received);
    for (const request of received) {
      const call = recordedFor(request);
      const note = call?.headers?.find((header) => header.name === "x-note")?.value;
      expect(note, `${request.url} was not recorded`).toBeDefined();
      expect(request.headers["x-note"], request.url).toBe(note);
      const text = request.body.toString("utf8");
      if (typeof call?.body === "string") expect(text, request.url).toBe(call.body);
      else expect(JSON.parse(text), request.url).toEqual(call?.body);
    }
  });

  it("sends them in every iteration of a data file", async () => {
    const call = (asset: string): RecordedRequest => ({
      method: "POST",
      url: `${assets}/${asset}/notes`,
      headers: [{ name: "x-note", value: "a{{mkioToken}}b" }],
      mimeType: "text/plain",
      body: "one {{mkioToken}}",
    });
    const repeated = writeHar(dir, "repeated.har", [call("first"), call("second")]);
    const output = await renderPostman([repeated, "--base-url", server.baseUrl]);
    const [run] = dataRuns(output);
    expect(run).toBeDefined();

    const received = await replay(output, ["--folder", run?.request ?? "", "-d", run?.file ?? ""]);

    expect(received.map((request) => request.url)).toEqual([
      "/api/v1/projects/demo-project/media/assets/first/notes",
      "/api/v1/projects/demo-project/media/assets/second/notes",
    ]);
    expectToken(received);
    for (const request of received) {
      expect(request.headers["x-note"]).toBe("a{{mkioToken}}b");
      expect(request.body.toString("utf8")).toBe("one {{mkioToken}}");
    }
  });
});
