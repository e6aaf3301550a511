import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/catalog.js";
import { convert } from "../../src/cli/convert.js";
import type { SessionModel } from "../../src/model/types.js";
import { learnedSchemas, learnOperations } from "../../src/schema/index.js";
import { DEFAULT_HOSTS, READ_METHODS, WRITE_METHODS } from "../../src/select/filters.js";
import { WarningList } from "../../src/warnings.js";

async function sessionOf(...paths: string[]): Promise<SessionModel> {
  return convert({
    paths,
    selection: { hosts: DEFAULT_HOSTS, methods: [...WRITE_METHODS, ...READ_METHODS], statuses: [] },
    strict: false,
    stdin: Readable.from([]),
    warnings: new WarningList(),
  });
}

describe("learnedSchemas", () => {
  it("gives every template of one operation the same schemas", async () => {
    const session = await sessionOf(
      "fixtures/asset-migration-part1.har",
      "fixtures/asset-migration-part2.har",
    );
    const schemas = learnedSchemas(session);
    const assetKeys = session.operations
      .filter((operation) => operation.catalogId === "createOrUpdateAsset")
      .map((operation) => operation.key);
    expect(assetKeys.length).toBeGreaterThan(1);
    const first = schemas.get(assetKeys[0] ?? "");
    for (const key of assetKeys) expect(schemas.get(key)).toBe(first);
    expect(first?.request?.properties?.properties?.required).toEqual([
      "container",
      "storageAccountName",
      "description",
      "containerDeletionPolicy",
    ]);
  });

  it("learns the response of a read with --include-reads", async () => {
    const session = await sessionOf("fixtures/asset-migration-part1.har");
    const list = session.operations.find((operation) => operation.catalogId === "listAssets");
    const schemas = learnedSchemas(session).get(list?.key ?? "");
    expect(schemas?.request).toBeUndefined();
    expect(schemas?.response?.properties?.value?.type).toBe("array");
  });
});

describe("learnOperations", () => {
  it("rebuilds a form body as an object and hides its secret", async () => {
    const learned = learnOperations(await sessionOf("fixtures/reader-quirks.har"), loadCatalog());
    const notes = learned.find((operation) => operation.id === "postAssetsNotes");
    expect(notes?.request?.mimeTypes).toEqual(["application/x-www-form-urlencoded"]);
    expect(notes?.request?.schema.properties).toEqual({
      note: {
        type: "string",
        examples: ["hello world"],
        "x-mkio-catalog": "undocumented",
        "x-samples": 1,
      },
      api_key: { type: "string", "x-mkio-catalog": "undocumented", "x-samples": 1 },
    });
  });

  it("shows no example of a field that held a SAS URL once", async () => {
    const learned = learnOperations(await sessionOf("fixtures/reader-quirks.har"), loadCatalog());
    const asset = learned.find((operation) => operation.id === "createOrUpdateAsset");
    const description = asset?.request?.schema.properties?.properties?.properties?.description;
    expect(description).toEqual({ type: "string", "x-mkio-catalog": "documented", "x-samples": 4 });
  });

  it("merges the current and legacy paths of one operation", async () => {
    const session = await sessionOf(
      "fixtures/portal-current-session.har",
      "fixtures/portal-legacy-session.har",
    );
    const asset = learnOperations(session, loadCatalog()).find(
      (operation) => operation.id === "createOrUpdateAsset",
    );
    const templates = new Set(asset?.operations.map((operation) => operation.pathTemplate));
    expect([...templates]).toEqual([
      "/api/v1/projects/{projectName}/media/assets/{assetName}",
      "/api/ams/{projectName}/assets/{assetName}",
    ]);
    // Two current calls (the 409 repeats a 201 byte for byte, so it merges) and three legacy ones.
    expect(asset?.request?.samples).toBe(5);
  });
});
