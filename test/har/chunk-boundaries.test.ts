import { describe, expect, it } from "vitest";
import { chunkedStdin, readOutcome, writeCapture } from "./read-helpers.js";

const CHUNK_SIZES = [1, 2, 3, 4, 5, 6, 7];

function entry(url: string, extra = ""): string {
  return `{"request": {"method": "PUT", "url": ${JSON.stringify(url)}, "headers": []${extra}}}`;
}

function har(entries: string[], before = '"version": "1.2", "pages": []', after = ""): string {
  const head = before ? `${before}, ` : "";
  const tail = after ? `, ${after}` : "";
  return `{"log": {${head}"entries": [${entries.join(", ")}]${tail}}}`;
}

const body = (text: string) => `, "postData": {"mimeType": "text/plain", "text": ${text}}`;

const VALID: [string, string][] = [
  [
    "multi-byte UTF-8 in strings",
    har([
      entry("https://api.mk.io/caf\u00e9", body('"\u4e2d\u6587 \ud83d\ude00 \u00e9\u00e8"')),
      entry("https://api.mk.io/\ud83c\udfac"),
    ]),
  ],
  [
    "escaped quotes and backslashes",
    har([
      entry("https://api.mk.io/a", body(String.raw`"a\"b \\ c\\\"d\\"`)),
      entry("https://api.mk.io/b", body(String.raw`"\\\\\\\\\""`)),
    ]),
  ],
  [
    "brackets inside strings",
    har([entry("https://api.mk.io/a", body(String.raw`"]}{[ \"]}\" [[{{"`)), entry("x]}")]),
  ],
  [
    "unicode escapes",
    har([
      entry("https://api.mk.io/\\u0041", body(String.raw`"\u00e9\ud83d\ude00\u005c\u0022\u005d"`)),
    ]),
  ],
  ["byte-order mark", `\ufeff${har([entry("https://api.mk.io/a")])}`],
  ["entries before pages", har([entry("https://api.mk.io/a")], "", '"pages": [{"id": "p"}]')],
  [
    "entries after pages and creator",
    har([entry("https://api.mk.io/a")], '"creator": {"name": "x"}, "pages": [{"id": "[{"}]'),
  ],
  ["empty entries array", har([])],
  [
    "nested arrays inside entries",
    har([entry("https://api.mk.io/a", ', "_extra": [[1, [2, [3, []]]], {"a": [[{}]]}]')]),
  ],
  [
    "whitespace between every token",
    ` \r\n{\t"log"\n:\r\n{ "entries" :\n[\n${entry("https://api.mk.io/a")}\n ,\t${entry("https://api.mk.io/b")} ] } }\n`,
  ],
  ["escaped key names", `{"l\\u006fg": {"entr\\u0069es": [${entry("https://api.mk.io/a")}]}}`],
  [
    "a log object nested in another key",
    `{"other": {"log": {"entries": [${entry("https://x/nested")}]}}, "log": {"entries": [${entry("https://api.mk.io/a")}]}}`,
  ],
  [
    "entries that are not objects",
    har(["1", '"x"', "null", "[]", "{}", entry("https://api.mk.io/a")]),
  ],
  [
    "escapes on both sides of the short-string limit",
    har(
      Array.from({ length: 12 }, (_, shift) => {
        const text = `${"x".repeat(58 + shift)}\\"\\\\${"y".repeat(90)}\\`;
        return entry("https://api.mk.io/a", body(JSON.stringify(text)));
      }),
    ),
  ],
  [
    "numbers and literals around entries",
    har([entry("https://api.mk.io/a")], '"n": -1.5e3, "t": true, "f": null'),
  ],
];

describe("streaming reader with tiny chunks", () => {
  describe.each(VALID)("%s", (name, text) => {
    const path = writeCapture(`${name.replaceAll(" ", "-")}.har`, text);

    it.each(CHUNK_SIZES)("chunks of %i bytes match the whole-file reader", async (size) => {
      const whole = await readOutcome(path, { reader: "whole" });
      expect(whole.error).toBeUndefined();
      expect(await readOutcome(path, { chunkSize: size })).toEqual(whole);
    });

    it("standard input in chunks of 3 bytes matches too", async () => {
      const whole = await readOutcome(path, { reader: "whole" });
      const stdin = chunkedStdin(Buffer.from(text), 3);
      const streamed = await readOutcome("-", { stdin, chunkSize: 3 });
      expect(streamed.entries).toEqual(
        whole.entries.map((entry) => ({ ...entry, ref: { ...entry.ref, file: "<stdin>" } })),
      );
    });
  });
});

const BROKEN: [string, string][] = [
  ["missing comma between entries", har([`${entry("https://a/1")} ${entry("https://a/2")}`])],
  ["trailing comma in entries", `{"log": {"entries": [${entry("https://a/1")}, ]}}`],
  ["invalid escape inside an entry", har([entry("https://a/1"), String.raw`{"url": "a\qb"}`])],
  // A raw control character, which JSON strings must escape.
  ["control character inside an entry", har([`{"url": "a${String.fromCharCode(1)}b"}`])],
  ["text cut short inside a literal after the document", `${har([])} tru`],
  ["value cut short before entries", '{"log": {"version": "1.'],
  ["raw line break inside an entry string", har([entry("https://a/1"), '{"a": "x\ny"}'])],
  ["wrong closing bracket in an entry", har(['{"request": [1, 2}', entry("https://a/1")])],
  ["unquoted key in log", '{"log": {version: "1.2", "entries": []}}'],
  ["comment between keys", '{"log": {"entries": [] // note\n}}'],
  ["text after the document", `${har([entry("https://a/1")])} x`],
  ["second document after the first", `${har([])}\n${har([])}`],
  ["invalid value in pages after entries", har([entry("https://a/1")], "", '"pages": [tru]')],
  ["invalid key escape in log", '{"log": {"\\x": 1, "entries": []}}'],
  ["invalid first entry", har(["nul"])],
  ["number with a dangling dot", har([entry("https://a/1")], '"n": 1.')],
  ["colon missing after a key", '{"log": {"entries" []}}'],
  ["non-ASCII character between tokens", `{"log": {"entries": []\u00e9}}`],
  ["JSONP wrapper", `onInputData(${har([])});`],
  ["JSON that is not an object", "[1, 2]"],
  ["log that is an array", '{"log": [1, 2]}'],
  ["log that is a string", '{"log": "x", "other": 1}'],
  ["entries that is an object", '{"log": {"entries": {}}}'],
  ["no entries key", '{"log": {"pages": []}}'],
  ["no log key", '{"other": {}}'],
  ["empty file", ""],
  ["only whitespace", " \n\t\r\n"],
  ["only a byte-order mark", "\ufeff"],
  ["byte-order mark then an error", `\ufeff{"log": x}`],
];

describe("broken captures raise the same error with either reader", () => {
  it.each(BROKEN)("%s", async (name, text) => {
    const path = writeCapture(`broken-${name.replaceAll(" ", "-")}.har`, text);
    const whole = await readOutcome(path, { reader: "whole" });
    expect(whole.error).toBeDefined();
    for (const size of [undefined, 1, 3, 7]) {
      expect((await readOutcome(path, { chunkSize: size })).error).toBe(whole.error);
    }
  });
});

describe("syntax error messages", () => {
  it.each([
    [
      "missing comma",
      har([`${entry("https://a/1")} ${entry("https://a/2")}`]),
      /line 1, column 121, byte 120, after entries\[0\]: unexpected "\{"/,
    ],
    ["error inside an entry", har(['{"a": x}']), /byte 58, in entries\[0\]: unexpected "x"/],
    [
      "error before the first entry",
      '{"log": {"entries": [, 1]}}',
      /byte 21, in log\.entries: unexpected ","/,
    ],
    ["error outside entries", '{"log": {"entries": [], "x": ]}}', /byte 29: unexpected "\]"/],
    ["second line", '{\n  "log": nonsense\n}', /line 2, column 10, byte 11/],
  ])("%s", async (_case, text, pattern) => {
    const path = writeCapture("message.har", text);
    const { error } = await readOutcome(path);
    expect(error).toMatch(pattern);
    expect(error).toMatch(/message\.har: not valid JSON at .*; a HAR file must be plain JSON$/);
  });

  it("gives only the byte offset for standard input", async () => {
    const stdin = chunkedStdin(Buffer.from(har(['{"a": x}'])), 5);
    const { error } = await readOutcome("-", { stdin });
    expect(error).toBe(
      '<stdin>: not valid JSON at byte 58, in entries[0]: unexpected "x"; a HAR file must be plain JSON',
    );
  });
});
