import { describe, expect, it } from "vitest";
import { type CatalogOperation, loadCatalog } from "../../src/catalog/catalog.js";
import type { Call, Operation } from "../../src/model/types.js";
import { CatalogFields, type FieldLabel } from "../../src/schema/catalog-fields.js";
import { observedPaths } from "../../src/schema/fields.js";
import { type JsonSchema, toJsonSchema } from "../../src/schema/json-schema.js";
import { type SampleValue, SecretString } from "../../src/schema/sample.js";
import { hideSecrets, requestSample } from "../../src/schema/samples.js";
import { shapeOf } from "../../src/schema/shape.js";

const CATALOG = loadCatalog();

function operation(id: string): CatalogOperation {
  const found = CATALOG.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`catalog has no ${id}`);
  return found;
}

const ASSET = new CatalogFields(operation("createOrUpdateAsset").bodyFields);

/** A portal body mixing documented, read-only, free-form and invented fields. */
const MIXED_BODY: SampleValue = {
  properties: {
    storageAccountName: "archivestore",
    description: "Season 2",
    created: "2025-03-10T09:15:41Z",
    favourite: true,
  },
  labels: { source: "ams", season: "2" },
  systemData: { createdBy: "operator@example.com" },
  etag: 'W/"0x8DB"',
};

describe("field labels", () => {
  it.each<[string, FieldLabel]>([
    ["properties", "documented"],
    ["properties.description", "documented"],
    ["properties.created", "read-only"],
    ["properties.assetId", "read-only"],
    ["labels", "documented"],
    ["labels.source", "free-form"],
    ["labels.*", "free-form"],
    ["systemData", "read-only"],
    ["systemData.createdBy", "free-form"],
    ["properties.favourite", "undocumented"],
    ["etag", "undocumented"],
    ["propertiesX", "undocumented"],
  ])("labels %s as %s", (path, label) => {
    expect(ASSET.info(path).label).toBe(label);
  });

  it.each<[string, FieldLabel]>([
    ["properties.outputs", "documented"],
    ["properties.outputs[]", "documented"],
    ["properties.outputs[].preset.@odata.type", "documented"],
    ["properties.outputs[].preset.config.anything", "free-form"],
    ["properties.outputs[].preset.pipeline.arguments.*", "free-form"],
    ["properties.outputs[].colour", "undocumented"],
  ])("labels the transform path %s as %s", (path, label) => {
    const transform = new CatalogFields(operation("createOrUpdateTransform").bodyFields);
    expect(transform.info(path).label).toBe(label);
  });

  it("labels every path of an undocumented endpoint undocumented", () => {
    const none = new CatalogFields(undefined);
    expect(none.info("properties").label).toBe("undocumented");
    expect(none.missing(new Set())).toEqual([]);
  });
});

describe("labelled schema", () => {
  it("labels a body mixing documented, read-only and invented fields", () => {
    const schema = toJsonSchema(shapeOf([MIXED_BODY]), { fields: ASSET, labels: true });
    const expected: JsonSchema = {
      type: "object",
      "x-samples": 1,
      properties: {
        properties: {
          type: "object",
          "x-mkio-catalog": "documented",
          "x-samples": 1,
          properties: {
            storageAccountName: {
              type: "string",
              examples: ["archivestore"],
              "x-mkio-catalog": "documented",
              "x-samples": 1,
            },
            description: {
              type: "string",
              examples: ["Season 2"],
              "x-mkio-catalog": "documented",
              "x-samples": 1,
            },
            created: {
              type: "string",
              format: "date-time",
              examples: ["2025-03-10T09:15:41Z"],
              readOnly: true,
              "x-mkio-catalog": "read-only",
              "x-samples": 1,
            },
            favourite: {
              type: "boolean",
              examples: [true],
              "x-mkio-catalog": "undocumented",
              "x-samples": 1,
            },
          },
          required: ["storageAccountName", "description", "created", "favourite"],
        },
        labels: {
          type: "object",
          "x-mkio-catalog": "documented",
          "x-samples": 1,
          additionalProperties: {
            type: "string",
            examples: ["ams"],
            "x-mkio-catalog": "free-form",
            "x-samples": 1,
          },
        },
        systemData: {
          type: "object",
          readOnly: true,
          "x-mkio-catalog": "read-only",
          "x-samples": 1,
          additionalProperties: {
            type: "string",
            examples: ["operator@example.com"],
            "x-mkio-catalog": "free-form",
            "x-samples": 1,
          },
        },
        etag: {
          type: "string",
          examples: ['W/"0x8DB"'],
          "x-mkio-catalog": "undocumented",
          "x-samples": 1,
        },
      },
      required: ["properties", "labels", "systemData", "etag"],
    };
    expect(schema).toEqual(expected);
  });

  it("gives the values of a free-form map no enum", () => {
    const bodies = ["a", "b", "a", "b"].map((value) => ({ labels: { tier: value } }));
    const schema = toJsonSchema(shapeOf(bodies), { fields: ASSET, labels: true });
    expect(schema.properties?.labels?.additionalProperties?.enum).toBeUndefined();
  });

  it("keeps free-form maps but drops labels for responses", () => {
    const schema = toJsonSchema(shapeOf([MIXED_BODY]), { fields: ASSET, labels: false });
    expect(schema.properties?.labels?.additionalProperties?.type).toBe("string");
    expect(JSON.stringify(schema)).not.toMatch(/x-mkio-catalog|readOnly/);
  });
});

describe("documented fields not sent", () => {
  it("lists the asset fields the mixed body lacks, without read-only ones", () => {
    const missing = ASSET.missing(observedPaths(shapeOf([MIXED_BODY])));
    expect(missing.map((entry) => [entry.field.path, entry.nested])).toEqual([
      ["properties.container", 0],
      ["properties.containerDeletionPolicy", 0],
      ["properties.alternateId", 0],
      ["properties.subPath", 0],
      ["properties.encryptionScope", 0],
      ["properties.storageEncryptionFormat", 0],
    ]);
  });

  it("counts fields below a missing parent instead of listing them", () => {
    const transform = new CatalogFields(operation("createOrUpdateTransform").bodyFields);
    const body = {
      properties: {
        outputs: [{ preset: { "@odata.type": "#Microsoft.Media.X", presetName: "P" } }],
      },
    };
    const missing = transform.missing(observedPaths(shapeOf([body])));
    const byPath = new Map(missing.map((entry) => [entry.field.path, entry.nested]));
    expect(byPath.get("properties.outputs[].preset.thumbnails")).toBe(9);
    expect(byPath.has("properties.outputs[].preset.thumbnails[].format")).toBe(false);
    expect(byPath.get("properties.description")).toBe(0);
  });
});

describe("secret hiding", () => {
  const liveEvent = new CatalogFields(operation("createLiveEvent").bodyFields);
  const SECRET = SecretString.instance;

  it.each<[string, unknown, SampleValue]>([
    [
      "a catalog secret path",
      { properties: { input: { accessToken: "abc" } } },
      { properties: { input: { accessToken: SECRET } } },
    ],
    [
      "a secret-sounding key",
      { streamKey: "k1", keyFrameInterval: "PT2S" },
      { streamKey: SECRET, keyFrameInterval: "PT2S" },
    ],
    [
      "a SAS URL under any key",
      { note: "https://a.blob.core.windows.net/c?sv=1&sig=abc" },
      { note: SECRET },
    ],
    [
      "a JWT inside an array",
      { list: ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"] },
      { list: [SECRET] },
    ],
    ["nothing in an empty secret", { password: "" }, { password: "" }],
  ])("hides %s", (_name, value, expected) => {
    expect(hideSecrets(value, liveEvent.secretPaths())).toEqual(expected);
  });

  it.each<[string, string, SampleValue]>([
    ["a SAS URL in a text body", "copy https://a.blob.core.windows.net/c?sig=abc", SECRET],
    ["a plain text body", "hello", "hello"],
  ])("hides %s rebuilt from its template", (_name, text, expected) => {
    const operation = {
      key: "postNotes",
      body: { kind: "text", mimeType: "text/plain", parts: [{ text }] },
    } as unknown as Operation;
    const call = { operationKey: "postNotes", args: {} } as unknown as Call;
    expect(requestSample(call, operation, new Map(), new Set())).toEqual(expected);
  });
});
