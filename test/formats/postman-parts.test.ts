import { describe, expect, it } from "vitest";
import { exampleBody } from "../../src/formats/postman/examples.js";
import { csvField, csvRecord } from "../../src/formats/postman/iteration-data.js";
import { folderName, requestNames } from "../../src/formats/postman/names.js";
import { jsonLiteral, urlLiteral } from "../../src/formats/postman/placeholders.js";
import { requestUrl } from "../../src/formats/postman/request.js";
import type { Operation } from "../../src/model/types.js";
import { redactJson } from "../../src/redact/redact-json.js";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMTIzIn0.c2lnbmF0dXJlLXZhbHVl";

function operation(overrides: Partial<Operation>): Operation {
  return {
    key: "createOrUpdateAsset",
    catalogId: "createOrUpdateAsset",
    name: "Create or Update Asset",
    resource: "asset",
    undocumented: false,
    method: "PUT",
    shape: "current",
    auth: "bearer",
    pathTemplate: "/assets/{assetName}",
    pathParts: [{ text: "/assets/" }, { slot: { param: "assetName", encoding: "path-segment" } }],
    queryParts: [],
    headers: [],
    parameters: [],
    ...overrides,
  };
}

describe("csvField", () => {
  it.each([
    ["quotes a plain value", "trailer", '"trailer"'],
    ["keeps a comma inside quotes", "Trailer, migrated", '"Trailer, migrated"'],
    ["doubles a quote", 'say "hi"', '"say ""hi"""'],
    ["keeps a line break inside quotes", "one\ntwo", '"one\ntwo"'],
    ["quotes a number so newman keeps it text", "007", '"007"'],
    ["quotes leading spaces so newman keeps them", "  padded", '"  padded"'],
    ["quotes an empty value", "", '""'],
  ])("%s", (_case, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("joins fields with commas", () => {
    expect(csvRecord(["a", "b,c"])).toBe('"a","b,c"');
  });
});

describe("urlLiteral", () => {
  it.each([
    ["encodes braces", "a{{b}}c", "a%7B%7Bb%7D%7Dc"],
    ["keeps text without braces", "mode=fast&x=%20", "mode=fast&x=%20"],
  ])("%s", (_case, text, expected) => {
    expect(urlLiteral(text)).toBe(expected);
  });
});

describe("jsonLiteral", () => {
  it.each([
    ["escapes braces in a string with {{", '{"a": "x{{y}}"}', '{"a": "x\\u007b\\u007by}}"}'],
    ["escapes braces in a key with {{", '{"{{k}}": 1}', '{"\\u007b\\u007bk}}": 1}'],
    ["keeps a string with one brace", '{"a": "{x}"}', '{"a": "{x}"}'],
    ["reads past an escaped quote", '["say \\"{{x}}\\""]', '["say \\"\\u007b\\u007bx}}\\""]'],
    ["keeps structural braces", '{"a": {}}', '{"a": {}}'],
  ])("%s", (_case, text, expected) => {
    expect(jsonLiteral(text)).toBe(expected);
    expect(JSON.parse(jsonLiteral(text))).toEqual(JSON.parse(text));
  });
});

describe("folderName", () => {
  it.each([
    ["asset", "Asset"],
    ["streamingLocator", "Streaming Locator"],
    ["contentKeyPolicy", "Content Key Policy"],
  ])("names %s as %s", (resource, expected) => {
    expect(folderName(resource)).toBe(expected);
  });
});

describe("requestNames", () => {
  it("adds the key suffix to shared names", () => {
    const names = requestNames([
      operation({}),
      operation({ key: "createOrUpdateAsset2" }),
      operation({ key: "createOrUpdateAssetLegacy", shape: "legacy" }),
    ]);
    expect([...names.values()]).toEqual([
      "Create or Update Asset",
      "Create or Update Asset (2)",
      "Create or Update Asset (legacy)",
    ]);
  });

  it("numbers names that stay equal", () => {
    const names = requestNames([
      operation({ key: "a", catalogId: null, name: "Post Notes" }),
      operation({ key: "b", catalogId: null, name: "Post Notes" }),
    ]);
    expect([...names.values()]).toEqual(["Post Notes", "Post Notes (2)"]);
  });
});

describe("requestUrl", () => {
  it("splits the query into parameters", () => {
    const url = requestUrl(operation({ queryParts: [{ text: "mode=fast&flag&a=b=c" }] }), (p) => p);
    expect(url.raw).toBe("{{baseUrl}}/assets/{{assetName}}?mode=fast&flag&a=b=c");
    expect(url.path).toEqual(["assets", "{{assetName}}"]);
    expect(url.query).toEqual([
      { key: "mode", value: "fast" },
      { key: "flag", value: null },
      { key: "a", value: "b=c" },
    ]);
  });
});

describe("redactJson", () => {
  it.each([
    ["replaces a secret-named string", { accessToken: "abc" }, { accessToken: "[REDACTED]" }],
    ["replaces a secret-named object", { streamKey: { a: 1 } }, { streamKey: "[REDACTED]" }],
    ["keeps a null secret", { password: null }, { password: null }],
    ["keeps a boolean secret", { requireToken: true }, { requireToken: true }],
    ["replaces a JWT anywhere", { note: [JWT] }, { note: ["[REDACTED]"] }],
    [
      "keeps the text around a SAS signature",
      { url: "https://a.blob.core.windows.net/c?sv=1&sig=abc" },
      { url: "https://a.blob.core.windows.net/c?sv=1&sig=[REDACTED]" },
    ],
    ["keeps other values", { name: "trailer", size: 3 }, { name: "trailer", size: 3 }],
  ])("%s", (_case, value, expected) => {
    expect(redactJson(value)).toEqual(expected);
  });

  it("replaces values at the given paths", () => {
    const value = { properties: { contentKeys: [{ id: "k1", value: "c2VjcmV0" }] } };
    const redacted = redactJson(value, {
      secretPaths: new Set(["properties.contentKeys[].value"]),
    });
    expect(redacted).toEqual({ properties: { contentKeys: [{ id: "k1", value: "[REDACTED]" }] } });
  });
});

describe("exampleBody", () => {
  const response = (text?: string) => ({ status: 200, mimeType: "text/plain", text });

  it.each([
    ["pretty-prints JSON", '{"name":"a"}', '{\n  "name": "a"\n}'],
    ["redacts JSON secrets", '{"accessToken":"abc"}', '{\n  "accessToken": "[REDACTED]"\n}'],
    ["keeps harmless text", "asset exists", "asset exists"],
    ["drops text with a JWT", `token ${JWT}`, undefined],
    ["drops text with a secret name", "access_token=abc123&x=1", undefined],
    ["drops an empty body", "", undefined],
    ["drops a missing body", undefined, undefined],
  ])("%s", (_case, text, expected) => {
    expect(exampleBody(response(text))).toBe(expected);
  });

  it("redacts the paths of request secrets", () => {
    const text = '{"properties":{"contentKeys":[{"id":"k1","value":"c2VjcmV0"}]}}';
    const body = exampleBody(response(text), new Set(["properties.contentKeys[].value"]));
    expect(JSON.parse(body ?? "")).toEqual({
      properties: { contentKeys: [{ id: "k1", value: "[REDACTED]" }] },
    });
  });
});
