import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { convert } from "../../src/cli/convert.js";
import { openapiFormat } from "../../src/formats/openapi/index.js";
import { DEFAULT_HOSTS, WRITE_METHODS } from "../../src/select/filters.js";
import { WarningList } from "../../src/warnings.js";
import { FIXTURE_SECRETS, fixturePaths, strictAjv } from "../schema/support.js";
import { runCli } from "../support/run-cli.js";

const PARTS = ["fixtures/asset-migration-part1.har", "fixtures/asset-migration-part2.har"];

interface Document {
  paths: Record<
    string,
    Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>
  >;
  components: {
    schemas: Record<string, object>;
    securitySchemes: Record<string, { type: string }>;
  };
}

async function openapiOf(args: string[]): Promise<{ text: string; document: Document }> {
  const result = await runCli([...args, "--format", "openapi", "-q"]);
  expect(result.code, result.stderr).toBe(0);
  return { text: result.stdout, document: parse(result.stdout) as Document };
}

function operationsOf(document: Document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item).map((operation) => ({ path, operation })),
  );
}

describe("openapi format", () => {
  it("writes the reviewed document of the two-part migration", async () => {
    const { text } = await openapiOf(PARTS);
    expect(text).toBe(readFileSync("test/expected/asset-migration.openapi.yaml", "utf8"));
  });

  it("writes the same document as openapi.json", async () => {
    const session = await convert({
      paths: PARTS,
      selection: { hosts: DEFAULT_HOSTS, methods: WRITE_METHODS, statuses: ["2xx"] },
      strict: false,
      stdin: Readable.from([]),
      warnings: new WarningList(),
    });
    const rendered = await openapiFormat.render(session, { baseUrl: "https://api.mk.io" });
    const json = rendered.extraFiles?.find((file) => file.name === "openapi.json");
    expect(JSON.parse(json?.content ?? "null")).toEqual(parse(rendered.main));
  });

  it("takes the server from --base-url", async () => {
    const { document } = await openapiOf([...PARTS, "--base-url", "https://eu.example.test/"]);
    expect((document as unknown as { servers: unknown }).servers).toEqual([
      { url: "https://eu.example.test" },
    ]);
  });

  it("uses the x-mkio-token header scheme for the legacy API", async () => {
    const { document } = await openapiOf(["fixtures/portal-legacy-session.har"]);
    expect(document.components.securitySchemes).toEqual({
      mkioToken: expect.objectContaining({ type: "apiKey", in: "header", name: "x-mkio-token" }),
    });
  });

  it("describes no current path for a legacy-only operation", async () => {
    const { document } = await openapiOf(["fixtures/portal-legacy-session.har", "--include-reads"]);
    const stats = document.paths["/api/ams/{projectName}/stats/"]?.get;
    expect(stats).toMatchObject({ operationId: "legacyGetSubscriptionStats" });
    expect(stats).not.toHaveProperty("description");
  });

  it("marks an undocumented call and names it", async () => {
    const { document } = await openapiOf(["fixtures/portal-current-session.har"]);
    const item =
      document.paths["/api/v1/projects/{projectName}/media/assets/{assetName}/refreshThumbnails"];
    expect(item?.post).toMatchObject({
      operationId: "postAssetsRefreshThumbnails",
      "x-undocumented": true,
      parameters: expect.arrayContaining([
        expect.objectContaining({ name: "mode", in: "query", example: "fast" }),
      ]),
    });
  });

  it("writes a call without response as the default response", async () => {
    const { document } = await openapiOf(["fixtures/reader-quirks.har", "--status", "any"]);
    const put = document.paths["/api/v1/projects/{projectName}/media/assets/{assetName}"]?.put;
    const responses = (put as unknown as { responses: Record<string, unknown> }).responses;
    expect(Object.keys(responses)).toEqual(["201", "default"]);
  });

  it("gives the legacy path of a documented operation its own id", async () => {
    const { document } = await openapiOf([
      "fixtures/portal-current-session.har",
      "fixtures/portal-legacy-session.har",
    ]);
    expect(
      document.paths["/api/v1/projects/{projectName}/media/assets/{assetName}"]?.put?.operationId,
    ).toBe("createOrUpdateAsset");
    const legacy = document.paths["/api/ams/{projectName}/assets/{assetName}"]?.put;
    expect(legacy).toMatchObject({
      operationId: "createOrUpdateAssetLegacy",
      description:
        "The AMS-compatible legacy path of this operation; the current path is " +
        "`/api/v1/projects/{projectName}/media/assets/{assetName}`.",
    });
  });
});

describe("validators", () => {
  it("rejects a response key that is no HTTP status", async () => {
    const { document } = await openapiOf(PARTS);
    const put = document.paths["/api/v1/projects/{projectName}/media/assets/{assetName}"]?.put;
    Object.assign(put ?? {}, { responses: { "0": { description: "aborted" } } });
    await expect(SwaggerParser.validate(document as never)).rejects.toThrow(/responses/);
  });

  it("rejects a schema with an unknown type", () => {
    expect(() => strictAjv().compile({ type: "text" })).toThrow();
  });
});

const VARIANTS: [string, string[]][] = [
  ["writes", []],
  ["all calls", ["--include-reads", "--status", "any"]],
];

describe.each(fixturePaths())("openapi document of %s", (path) => {
  it.each(VARIANTS)("passes swagger-parser with %s", async (_name, options) => {
    const { document } = await openapiOf([path, ...options]);
    await expect(SwaggerParser.validate(document as never)).resolves.toBeTruthy();
  });

  it.each(VARIANTS)(
    "has schemas a strict 2020-12 validator compiles, with %s",
    async (_name, options) => {
      const { document } = await openapiOf([path, ...options]);
      const ajv = strictAjv();
      for (const [name, schema] of Object.entries(document.components.schemas)) {
        expect(() => ajv.compile(schema), name).not.toThrow();
      }
    },
  );

  it.each(VARIANTS)(
    "has unique ids and matching path parameters, with %s",
    async (_name, options) => {
      const { document } = await openapiOf([path, ...options]);
      const operations = operationsOf(document);
      const ids = operations.map(({ operation }) => operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { path: template, operation } of operations) {
        const placeholders = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => p.name);
        expect(declared, template).toEqual(placeholders);
      }
    },
  );

  it.each(VARIANTS)("shows no secret, with %s", async (_name, options) => {
    const { text } = await openapiOf([path, ...options]);
    for (const secret of FIXTURE_SECRETS) expect(text).not.toContain(secret);
  });
});
