import { describe, expect, it } from "vitest";
import type { Call, Operation, TemplatePart, Variable } from "../../src/model/types.js";
import { SecretString } from "../../src/schema/sample.js";
import { requestSample } from "../../src/schema/samples.js";

const SECRET = SecretString.instance;

/** Rebuilds the sample of a text body with `mimeType`, with `token` a secret variable. */
function sample(parts: TemplatePart[], mimeType = "application/json") {
  const operation = {
    key: "putAsset",
    body: { kind: "text", mimeType, parts },
  } as unknown as Operation;
  const call = {
    operationKey: "putAsset",
    args: { name: "name", token: "token" },
  } as unknown as Call;
  const variables = new Map<string, Variable>([
    ["name", { name: "name", value: "asset-1", secret: false }],
    ["token", { name: "token", value: null, secret: true }],
  ]);
  return requestSample(call, operation, variables, new Set());
}

describe("requestSample of a JSON body kept as text", () => {
  it("parses it with numbers as their nearest doubles", () => {
    const text = '{"big": 1e400, "tiny": -1e-400, "id": 12345678901234567890, "ok": 2.5}';
    expect(sample([{ text }])).toEqual({ big: null, tiny: -0, id: 12345678901234567000, ok: 2.5 });
  });

  it("fills parameters and hides secret slots", () => {
    const parts: TemplatePart[] = [
      { text: '{"container": "' },
      { slot: { param: "name", encoding: "raw" } },
      { text: '", "accessKeyId": "AK' },
      { slot: { param: "token", encoding: "raw" } },
      { text: '", "n": [1e400]}' },
    ];
    expect(sample(parts)).toEqual({ container: "asset-1", accessKeyId: SECRET, n: [null] });
  });

  it("hides the whole body when a secret slot stands for a number", () => {
    const parts: TemplatePart[] = [
      { text: '{"pin": ' },
      { slot: { param: "token", encoding: "raw" } },
      { text: ', "n": 1e400}' },
    ];
    expect(sample(parts)).toBe(SECRET);
  });

  it("keeps a text body of another media type as text", () => {
    expect(sample([{ text: '{"n": 1e400}' }], "text/plain")).toBe('{"n": 1e400}');
  });
});
