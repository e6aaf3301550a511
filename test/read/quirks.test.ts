import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-quirks-"));
const URL = "https://api.mk.io/api/v1/projects/demo/media/assets/a1";

type Json = Record<string, unknown>;

function capture(
  request: Json,
  extra: { log?: Json; response?: Json; prefix?: string } = {},
): string {
  const entry = {
    startedDateTime: "2026-11-20T10:00:00.000Z",
    request: { method: "PUT", url: URL, headers: [], ...request },
    response: { status: 201, headers: [], ...extra.response },
  };
  const path = join(dir, `capture-${Math.random().toString(36).slice(2)}.har`);
  writeFileSync(
    path,
    (extra.prefix ?? "") + JSON.stringify({ log: { entries: [entry], ...extra.log } }),
  );
  return path;
}

async function firstCall(path: string, args: string[] = []) {
  const result = await runCli([path, "-f", "json", ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout).calls[0];
}

const BODY = { properties: { storageAccountName: "st1" } };

describe("reader tolerates real exports", () => {
  it.each([
    [
      "a UTF-8 byte-order mark",
      capture(
        { postData: { mimeType: "application/json", text: JSON.stringify(BODY) } },
        { prefix: "\uFEFF" },
      ),
    ],
    [
      "HAR 1.1 without pages",
      capture(
        { postData: { mimeType: "application/json", text: JSON.stringify(BODY) } },
        { log: { version: "1.1" } },
      ),
    ],
    [
      "mimeType with parameters",
      capture({
        postData: { mimeType: "application/json;charset=UTF-8", text: JSON.stringify(BODY) },
      }),
    ],
    [
      "JSON sent as text/plain",
      capture({ postData: { mimeType: "text/plain;charset=UTF-8", text: JSON.stringify(BODY) } }),
    ],
    ["JSON without a mimeType", capture({ postData: { text: JSON.stringify(BODY) } })],
    [
      "base64 postData",
      capture({
        postData: {
          mimeType: "application/json",
          encoding: "base64",
          text: Buffer.from(JSON.stringify(BODY)).toString("base64"),
        },
      }),
    ],
    [
      "text and params both present",
      capture({
        postData: { mimeType: "application/json", text: JSON.stringify(BODY), params: [] },
      }),
    ],
  ])("reads the body with %s", async (_case, path) => {
    const call = await firstCall(path);
    expect(call.body).toEqual({
      properties: { storageAccountName: { $variable: "storageAccountName" } },
    });
    expect(call.variables.storageAccountName).toBe("st1");
  });

  it("treats Firefox's empty postData on a GET as no body", async () => {
    const path = capture(
      { method: "GET", postData: { mimeType: "", text: "", params: [] } },
      { response: { status: 200 } },
    );
    const call = await firstCall(path, ["--include-reads"]);
    expect(call.body).toBeNull();
  });

  it("takes the query from the URL as recorded, not from queryString", async () => {
    const url = `${URL}?%24top=5&$filter=name%20eq%20'a%2Fb'`;
    const path = capture({ url, queryString: [{ name: "$top", value: "99" }] });
    const call = await firstCall(path);
    expect(call.query).toBe("%24top=5&$filter=name%20eq%20'a%2Fb'");
  });

  it("accepts null where numbers belong", async () => {
    const path = capture({ headersSize: null, bodySize: null }, { response: { status: null } });
    const result = await runCli([path, "-f", "json", "--status", "any"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).calls[0].status).toBe(0);
  });

  it.each([
    ["Authorization", "bearer"],
    ["authorization", "bearer"],
    ["X-MKIO-TOKEN", "x-mkio-token"],
  ])("recognises the %s header in any case", async (name, auth) => {
    const path = capture({ headers: [{ name, value: "secret-value-123" }] });
    expect((await firstCall(path)).auth).toBe(auth);
  });

  it("never copies HTTP/2 pseudo-headers", async () => {
    const headers = [":authority", ":method", ":path", ":scheme"].map((name) => ({
      name,
      value: "x",
    }));
    const path = capture({ headers: [...headers, { name: "x-custom", value: "kept" }] });
    const result = await runCli([path]);
    expect(result.stdout).not.toMatch(/:authority|:method|:scheme/);
    expect(result.stdout).toContain("x-custom: kept");
  });

  it("sends a legacy call with x-mkio-token when the capture has no auth header", async () => {
    const path = capture({ url: "https://api.io.mediakind.com/api/ams/demo/assets/a1" });
    const result = await runCli([path, "-f", "json"]);
    expect(JSON.parse(result.stdout).calls[0].auth).toBe("x-mkio-token");
    expect(result.stderr).toMatch(/no Authorization or x-mkio-token header/);
  });
});

describe("parameters", () => {
  it("turns body strings equal to path names into the same variable", async () => {
    const body = {
      properties: { container: "a1", storageAccountName: "st1", description: "a1 copy" },
    };
    const path = capture({
      postData: { mimeType: "application/json", text: JSON.stringify(body) },
    });
    const call = await firstCall(path);
    expect(call.body.properties.container).toEqual({ $variable: "assetName" });
    expect(call.body.properties.description).toBe("a1 copy");
  });

  it("keeps catalog enum values literal", async () => {
    const body = {
      properties: { containerDeletionPolicy: "Retain", storageAccountName: "Retain" },
    };
    const path = capture({
      postData: { mimeType: "application/json", text: JSON.stringify(body) },
    });
    const call = await firstCall(path);
    expect(call.body.properties.containerDeletionPolicy).toBe("Retain");
  });

  it("makes secret body fields required variables without a value", async () => {
    const body = { properties: { input: { accessToken: "s3cr3t-value" } } };
    const url = "https://api.mk.io/api/v1/projects/demo/media/liveEvents/ev1";
    const path = capture({
      url,
      postData: { mimeType: "application/json", text: JSON.stringify(body) },
    });
    const result = await runCli([path, "-f", "json"]);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.variables).toContainEqual({ name: "accessToken", value: null, secret: true });
    expect(result.stdout).not.toContain("s3cr3t-value");
    const script = (await runCli([path])).stdout;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is bash.
    expect(script).toContain("ACCESS_TOKEN=${ACCESS_TOKEN-''}");
    expect(script).toContain('require_value ACCESS_TOKEN "$access_token" --access-token');
  });

  it("marks a call outside the catalog as undocumented", async () => {
    const url = "https://api.mk.io/api/v1/projects/demo/media/widgets/w1/polish";
    const call = await firstCall(capture({ method: "POST", url }));
    expect(call.operationId).toBeNull();
    expect(call.undocumented).toBe(true);
    expect(call.pathTemplate).toBe(
      "/api/v1/projects/{projectName}/media/widgets/{widgetName}/polish",
    );
  });
});
