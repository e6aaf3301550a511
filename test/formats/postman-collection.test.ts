import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { expectedFile } from "../support/expected-file.js";
import { FIXTURE_SECRETS, REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { writeHar } from "../support/har-builder.js";
import { renderPostman } from "../support/postman-output.js";
import { runCli } from "../support/run-cli.js";

const SCHEMA = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "schemas", "postman-collection-v2.1.0.json"),
    "utf8",
  ),
);
const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

// Markers that every secret of the fixtures carries: planted values start with CANARY (base64
// `Q0FOQVJZ`), and tokens are JWTs, which start with `eyJ`.
const SECRET_MARKERS = ["CANARY", "Q0FOQVJZ", "eyJ"];

/** Lists the credentials a fixture records in its headers: tokens, cookies and their values. */
function recordedCredentials(file: string): string[] {
  const har = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  const credentials: string[] = [];
  for (const entry of har.log.entries) {
    const headers = [...(entry?.request?.headers ?? []), ...(entry?.response?.headers ?? [])];
    for (const { name, value } of headers) {
      if (!/^(authorization|x-mkio-token|cookie|set-cookie)$/i.test(name)) continue;
      credentials.push(value.replace(/^Bearer\s+/i, ""));
      for (const pair of value.split(";")) credentials.push(pair.split("=").slice(1).join("="));
    }
  }
  return credentials.filter((credential) => credential.trim().length > 3);
}

describe("postman collection schema", () => {
  it.each([
    ["a collection without info.schema", { info: { name: "x" }, item: [] }],
    ["an unknown auth type", { info: { name: "x", schema: "s" }, item: [], auth: { type: "x" } }],
    [
      "a header without a value",
      { info: { name: "x", schema: "s" }, item: [{ request: { header: [{ key: "a" }] } }] },
    ],
  ])("rejects %s", (_case, collection) => {
    expect(validate(collection)).toBe(false);
  });
});

describe.each(REPLAY_FIXTURES)("postman collection of %s", (fixture) => {
  const file = join("fixtures", fixture);

  it("validates against the v2.1.0 schema", async () => {
    const result = await runCli([file, "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    const valid = validate(JSON.parse(result.stdout));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("contains no recorded secret", async () => {
    const output = await renderPostman([file]);
    expect(output.code, output.stderr).toBe(0);
    const files = [
      output.collection,
      ...[...output.dataFiles.values()].map((path) => readFileSync(path, "utf8")),
    ];
    const secrets = [
      ...recordedCredentials(file),
      ...Object.values(FIXTURE_SECRETS),
      ...SECRET_MARKERS,
    ];
    for (const text of files) {
      for (const secret of secrets) expect(text, `leaked ${secret}`).not.toContain(secret);
    }
  });
});

describe("postman examples", () => {
  it("hide a secret the response repeats", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-echo-"));
    const key = "c2VjcmV0LWNvbnRlbnQta2V5";
    const body = {
      properties: {
        assetName: "trailer",
        streamingPolicyName: "Predefined_ClearKey",
        contentKeys: [{ id: "k1", type: "EnvelopeEncryption", value: key }],
      },
    };
    const file = writeHar(dir, "echo.har", [
      {
        method: "PUT",
        url: "https://api.mk.io/api/v1/projects/p/media/streamingLocators/loc",
        body,
        status: 201,
      },
    ]);
    const har = JSON.parse(readFileSync(file, "utf8"));
    har.log.entries[0].response.content.text = JSON.stringify(body);
    writeFileSync(file, JSON.stringify(har));

    const result = await runCli([file, "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(key);
    expect(result.stdout).toContain("[REDACTED]");
  });
});

describe("postman path segments recorded with other escapes", () => {
  const assets = "https://api.mk.io/api/v1/projects/p/media/assets";

  async function collectionOf(urls: string[]) {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-paths-"));
    const requests = urls.map((url) => ({ method: "POST", url }));
    const result = await runCli([writeHar(dir, "paths.har", requests), "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  }

  it("get a request script that lists each segment's encoding", async () => {
    const collection = await collectionOf([`${assets}/a%28b%2f/refresh`]);
    expect(validate(collection), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [item] = collection.item[0].item;
    expect(item.request.url.path[6]).toBe("{{assetName}}");
    expect(item.event).toHaveLength(1);
    expect(item.event[0].listen).toBe("prerequest");
    const segments = {
      index: 6,
      variable: "assetName",
      encoding: { encode: "(", keep: "", lowerCaseHex: true },
    };
    expect(item.event[0].script.exec).toContain(`const segments = [${JSON.stringify(segments)}];`);
  });

  it("get no request script when encodeURIComponent matches", async () => {
    const collection = await collectionOf([`${assets}/x(y'z/refresh`]);
    expect(collection.item[0].item[0].event).toBeUndefined();
  });
});

describe("postman collection of portal-current-session", () => {
  const file = "fixtures/portal-current-session.har";

  it("matches the reviewed expected collection", async () => {
    const result = await runCli([file, "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    const expected = expectedFile("portal-current-session.postman.json", result.stdout);
    expect(result.stdout).toBe(expected);
  });

  it("matches the reviewed expected iteration data", async () => {
    const output = await renderPostman([file]);
    expect([...output.dataFiles.keys()]).toEqual(["createOrUpdateAsset.postman-data.csv"]);
    const csv = readFileSync(
      output.dataFiles.get("createOrUpdateAsset.postman-data.csv") ?? "",
      "utf8",
    );
    const expected = expectedFile(
      "portal-current-session.createOrUpdateAsset.postman-data.csv",
      csv,
    );
    expect(csv).toBe(expected);
  });
});
