import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../src/redact/json-text.js";
import { redactJson } from "../../src/redact/redact-json.js";

const DEPTH = 100_000;

describe("stringifyJson", () => {
  it.each([
    ["a string with quotes and controls", 'a"b\\c\n\u0001'],
    ["a lone surrogate", "x\ud800y"],
    ["non-ASCII text", "caf\u00e9 \ud83d\ude00"],
    ["numbers", [0, -1.5, 1e21, 5e-324]],
    ["an infinite number", [Number.POSITIVE_INFINITY]],
    ["null and booleans", { a: null, b: true, c: false }],
    ["empty containers", { a: [], b: {}, c: [{}, []] }],
    ["integer-like keys", JSON.parse('{"b": 1, "2": 2, "a": 3, "1": 4}')],
    ["a __proto__ key", JSON.parse('{"__proto__": {"x": 1}, "y": [1]}')],
    ["undefined members and items", { a: undefined, b: [undefined, 1], c: 2 }],
    ["a top-level scalar", 42],
  ])("writes %s as JSON.stringify does", (_name, value) => {
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it("writes an object with a null prototype", () => {
    const value = Object.assign(Object.create(null), { a: 1, b: [2] });
    expect(stringifyJson(value)).toBe('{"a":1,"b":[2]}');
  });

  it("writes 100,000 levels of nesting", () => {
    const text = `${"[".repeat(DEPTH)}{"a":1}${"]".repeat(DEPTH)}`;
    expect(stringifyJson(JSON.parse(text))).toBe(text);
  });
});

describe("redactJson", () => {
  it.each([
    ["a secret name", { accessToken: "abc", name: "x" }, { accessToken: "[REDACTED]", name: "x" }],
    ["null under a secret name", { password: null, key: true }, { password: null, key: true }],
    [
      "a JWT under any name",
      { note: "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.x" },
      { note: "[REDACTED]" },
    ],
    [
      "a secret path",
      { p: { items: [{ value: "v" }] } },
      { p: { items: [{ value: "[REDACTED]" }] } },
    ],
    ["a path longer than the secret ones", { p: { items: [{ value: { x: "v" } }] } }, null],
  ])("redacts %s", (_name, value, expected) => {
    const redacted = redactJson(value, { secretPaths: new Set(["p.items[].value"]) });
    const want = expected ?? { p: { items: [{ value: "[REDACTED]" }] } };
    expect(JSON.stringify(redacted)).toBe(JSON.stringify(want));
  });

  it("keeps a __proto__ key an ordinary member", () => {
    const redacted = redactJson(JSON.parse('{"__proto__": {"token": "t"}}')) as object;
    expect(Object.getPrototypeOf(redacted)).toBeNull();
    expect(JSON.stringify(redacted)).toBe('{"__proto__":{"token":"[REDACTED]"}}');
  });

  it("redacts 100,000 levels of nesting", () => {
    const text = `${'{"a":'.repeat(DEPTH)}{"password":"p","b":"kept"}${"}".repeat(DEPTH)}`;
    const redacted = stringifyJson(redactJson(JSON.parse(text)));
    expect(redacted).toBe(text.replace('"password":"p"', '"password":"[REDACTED]"'));
  });

  it("checks secret paths at any depth of nesting", () => {
    const text = `${"[".repeat(DEPTH)}{"value":"v"}${"]".repeat(DEPTH)}`;
    const path = `${"[]".repeat(DEPTH)}.value`;
    const redacted = stringifyJson(redactJson(JSON.parse(text), { secretPaths: new Set([path]) }));
    expect(redacted).toBe(text.replace('"v"', '"[REDACTED]"'));
  });
});
