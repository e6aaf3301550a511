import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { TEMPLATE_HELPERS } from "../../src/render/template-helpers.js";

function render(source: string, view: unknown): string {
  const handlebars = Handlebars.create();
  handlebars.registerHelper(TEMPLATE_HELPERS as Record<string, Handlebars.HelperDelegate>);
  return handlebars.compile(source, { noEscape: true, strict: true })(view);
}

describe("template helpers", () => {
  it.each([
    ["json quotes a string", "{{json v}}", 'say "hi"\n', '"say \\"hi\\"\\n"'],
    ["json writes null", "{{json v}}", null, "null"],
    ["json writes an object on one line", "{{json v}}", { a: [1] }, '{"a":[1]}'],
    ["json indents on request", "{{json v 2}}", { a: 1 }, '{\n  "a": 1\n}'],
    ["shellQuote quotes a single quote", "{{shellQuote v}}", "O'Brien", "'O'\\''Brien'"],
    ["shellQuote keeps a dollar sign", "{{shellQuote v}}", "$HOME", "'$HOME'"],
    ["urlEncode encodes a space and slash", "{{urlEncode v}}", "a b/c", "a%20b%2Fc"],
    ["urlEncode writes null as empty", "{{urlEncode v}}", null, ""],
    ["camelCase joins words", "{{camelCase v}}", "Create or Update Asset", "createOrUpdateAsset"],
    [
      "snakeCase splits camel case",
      "{{snakeCase v}}",
      "streamingLocatorName2",
      "streaming_locator_name_2",
    ],
    ["kebabCase splits camel case", "{{kebabCase v}}", "assetName", "asset-name"],
    ["envCase writes an environment name", "{{envCase v}}", "contentKeyValue", "CONTENT_KEY_VALUE"],
    ["eq compares for if", "{{#if (eq v 'PUT')}}yes{{else}}no{{/if}}", "PUT", "yes"],
    ["eq rejects another value", "{{#if (eq v 'PUT')}}yes{{else}}no{{/if}}", "POST", "no"],
  ])("%s", (_name, source, value, expected) => {
    expect(render(source, { v: value })).toBe(expected);
  });

  it("urlEncode encodes as a part's segmentEncoding says", () => {
    const segmentEncoding = { encode: "(A", keep: ":", lowerCaseHex: true };
    const view = { v: "A(b):c/d", segmentEncoding };
    expect(render("{{urlEncode v segmentEncoding}}", view)).toBe("%41%28b):c%2fd");
  });

  it("urlEncode encodes as encodeURIComponent for a null segmentEncoding", () => {
    const view = { v: "A(b):c/d", segmentEncoding: null };
    expect(render("{{urlEncode v segmentEncoding}}", view)).toBe("A(b)%3Ac%2Fd");
  });
});
