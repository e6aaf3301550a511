import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../src/schema/json-schema.js";
import { runCli } from "../support/run-cli.js";
import { FIXTURE_SECRETS, fixturePaths, strictAjv } from "./support.js";

const PARTS = ["fixtures/asset-migration-part1.har", "fixtures/asset-migration-part2.har"];

interface ReportOperation {
  id: string;
  undocumented: boolean;
  pathTemplates: string[];
  request: { samples: number; schema: JsonSchema } | null;
  response: { samples: number; statuses: number[]; schema: JsonSchema } | null;
  catalog: { undocumentedFields: string[]; documentedFieldsNotSent: { path: string }[] } | null;
}

async function jsonReport(args: string[]): Promise<ReportOperation[]> {
  const result = await runCli(["schema", ...args, "--format", "json", "-q"]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { operations: ReportOperation[] }).operations;
}

/** Reads the bodies of the fixture's successful PUT calls straight from the HAR files. */
function recordedBodies(): { requests: unknown[]; responses: unknown[] } {
  const requests: unknown[] = [];
  const responses: unknown[] = [];
  for (const path of PARTS) {
    const har = JSON.parse(readFileSync(path, "utf8"));
    for (const entry of har.log.entries) {
      const ok = entry.response.status >= 200 && entry.response.status < 300;
      if (entry.request.method !== "PUT" || !ok) continue;
      requests.push(JSON.parse(entry.request.postData.text));
      responses.push(JSON.parse(entry.response.content.text));
    }
  }
  return { requests, responses };
}

describe("schema command", () => {
  it("prints the reviewed report of the two-part migration", async () => {
    const result = await runCli(["schema", ...PARTS, "-q"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync("test/expected/asset-migration.schema.md", "utf8"));
    expect(result.stderr).toBe("");
  });

  it("merges both captures into one operation", async () => {
    const [asset, ...others] = await jsonReport(PARTS);
    expect(others).toEqual([]);
    expect(asset?.id).toBe("createOrUpdateAsset");
    expect(asset?.request?.samples).toBe(6);
    expect(asset?.response?.statuses).toEqual([200, 201]);
    expect(asset?.catalog?.undocumentedFields).toEqual(["properties.amsAssetId"]);
  });

  it("learns a request schema that every recorded body meets", async () => {
    const [asset] = await jsonReport(PARTS);
    const validate = strictAjv().compile(asset?.request?.schema ?? {});
    for (const body of recordedBodies().requests) {
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("learns a response schema that every recorded success meets", async () => {
    const [asset] = await jsonReport(PARTS);
    const validate = strictAjv().compile(asset?.response?.schema ?? {});
    for (const body of recordedBodies().responses) {
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("adds the failed call's body with --status any", async () => {
    const [asset] = await jsonReport([...PARTS, "--status", "any"]);
    expect(asset?.request?.samples).toBe(7);
    expect(asset?.response?.samples).toBe(6);
  });

  it("reports undocumented endpoints with their path template", async () => {
    const result = await runCli(["schema", "fixtures/portal-current-session.har", "-q"]);
    expect(result.code, result.stderr).toBe(0);
    const section = result.stdout.split("## Undocumented endpoints")[1] ?? "";
    expect(section).toContain(
      "| POST | `/api/v1/projects/{projectName}/media/assets/{assetName}/refreshThumbnails` | 1 |",
    );
    const operations = await jsonReport(["fixtures/portal-current-session.har"]);
    const thumbnails = operations.find((operation) => operation.undocumented);
    expect(thumbnails?.request?.schema.properties?.sizes?.items?.type).toBe("integer");
  });

  it("rejects a format of the main command", async () => {
    const result = await runCli(["schema", ...PARTS, "--format", "curl"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Allowed choices are markdown, json");
  });

  it("prints the summary on stderr without -q", async () => {
    const result = await runCli(["schema", ...PARTS]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("6 MK/IO calls kept");
  });
});

describe.each(fixturePaths())("schema report of %s", (path) => {
  it.each([["markdown"], ["json"]])("shows no secret in %s", async (format) => {
    const result = await runCli([
      "schema",
      path,
      "-f",
      format,
      "--include-reads",
      "--status",
      "any",
    ]);
    expect(result.code, result.stderr).toBe(0);
    for (const secret of FIXTURE_SECRETS) expect(result.stdout).not.toContain(secret);
  });
});
