import { describe, expect, it } from "vitest";
import { codeSpan, markdownTable, tableCell, truncate } from "../../src/schema/markdown-text.js";

describe("codeSpan", () => {
  it.each([
    ["plain text", "Retain", "`Retain`"],
    ["a backtick", "a`b", "`` a`b ``"],
    ["a run of two backticks", "run ``cut`` here", "``` run ``cut`` here ```"],
    ["a leading backtick", "`x", "`` `x ``"],
    ["a leading space", " x", "`  x `"],
    ["an empty string", "", "``"],
  ])("quotes %s", (_name, text, expected) => {
    expect(codeSpan(text)).toBe(expected);
  });
});

describe("tableCell", () => {
  it.each([
    ["a pipe", "a|b", "a\\|b"],
    ["a pipe inside a code span", "`a|b`", "`a\\|b`"],
    ["a line break", "one\ntwo\r\nthree", "one two three"],
    ["plain text", "documented", "documented"],
  ])("escapes %s", (_name, text, expected) => {
    expect(tableCell(text)).toBe(expected);
  });
});

describe("truncate", () => {
  it.each([
    ["keeps a short text", "abc", 5, "abc"],
    ["keeps a text of exactly max characters", "abcde", 5, "abcde"],
    ["cuts a long text with an ellipsis", "abcdef", 5, "abcd…"],
    ["counts a character outside the BMP once", "😀😀😀😀😀😀", 3, "😀😀…"],
  ])("%s", (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
});

describe("markdownTable", () => {
  it("writes header, separator and escaped rows", () => {
    expect(markdownTable(["A", "B"], [["x|y", "`z`"]])).toBe(
      "| A | B |\n| --- | --- |\n| x\\|y | `z` |",
    );
  });
});
