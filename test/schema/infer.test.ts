import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../src/schema/json-schema.js";
import { type SampleValue, SecretString } from "../../src/schema/sample.js";
import { ISO_8601_DURATION_PATTERN } from "../../src/schema/string-formats.js";
import { schemaOf, strictAjv } from "./support.js";

const SECRET = SecretString.instance;

/** Builds the schema of bodies that contain only `key`. */
function bodyWith(key: string, field: JsonSchema, samples: number, required = true): JsonSchema {
  return {
    type: "object",
    "x-samples": samples,
    properties: { [key]: field },
    ...(required ? { required: [key] } : {}),
  };
}

describe("object fields", () => {
  it.each<[string, SampleValue[], JsonSchema]>([
    [
      "requires a field present in every sample",
      [{ a: 1 }, { a: 2 }],
      bodyWith("a", { type: "integer", examples: [1], "x-samples": 2 }, 2),
    ],
    [
      "leaves a field optional when one sample lacks it",
      [{ a: 1 }, {}],
      bodyWith("a", { type: "integer", examples: [1], "x-samples": 1 }, 2, false),
    ],
    [
      "counts a field once per sample in x-samples",
      [{ a: true }, { b: false }, { a: false }],
      {
        type: "object",
        "x-samples": 3,
        properties: {
          a: { type: "boolean", examples: [true], "x-samples": 2 },
          b: { type: "boolean", examples: [false], "x-samples": 1 },
        },
      },
    ],
    [
      "writes an object without keys as a bare object",
      [{ tags: {} }],
      bodyWith("tags", { type: "object", "x-samples": 1 }, 1),
    ],
  ])("%s", (_name, samples, expected) => {
    expect(schemaOf(samples)).toEqual(expected);
  });
});

describe("types", () => {
  it.each<[string, SampleValue[], JsonSchema]>([
    [
      "unions a string and an integer",
      [{ a: "x" }, { a: 1 }],
      bodyWith("a", { type: ["string", "integer"], examples: ["x"], "x-samples": 2 }, 2),
    ],
    [
      "adds null to the type",
      [{ a: "x" }, { a: null }],
      bodyWith("a", { type: ["string", "null"], examples: ["x"], "x-samples": 2 }, 2),
    ],
    [
      "types a field that is always null as null",
      [{ a: null }],
      bodyWith("a", { type: "null", "x-samples": 1 }, 1),
    ],
    [
      "widens an integer then a float to number",
      [{ n: 1 }, { n: 1.5 }],
      bodyWith("n", { type: "number", examples: [1], "x-samples": 2 }, 2),
    ],
    [
      "widens a float then an integer to number",
      [{ n: 0.25 }, { n: 3 }],
      bodyWith("n", { type: "number", examples: [0.25], "x-samples": 2 }, 2),
    ],
    [
      "keeps whole numbers integer",
      [{ n: 0 }, { n: -7 }, { n: 1e6 }],
      bodyWith("n", { type: "integer", examples: [0], "x-samples": 3 }, 3),
    ],
    [
      "orders every type of a union the same way",
      [{ a: null }, { a: false }, { a: 2 }, { a: "s" }, { a: [] }, { a: {} }],
      bodyWith(
        "a",
        {
          type: ["object", "array", "string", "integer", "boolean", "null"],
          examples: [false],
          "x-samples": 6,
        },
        6,
      ),
    ],
  ])("%s", (_name, samples, expected) => {
    expect(schemaOf(samples)).toEqual(expected);
  });
});

function policies(...values: (string | null)[]): SampleValue[] {
  return values.map((value) => ({ policy: value }));
}

describe("enum threshold", () => {
  it.each<[string, SampleValue[], JsonSchema]>([
    [
      "lists two values that each occur twice",
      policies("Retain", "Delete", "Retain", "Delete"),
      bodyWith(
        "policy",
        { type: "string", enum: ["Delete", "Retain"], examples: ["Retain"], "x-samples": 4 },
        4,
      ),
    ],
    [
      "lists values that occur twice on average",
      policies("Retain", "Retain", "Retain", "Delete"),
      bodyWith(
        "policy",
        { type: "string", enum: ["Delete", "Retain"], examples: ["Retain"], "x-samples": 4 },
        4,
      ),
    ],
    [
      "lists no values below twice on average",
      policies("Retain", "Delete", "Retain"),
      bodyWith("policy", { type: "string", examples: ["Retain"], "x-samples": 3 }, 3),
    ],
    [
      "lists no single repeated value",
      policies("Retain", "Retain", "Retain", "Retain"),
      bodyWith("policy", { type: "string", examples: ["Retain"], "x-samples": 4 }, 4),
    ],
    [
      "lists five values that each occur twice",
      policies("a", "b", "c", "d", "e", "a", "b", "c", "d", "e"),
      bodyWith(
        "policy",
        { type: "string", enum: ["a", "b", "c", "d", "e"], examples: ["a"], "x-samples": 10 },
        10,
      ),
    ],
    [
      "lists no values past five distinct ones",
      policies("a", "b", "c", "d", "e", "f", "a", "b", "c", "d", "e", "f"),
      bodyWith("policy", { type: "string", examples: ["a"], "x-samples": 12 }, 12),
    ],
    [
      "adds null to an enum of a nullable field",
      policies("Retain", "Delete", null, "Retain", "Delete"),
      bodyWith(
        "policy",
        {
          type: ["string", "null"],
          enum: ["Delete", "Retain", null],
          examples: ["Retain"],
          "x-samples": 5,
        },
        5,
      ),
    ],
  ])("%s", (_name, samples, expected) => {
    expect(schemaOf(samples)).toEqual(expected);
  });

  it("gives no enum to a field that also holds numbers", () => {
    const schema = schemaOf([1, "a", "b", "a", "b"].map((value) => ({ mixed: value })));
    expect(schema.properties?.mixed?.enum).toBeUndefined();
  });

  it.each(["assetName", "alternateId", "id", "name", "streamingPolicyNames"])(
    "gives no enum to the identifier %s",
    (key) => {
      const schema = schemaOf(["a", "b", "a", "b"].map((value) => ({ [key]: value })));
      expect(schema.properties?.[key]?.enum).toBeUndefined();
    },
  );

  it.each(["encodingType", "@odata.type", "nameFormat"])("gives an enum to %s", (key) => {
    const schema = schemaOf(["a", "b", "a", "b"].map((value) => ({ [key]: value })));
    expect(schema.properties?.[key]?.enum).toEqual(["a", "b"]);
  });
});

describe("arrays", () => {
  it.each<[string, SampleValue[], JsonSchema]>([
    [
      "writes an always-empty array without items",
      [{ a: [] }],
      bodyWith("a", { type: "array", "x-samples": 1 }, 1),
    ],
    [
      "takes items from a filled array when another was empty",
      [{ a: [] }, { a: [320, 640] }],
      bodyWith(
        "a",
        {
          type: "array",
          "x-samples": 2,
          items: { type: "integer", examples: [320], "x-samples": 1 },
        },
        2,
      ),
    ],
    [
      "merges arrays of objects item by item",
      [{ a: [{ x: 1, y: "s" }, { x: 2 }] }, { a: [{ x: 3, z: true }] }],
      bodyWith(
        "a",
        {
          type: "array",
          "x-samples": 2,
          items: {
            type: "object",
            "x-samples": 2,
            properties: {
              x: { type: "integer", examples: [1], "x-samples": 2 },
              y: { type: "string", examples: ["s"], "x-samples": 1 },
              z: { type: "boolean", examples: [true], "x-samples": 1 },
            },
            required: ["x"],
          },
        },
        2,
      ),
    ],
    [
      "merges arrays of arrays",
      [{ grid: [[1, 2], []] }, { grid: [[3.5]] }],
      bodyWith(
        "grid",
        {
          type: "array",
          "x-samples": 2,
          items: {
            type: "array",
            "x-samples": 2,
            items: { type: "number", examples: [1], "x-samples": 2 },
          },
        },
        2,
      ),
    ],
    [
      "learns a body that is an array",
      [[{ id: 1 }], []],
      {
        type: "array",
        "x-samples": 2,
        items: {
          type: "object",
          "x-samples": 1,
          properties: { id: { type: "integer", examples: [1], "x-samples": 1 } },
          required: ["id"],
        },
      },
    ],
  ])("%s", (_name, samples, expected) => {
    expect(schemaOf(samples)).toEqual(expected);
  });
});

describe("string formats", () => {
  it.each<[string, string[], Pick<JsonSchema, "format" | "pattern">]>([
    [
      "uuid",
      ["5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "0B6F3C1E-5D2A-4E8B-9C47-1A2B3C4D5E01"],
      { format: "uuid" },
    ],
    [
      "date-time",
      ["2025-03-10T09:14:07Z", "2025-03-10T09:14:07.1234567+01:00"],
      { format: "date-time" },
    ],
    [
      "uri",
      ["https://example.com/in/clip.mp4", "rtmp://ingest.example.com:1935/live"],
      { format: "uri" },
    ],
    ["duration", ["PT2S", "P1DT12H", "P2W"], { format: "duration" }],
    [
      "ISO 8601 duration with a fraction",
      ["PT0.5S", "PT2S"],
      { pattern: ISO_8601_DURATION_PATTERN },
    ],
    ["nothing when one value lacks the format", ["PT2S", "2 seconds"], {}],
    ["nothing for an invalid date", ["2025-13-45T09:14:07Z"], {}],
    ["nothing for an empty string", ["", "PT2S"], {}],
  ])("recognises %s", (_name, values, expected) => {
    const schema = schemaOf(values.map((value) => ({ v: value })));
    const field = schema.properties?.v ?? {};
    expect({ format: field.format, pattern: field.pattern }).toEqual({
      format: expected.format,
      pattern: expected.pattern,
    });
  });

  it("lists no enum for formatted values", () => {
    const ids = ["5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"];
    const schema = schemaOf([...ids, ...ids].map((value) => ({ v: value })));
    expect(schema.properties?.v?.enum).toBeUndefined();
  });
});

describe("secrets", () => {
  it("gives a secret field no example, enum or format", () => {
    const samples: SampleValue[] = [{ token: SECRET }, { token: SECRET }, { token: SECRET }];
    expect(schemaOf(samples)).toEqual(bodyWith("token", { type: "string", "x-samples": 3 }, 3));
  });

  it("hides the examples of a field secret in one sample only", () => {
    const samples: SampleValue[] = [{ d: "ok" }, { d: SECRET }, { d: "ok" }, { d: "no" }];
    expect(schemaOf(samples).properties?.d).toEqual({ type: "string", "x-samples": 4 });
  });
});

function nested(depth: number, leaf: SampleValue): SampleValue {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = { child: value };
  return value;
}

function nestedSchema(depth: number, leaf: JsonSchema): JsonSchema {
  let schema = leaf;
  for (let level = 0; level < depth; level += 1) {
    schema = { type: "object", "x-samples": 2, properties: { child: schema }, required: ["child"] };
  }
  return schema;
}

describe("deep nesting", () => {
  it("learns 50 levels of objects", () => {
    const samples = [nested(50, "PT2S"), nested(50, 3)];
    // A format constrains only the strings of a union, so the integer leaves it intact.
    const leaf: JsonSchema = {
      type: ["string", "integer"],
      format: "duration",
      examples: ["PT2S"],
      "x-samples": 2,
    };
    expect(schemaOf(samples)).toEqual(nestedSchema(50, leaf));
  });

  it("keeps a 50th-level field optional when one sample stops short", () => {
    const schema = schemaOf([nested(50, 1), nested(49, {})]);
    let inner = schema;
    for (let level = 0; level < 49; level += 1) inner = inner.properties?.child ?? {};
    expect(inner.properties?.child?.["x-samples"]).toBe(1);
    expect(inner.required).toBeUndefined();
  });
});

describe("validity", () => {
  const tables: SampleValue[][] = [
    [{ a: 1 }, { a: 1.5, b: [null, "x"] }],
    policies("Retain", "Delete", null, "Retain", "Delete"),
    [{ when: "2025-03-10T09:14:07Z", every: "PT0.5S", at: "https://a.example/x" }],
    [[[1], []], [[{ k: "v" }]]],
    [nested(50, "PT2S"), nested(50, 3)],
  ];

  it.each(tables.map((samples, index) => [index, samples] as const))(
    "validates every sample of table %i against its learned schema",
    (_index, samples) => {
      const ajv = strictAjv();
      const validate = ajv.compile(schemaOf(samples));
      for (const sample of samples)
        expect(validate(sample), ajv.errorsText(validate.errors)).toBe(true);
    },
  );
});
