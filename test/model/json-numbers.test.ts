import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/model/body.js";
import { findInexactNumber, isExactJsonNumber } from "../../src/model/json-numbers.js";
import { jsonTokens } from "../../src/model/json-tokens.js";

describe("isExactJsonNumber", () => {
  it.each([
    ["an integer", "42"],
    ["a negative decimal", "-2.5"],
    ["a trailing zero", "1.0"],
    ["an exponent", "1E2"],
    ["a negative zero", "-0"],
    ["a zero with an exponent", "0e999"],
    ["2^53", "9007199254740992"],
    ["the largest double", "1.7976931348623157e308"],
    ["the smallest double", "5e-324"],
    ["seventeen significant digits", "0.12345678901234568"],
    ["a small decimal", "0.000001"],
    ["a large integer JavaScript writes with an exponent", "1e21"],
    ["an integer with leading zeros in its exponent", "1e007"],
  ])("keeps %s", (_, token) => {
    expect(isExactJsonNumber(token)).toBe(true);
  });

  it.each([
    ["a number above the double range", "1e400"],
    ["a negative number above the double range", "-1e400"],
    ["a number below the smallest double", "1e-400"],
    ["a negative number below the smallest double", "-2.5E-999"],
    ["an integer beyond 2^53", "9007199254740993"],
    ["a twenty-digit integer", "12345678901234567890"],
    ["a negative big integer", "-98765432109876543210"],
    ["a decimal with twenty significant digits", "0.12345678901234567891"],
    ["a digit lost after many zeros", "1.00000000000000000000001"],
    ["a number rounded to the smallest double", "3e-324"],
  ])("rejects %s", (_, token) => {
    expect(isExactJsonNumber(token)).toBe(false);
  });
});

describe("findInexactNumber", () => {
  it("finds a number nested in arrays and objects", () => {
    expect(findInexactNumber('{"a": [1, {"b": [2.5, 12345678901234567890]}]}')).toBe(
      "12345678901234567890",
    );
  });

  it("ignores numbers inside strings and keys", () => {
    expect(findInexactNumber('{"1e400": "1e400 \\" 12345678901234567890", "n": 1}')).toBe(
      undefined,
    );
  });

  it("shortens a long number", () => {
    const found = findInexactNumber(`[${"9".repeat(1000)}]`);
    expect(found).toBe(`${"9".repeat(32)}…`);
  });

  it("reads a number of a million digits in linear time", () => {
    const digits = `1${"0".repeat(1_000_000)}1`;
    const started = performance.now();
    expect(findInexactNumber(`[${digits}]`)).toBe(`${digits.slice(0, 32)}…`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("jsonTokens", () => {
  it("lists strings, numbers and punctuators with their offsets", () => {
    const text = '{"a\\"": [-1.5e3, true, null]}';
    const tokens = [...jsonTokens(text)].map((token) => text.slice(token.start, token.end));
    expect(tokens).toEqual(["{", '"a\\""', ":", "[", "-1.5e3", ",", ",", "]", "}"]);
  });
});

describe("decodeBody with numbers JSON cannot carry", () => {
  const postData = (text: string) => ({ mimeType: "application/json", text });

  it.each([
    ["1e400", '{"size": 1e400}'],
    ["-1e400", '{"size": -1e400}'],
    ["1e-400", '{"size": 1e-400}'],
    ["12345678901234567890", '{"id": 12345678901234567890}'],
    ["0.12345678901234567891", '{"ratio": 0.12345678901234567891}'],
    ["-98765432109876543210", "[[-98765432109876543210]]"],
  ])("keeps a body with %s as text", (number, text) => {
    const body = decodeBody(postData(text), "");
    expect(body).toEqual({
      kind: "text",
      mimeType: "application/json",
      text,
      warning: `JSON body kept as recorded text, because parsing would change the number ${number}`,
    });
  });

  it("keeps a text/plain JSON object with such a number as text", () => {
    const body = decodeBody({ mimeType: "text/plain", text: '{"n": 1e400}' }, "");
    expect(body.kind).toBe("text");
  });

  it("parses a body whose numbers keep their value", () => {
    const body = decodeBody(postData('{"a": [1.0, 1E2, -0, 2.5, 9007199254740992]}'), "");
    expect(body).toEqual({
      kind: "json",
      mimeType: "application/json",
      value: { a: [1, 100, -0, 2.5, 9007199254740992] },
    });
  });
});
