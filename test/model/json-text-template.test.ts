import { describe, expect, it } from "vitest";
import { OperationDraft } from "../../src/model/draft.js";
import { templateText } from "../../src/model/text-template.js";
import type { TemplatePart } from "../../src/model/types.js";
import { VariableTable } from "../../src/model/variables.js";

/** Templates `text` with a session that has a path variable `assetName` of `my-asset`. */
function template(text: string) {
  const variables = new VariableTable();
  const draft = new OperationDraft();
  const asset = variables.intern("assetName", "my-asset", false);
  draft.use(asset, "assetName", { in: "path", location: "path segment 7" });
  const parts = templateText(text, draft, variables);
  return { parts, draft, variables };
}

/** Joins parts with each slot written as `{param}`. */
function shown(parts: readonly TemplatePart[]): string {
  return parts.map((part) => ("text" in part ? part.text : `{${part.slot.param}}`)).join("");
}

describe("templateText on JSON that is not the whole body", () => {
  it("templates JSON after an anti-XSSI prefix", () => {
    const { parts } = template(`)]}'\n{"streamKey": "k-1", "container": "my-asset"}`);
    expect(shown(parts)).toBe(`)]}'\n{"streamKey": "{streamKey}", "container": "{assetName}"}`);
  });

  it("templates JSON lines and event stream data", () => {
    const text = '{"n": 1}\ndata: {"streamKey": "k-1"}\nplain line\n';
    expect(shown(template(text).parts)).toBe(
      '{"n": 1}\ndata: {"streamKey": "{streamKey}"}\nplain line\n',
    );
  });

  it("keeps text without JSON lines as recorded", () => {
    const text = "line {one\nline two}\n";
    expect(template(text).parts).toEqual([{ text }]);
  });
});

describe("templateText on JSON with numbers JSON cannot carry", () => {
  it("slots key lists and secret pairs", () => {
    const text =
      '{"n": 1e400, "keys": [{"value": "k-one", "keyName": "a"}], "primaryKeys": ["k-two"], ' +
      '"headers": [{"value": "k-three", "name": "Authorization"}, {"name": "Accept", "value": "x"}]}';
    const { parts, variables } = template(text);
    expect(shown(parts)).toBe(
      '{"n": 1e400, "keys": [{"value": "{keyValue}", "keyName": "{keyName}"}], ' +
        '"primaryKeys": ["{primaryKeys}"], "headers": [{"value": "{headerValue}", ' +
        '"name": "Authorization"}, {"name": "Accept", "value": "x"}]}',
    );
    expect(variables.list().filter((variable) => variable.secret)).toHaveLength(3);
  });

  it("keeps every recorded byte outside parameters", () => {
    const text = '{\n  "big": 1e400,\t"list": [12345678901234567890, -1e-400],  "ok": 1.0 }';
    expect(template(text).parts).toEqual([{ text }]);
  });

  it("puts a value shared with the path between the recorded quotes", () => {
    const { parts } = template('{"container": "my-asset", "n": 1e400}');
    expect(shown(parts)).toBe('{"container": "{assetName}", "n": 1e400}');
    expect(parts.every((part) => "text" in part || part.slot.encoding === "raw")).toBe(true);
  });

  it("makes a resource reference a parameter", () => {
    const { parts, variables } = template('{"storageAccountName": "store1", "n": 1e400}');
    expect(shown(parts)).toBe('{"storageAccountName": "{storageAccountName}", "n": 1e400}');
    expect(variables.lookup("store1")?.name).toBe("storageAccountName");
  });

  it.each([
    ["a secret-named string", '{"accessToken": "tok-123456", "n": 1e400}', "accessToken"],
    ["a secret-named number", '{"password": 12345678901234567890}', "password"],
    ["a string under a secret object", '{"credential": {"v": "CRED-1"}, "n": 1e400}', "v"],
    [
      "a field the catalog marks secret",
      '{"properties": {"contentKeys": [{"value": "a2V5"}]}, "n": 1e400}',
      "contentKeyValue",
    ],
    [
      "a JWT under any key",
      '{"note": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "n": 1e400}',
      "note",
    ],
    ["a secret with an escape", '{"secret": "a\\"b", "n": 1e400}', "secret"],
  ])("makes %s a secret parameter", (_, text, param) => {
    const { parts, draft } = template(text);
    const slots = parts.filter((part) => "slot" in part);
    expect(slots).toEqual([{ slot: { param, encoding: "raw" } }]);
    expect(draft.parameters.find((parameter) => parameter.name === param)?.secret).toBe(true);
  });

  it("keeps a secret-named number bare, without quotes", () => {
    const { parts } = template('{"count": 1, "password": 12345678901234567890}');
    expect(shown(parts)).toBe('{"count": 1, "password": {password}}');
  });

  it("keeps a string with an escape literal unless it is a secret", () => {
    const text = '{"storageAccountName": "store\\u0031", "n": 1e400}';
    const { parts, draft } = template(text);
    expect(parts).toEqual([{ text }]);
    expect(draft.parameters.map((parameter) => parameter.name)).toEqual(["assetName"]);
  });

  it("reads keys after commas in nested objects", () => {
    const text = '{"a": {"b": 1, "accessToken": "tok-123456"}, "c": [{"d": 1e400}]}';
    expect(shown(template(text).parts)).toBe(
      '{"a": {"b": 1, "accessToken": "{accessToken}"}, "c": [{"d": 1e400}]}',
    );
  });

  it("leaves JSON whose numbers are exact to the text rules", () => {
    const text = '{"accessToken": "tok-123456", "storageAccountName": "store1"}';
    expect(shown(template(text).parts)).toBe(
      '{"accessToken": "{bodyToken}", "storageAccountName": "store1"}',
    );
  });
});
