import { describe, expect, it } from "vitest";
import {
  escapeFormEdges,
  escapeFormText,
  escapeJsonText,
  escapeUrlText,
  isPortableVariableValue,
  jsonStringContent,
  separatorTitle,
} from "../../src/formats/http/escape.js";
import { headerValueProblem, textBodyProblems } from "../../src/formats/http/problems.js";
import {
  fileVariableValue,
  pathContext,
  planVariables,
  type ValueContext,
} from "../../src/formats/http/variables.js";
import type { SessionModel, Variable } from "../../src/model/types.js";
import { percentEncode } from "../../src/render/percent-encode.js";

describe("percentEncode", () => {
  it.each([
    ["keeps unreserved characters", "plain-name_1.2~", "plain-name_1.2~"],
    ["keeps the characters encodeURIComponent keeps", "O'Brien(x)*!", "O'Brien(x)*!"],
    ["encodes a space", "archive 0003", "archive%200003"],
    ["encodes UTF-8 bytes", "ünï", "%C3%BCn%C3%AF"],
    ["encodes URL delimiters", "a/b?c#d&e=f", "a%2Fb%3Fc%23d%26e%3Df"],
    ["encodes braces", "{{x}}", "%7B%7Bx%7D%7D"],
  ])("%s", (_name, text, expected) => {
    expect(percentEncode(text)).toBe(expected);
  });
});

describe("escapeUrlText", () => {
  it.each([
    ["keeps a recorded path", "/api/v1/projects/", "/api/v1/projects/"],
    ["keeps existing percent-encoding", "mode=fast&x=1%20", "mode=fast&x=1%20"],
    ["encodes braces", "/a/{{b}}", "/a/%7B%7Bb%7D%7D"],
    ["encodes whitespace", "a b\tc", "a%20b%09c"],
  ])("%s", (_name, text, expected) => {
    expect(escapeUrlText(text)).toBe(expected);
  });
});

describe("escapeJsonText", () => {
  it.each([
    ["escapes a variable reference", '"{{mkioToken}}"', '"\\u007b\\u007bmkioToken\\u007d\\u007d"'],
    ["keeps structural braces", '{\n  "a": {}\n}', '{\n  "a": {}\n}'],
    ["keeps single braces in strings", '"a { b } c"', '"a { b } c"'],
    ["escapes every brace of a run", '"{{{x"', '"\\u007b\\u007b\\u007bx"'],
    ["escapes the httpyac body-end marker", '"<---> x"', '"\\u003c---> x"'],
  ])("%s", (_name, text, expected) => {
    expect(escapeJsonText(text)).toBe(expected);
    expect(JSON.parse(escapeJsonText(text))).toEqual(JSON.parse(text));
  });
});

describe("jsonStringContent", () => {
  it.each([
    ["escapes quotes and line breaks", 'say "hi"\n', 'say \\"hi\\"\\n'],
    [
      "escapes an environment reference",
      "{{$processEnv HOME}}",
      "\\u007b\\u007b$processEnv HOME\\u007d\\u007d",
    ],
    ["keeps non-ASCII text", "ünïcödé", "ünïcödé"],
  ])("%s", (_name, value, expected) => {
    expect(jsonStringContent(value)).toBe(expected);
    expect(JSON.parse(`"${jsonStringContent(value)}"`)).toBe(value);
  });
});

describe("escapeFormText", () => {
  it.each([
    ["keeps a plain form", "note=hello%20world", "note=hello%20world"],
    ["encodes spaces that httpyac trims", "a= b &c", "a=%20b%20&c"],
    ["encodes braces", "x={{y}}", "x=%7B%7By%7D%7D"],
    ["encodes line breaks", "a=1\n&b=2", "a=1%0A&b=2"],
  ])("%s", (_name, text, expected) => {
    expect(escapeFormText(text)).toBe(expected);
  });
});

describe("escapeFormEdges", () => {
  it.each([
    ["keeps a plain form", "note=x", "note=x"],
    ["encodes a comment start", "#a=1", "%23a=1"],
    ["encodes a variable start", "@a=1", "%40a=1"],
    ["encodes a file import start", "<file=1", "%3Cfile=1"],
    ["encodes a comment slash", "//x=1", "%2F/x=1"],
    ["keeps a leading separator", "&a=1", "&a=1"],
    ["encodes a response line start", "HTTP/1.1=200", "%48TTP/1.1=200"],
    ["encodes the last = of a trailing ===", "a===", "a==%3D"],
    ["encodes the body-end marker", "a=<--->", "a=%3C--->"],
    ["keeps an empty body", "", ""],
  ])("%s", (_name, body, expected) => {
    expect(escapeFormEdges(body)).toBe(expected);
  });
});

describe("isPortableVariableValue", () => {
  it.each([
    ["accepts a name", "demo-project", true],
    ["accepts inner spaces and commas", "Trailer, migrated from AMS", true],
    ["accepts a value that looks like a definition", "@name = value", true],
    ["accepts a percent sign", "100%", true],
    ["rejects an empty value", "", false],
    ["rejects a leading space", " x", false],
    ["rejects a trailing space", "x ", false],
    ["rejects a leading quote", '"quoted', false],
    ["rejects a backslash", "a\\b", false],
    ["rejects a variable reference", "{{x}}", false],
    ["rejects a single brace", "a}", false],
    ["rejects a line break", "line\nbreak", false],
  ])("%s", (_name, value, expected) => {
    expect(isPortableVariableValue(value)).toBe(expected);
  });
});

describe("separatorTitle", () => {
  it.each([
    ["keeps a name", "Create or Update Asset", "Create or Update Asset"],
    ["joins lines", "a\nb", "a b"],
    ["trims spaces", "  x  ", "x"],
  ])("%s", (_name, text, expected) => {
    expect(separatorTitle(text)).toBe(expected);
  });
});

const SEPARATOR_PROBLEM =
  "a header value contains U+2028 or U+2029, where httpyac ends the headers";

describe("headerValueProblem", () => {
  it.each([
    ["accepts a media type", "application/json;charset=UTF-8", undefined],
    ["reports a trailing comma", "a, b,", "a header value ends with a comma, which httpyac drops"],
    ["reports braces", "{{x}}", "a header value contains {{, which both runners expand"],
    ["reports a line break", "a\r\nb", "a header value contains a line break"],
    ["reports U+2028", "a\u2028b", SEPARATOR_PROBLEM],
    ["reports U+2029", "a\u2029b", SEPARATOR_PROBLEM],
    ["accepts text outside Latin-1", "日本語 🎬", undefined],
  ])("%s", (_name, value, expected) => {
    expect(headerValueProblem(value)).toBe(expected);
  });
});

describe("textBodyProblems", () => {
  it.each([
    ["accepts plain text", "hello world", 0],
    ["reports a comment line", "first\n# heading", 1],
    ["reports a request line", "GET /x", 1],
    ["reports a file import", "< /etc/hosts", 1],
    ["reports braces", "a {{x}} b", 1],
    ["reports a trailing ===", "a===", 1],
    ["reports a carriage return", "a\r\nb", 1],
    ["reports surrounding whitespace", " x", 1],
  ])("%s", (_name, text, count) => {
    expect(textBodyProblems(text)).toHaveLength(count);
  });
});

describe("fileVariableValue", () => {
  const contexts = (...names: ValueContext[]) => new Set(names);
  const escapedParens = pathContext({ encode: "()", keep: "", lowerCaseHex: false });
  it.each([
    ["keeps a value every place accepts", "demo", contexts("url", "json"), "demo"],
    ["writes a path value as recorded", "a(b)", contexts(escapedParens), "a%28b%29"],
    ["rejects a path value recorded otherwise", "a(b)", contexts(escapedParens, "url"), undefined],
    ["keeps a path value the recording left", "demo", contexts(escapedParens, "json"), "demo"],
    ["writes a URL-only value encoded", "archive 0003", contexts("url"), "archive%200003"],
    ["rejects a value escaped differently", "archive 0003", contexts("url", "json"), undefined],
    ["rejects a value with a JSON escape", 'say "hi"', contexts("json"), undefined],
    ["rejects a header value ending in a comma", "a,", contexts("header"), undefined],
    ["keeps an unused value", "x", contexts(), "x"],
  ])("%s", (_name, value, used, expected) => {
    expect(fileVariableValue(value, used)).toBe(expected);
  });
});

describe("planVariables", () => {
  const session = (variables: Variable[]): SessionModel => ({
    operations: [],
    calls: [],
    variables,
    stats: { entries: 0, hosts: new Map(), skipped: new Map(), kept: 0, duplicates: 0 },
    authMissing: false,
  });

  it("renames names httpyac rejects", () => {
    const plan = planVariables(
      session([
        { name: "request", value: "a", secret: false },
        { name: "baseUrl", value: "b", secret: false },
      ]),
    );
    expect(plan.definitions).toEqual(["@request2 = a", "@baseUrl2 = b"]);
  });

  it("reads secrets from the environment", () => {
    const plan = planVariables(session([{ name: "accessToken", value: null, secret: true }]));
    expect(plan.secrets).toEqual(["@accessToken = {{$processEnv ACCESS_TOKEN}}"]);
    expect(plan.ref("accessToken", "json")).toBe("{{accessToken}}");
  });
});
