import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type RecordedRequest, writeHar } from "../support/har-builder.js";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ASSETS = "https://api.mk.io/api/v1/projects/demo/media/assets";

function putAsset(name: string, description: string, headers: RecordedRequest["headers"] = []) {
  return {
    method: "PUT",
    url: `${ASSETS}/${name}`,
    body: { properties: { description, container: `c-${name}` } },
    headers,
    status: 201,
  };
}

async function modelOf(requests: RecordedRequest[]) {
  const path = writeHar(dir, `capture-${Math.random().toString(36).slice(2)}.har`, requests);
  const result = await runCli([path, "--format", "json", "--quiet"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    operations: { template: string; parameters: { name: string; in: string }[] }[];
    calls: { template: string; body: unknown }[];
  };
}

describe("session model", () => {
  it("turns body text that differs between calls of one operation into a parameter", async () => {
    const model = await modelOf([
      putAsset("first", "Migrated from storage A"),
      putAsset("second", "Migrated from storage B"),
      putAsset("third", "Migrated from storage C"),
    ]);
    const templates = new Set(model.calls.map((call) => call.template));
    expect(templates.size).toBe(1);
    expect(JSON.stringify(model.calls[0]?.body)).toContain("$variable");
    expect(JSON.stringify(model.calls[0]?.body)).not.toContain("Migrated from storage");
  });

  it("keeps body text that is the same in every call as recorded", async () => {
    const model = await modelOf([
      putAsset("first", "Migrated by the portal"),
      putAsset("second", "Migrated by the portal"),
    ]);
    expect(new Set(model.calls.map((call) => call.template)).size).toBe(1);
    expect(JSON.stringify(model.calls[0]?.body)).toContain("Migrated by the portal");
  });

  it("keeps custom headers of a call and drops browser headers, whatever their order", async () => {
    const browser = [
      { name: "user-agent", value: "Mozilla/5.0" },
      { name: "sec-fetch-mode", value: "cors" },
      { name: "X-Correlation-Id", value: "abc-123" },
      { name: "accept-language", value: "en" },
    ];
    const result = await runCli([
      writeHar(dir, "headers.har", [putAsset("first", "one", browser)]),
      "--format",
      "curl",
      "--quiet",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("X-Correlation-Id: abc-123");
    expect(result.stdout).not.toContain("Mozilla");
    expect(result.stdout).not.toContain("sec-fetch-mode");
  });

  it("turns copies of a known secret into variables", async () => {
    const token = "opaqueToken4711xyz";
    const model = await modelOf([
      putAsset("first", token),
      putAsset("second", `pasted ${token}`),
      {
        method: "PUT",
        url: `${ASSETS}/third`,
        body: { properties: { keys: [{ keyName: "k1", value: "keyListValue42" }] } },
        headers: [{ name: "Authorization", value: `Bearer ${token}` }],
        status: 201,
      },
    ]);
    const text = JSON.stringify(model);
    expect(text).not.toContain(token);
    expect(text).not.toContain("keyListValue42");
    const variables = (model as unknown as { variables: { name: string; secret: boolean }[] })
      .variables;
    const secrets = variables
      .filter((variable) => variable.secret)
      .map((variable) => variable.name);
    expect(secrets).toEqual(expect.arrayContaining(["description", "keyValue"]));
  });

  it("keeps short secret values in other text", async () => {
    const model = await modelOf([
      putAsset("first", "default"),
      {
        method: "PUT",
        url: `${ASSETS}/second`,
        body: { properties: { accessToken: "default" } },
        status: 201,
      },
    ]);
    expect(JSON.stringify(model.calls[0]?.body)).toContain('"default"');
  });

  it("counts a call with an unusable body as skipped", async () => {
    const deep = `${'{"a":'.repeat(150)}1${"}".repeat(150)}`;
    const path = writeHar(dir, "deep.har", [
      { method: "PUT", url: `${ASSETS}/deep`, body: deep, status: 201 },
    ]);
    const result = await runCli([path, "--format", "curl"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("nested deeper than 100 levels; call skipped");
    expect(result.stderr).toContain("skipped: 1 request body cannot be templated)");
  });

  it("warns about a JSON body kept as recorded text", async () => {
    const path = writeHar(dir, "numbers.har", [
      { method: "PUT", url: `${ASSETS}/big`, body: '{"size":1e400}', status: 201 },
    ]);
    const result = await runCli([path, "--format", "curl"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("numbers.har: entries[0].request.postData");
    expect(result.stderr).toContain("would change the number 1e400");
    expect(result.stdout).toContain("1e400");
  });
});
