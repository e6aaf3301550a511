import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { containerDepth, psBody, psValue } from "../../src/formats/powershell/json.js";
import { psCommentText, psString } from "../../src/formats/powershell/literal.js";
import { psFunctionNames, psParameterName } from "../../src/formats/powershell/names.js";
import { type JsonTemplate, type Operation, ParamRef } from "../../src/model/types.js";
import { expectedFile } from "../support/expected-file.js";
import { REPLAY_FIXTURES } from "../support/fixture-secrets.js";
import { writeHostileHar } from "../support/hostile-har.js";
import { runCli } from "../support/run-cli.js";

// NOTE: no PowerShell is installed where these tests run, so the generated scripts are never
// executed. The tests compare them with reviewed expected scripts and check the quoting against
// PowerShell's documented rules.

const hostileFile = writeHostileHar();

afterAll(() => {
  rmSync(dirname(hostileFile), { recursive: true, force: true });
});

const CASES = [
  ...REPLAY_FIXTURES.map((fixture) => ({
    name: fixture.replace(/\.har$/, ""),
    file: join("fixtures", fixture),
  })),
  { name: "hostile-values", file: hostileFile },
];

describe.each(CASES)("powershell script of $name", ({ name, file }) => {
  it("matches the reviewed expected script", async () => {
    const generated = await runCli(["--format", "powershell", file]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toBe(expectedFile(`${name}.ps1`, generated.stdout));
  });

  it("warns only about bodies written as JSON text", async () => {
    const generated = await runCli(["--format", "powershell", file]);
    const warnings = generated.stderr.split("\n").filter((line) => line.includes("JSON text"));
    const expected =
      name === "hostile-values"
        ? [
            "warning: mkio-requests.ps1: Set-MkioAsset2: request body written as JSON text " +
              "instead of a hashtable, because it has keys that differ only in case, which a " +
              "hashtable rejects",
          ]
        : [];
    expect(warnings).toEqual(expected);
  });

  it("is plain ASCII", async () => {
    const generated = await runCli(["--format", "powershell", file]);
    expect(generated.stdout).toMatch(/^[\n\x20-\x7e]*$/);
  });
});

/**
 * Decodes what psString writes by PowerShell's rules for the forms it uses: a single-quoted
 * string, where `''` is one quote and nothing else is special, `[char]0xNNNN`, and `+` between
 * them inside parentheses. Returns undefined for any other text.
 */
function decodePsString(source: string): string | undefined {
  const inner = /^\((.*)\)$/s.exec(source)?.[1] ?? source;
  const term = /'((?:[^']|'')*)'|\[char\]0x([0-9A-F]{4})/gy;
  let decoded = "";
  let position = 0;
  while (position < inner.length) {
    term.lastIndex = position;
    const match = term.exec(inner);
    if (!match) return undefined;
    decoded +=
      match[1] !== undefined
        ? match[1].replaceAll("''", "'")
        : String.fromCharCode(Number.parseInt(match[2] ?? "", 16));
    position = term.lastIndex;
    if (position < inner.length) {
      if (inner.slice(position, position + 3) !== " + ") return undefined;
      position += 3;
    }
  }
  return decoded;
}

describe("psString", () => {
  it.each([
    ["plain text", "demo-project", "'demo-project'"],
    ["an empty string", "", "''"],
    ["a single quote", "O'Brien", "'O''Brien'"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text tests quoting of a literal `${`.
    ["a dollar sign and subexpression", "$HOME $(whoami) ${x}", "'$HOME $(whoami) ${x}'"],
    ["backticks", "`n `$", "'`n `$'"],
    ["double quotes", 'say "hi"', "'say \"hi\"'"],
    [
      "a double-quoted here-string",
      '@"\nx\n"@',
      "('@\"' + [char]0x000A + 'x' + [char]0x000A + '\"@')",
    ],
    [
      "a single-quoted here-string",
      "@'\nx\n'@",
      "('@''' + [char]0x000A + 'x' + [char]0x000A + '''@')",
    ],
    ["a newline first", "\nx", "('' + [char]0x000A + 'x')"],
    ["a carriage return and tab", "a\r\tb", "('a' + [char]0x000D + [char]0x0009 + 'b')"],
    ["NUL", "\u0000", "('' + [char]0x0000)"],
    ["typographic single quotes", "\u2018x\u2019", "('' + [char]0x2018 + 'x' + [char]0x2019)"],
    ["typographic double quotes", "\u201cx\u201d", "('' + [char]0x201C + 'x' + [char]0x201D)"],
    ["an en dash", "a\u2013b", "('a' + [char]0x2013 + 'b')"],
    ["a character outside the BMP", "\u{1f3ac}", "('' + [char]0xD83C + [char]0xDFAC)"],
    ["a lone surrogate", "\ud800", "('' + [char]0xD800)"],
    ["a comment start", "<# #> # x", "'<# #> # x'"],
  ])("quotes %s", (_, value, expected) => {
    expect(psString(value)).toBe(expected);
  });

  it("round-trips random text under PowerShell's quoting rules", () => {
    const unit = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom("'", "''", "$(", "`", '@"', "'@", "\u2019", "\n"),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (value) => {
        const quoted = psString(value);
        expect(quoted).toMatch(/^[\x20-\x7e]*$/);
        expect(decodePsString(quoted)).toBe(value);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe("psValue", () => {
  const variableOf = (param: string) => `$${psParameterName(param)}`;

  it("writes objects as ordered hashtables with quoted keys", () => {
    const value = { name: "a", "@odata.type": "#T", nested: {}, list: [] };
    expect(psValue(value, "", variableOf)).toBe(
      "[ordered]@{\n    'name' = 'a'\n    '@odata.type' = '#T'\n    'nested' = [ordered]@{}\n    'list' = @()\n}",
    );
  });

  it.each([
    ["scalars on one line", [1, true, null, "x"], "@(1, $true, $null, 'x')"],
    ["a lone inner array with a unary comma", [[1, 2]], "@(\n    , @(1, 2)\n)"],
    ["two inner arrays", [[1], [2]], "@(\n    @(1),\n    @(2)\n)"],
    ["a parameter as its variable", [new ParamRef("assetName")], "@($AssetName)"],
  ])("writes an array of %s", (_, value, expected) => {
    expect(psValue(value as JsonTemplate, "", variableOf)).toBe(expected);
  });
});

describe("psBody", () => {
  const variableOf = (param: string) => `$${psParameterName(param)}`;

  function nested(levels: number): JsonTemplate {
    let value: JsonTemplate = "leaf";
    for (let level = 0; level < levels; level += 1) value = { child: value };
    return value;
  }

  it.each([
    ["a flat object", { a: 1 }, 1],
    ["an object in an array in an object", { a: [{ b: 1 }] }, 3],
    ["a string", "text", 1],
  ])("sets -Depth for %s", (_, value, depth) => {
    expect(psBody(value, "", variableOf).depth).toBe(depth);
  });

  it("counts nesting up to ConvertTo-Json's maximum", () => {
    expect(containerDepth(nested(100))).toBe(100);
    expect(psBody(nested(100), "", variableOf).depth).toBe(100);
  });

  it("writes JSON text for a body nested deeper than the maximum", () => {
    const body = psBody(nested(101), "", variableOf);
    expect(body.depth).toBeUndefined();
    expect(body.fallbackReason).toBe(
      "it is nested 101 levels deep, more than ConvertTo-Json's 100",
    );
    expect(body.expression).toBe(`'${'{"child": '.repeat(101)}"leaf"${"}".repeat(101)}'`);
  });

  it("writes JSON text for keys that differ only in case", () => {
    const body = psBody({ Name: "a", name: new ParamRef("assetName") }, "", variableOf);
    expect(body.depth).toBeUndefined();
    expect(body.fallbackReason).toBe(
      "it has keys that differ only in case, which a hashtable rejects",
    );
    expect(body.expression).toBe(
      `'{"Name": "a","name": ' + (ConvertTo-Json -InputObject $AssetName -Compress) + '}'`,
    );
  });
});

function operation(key: string): Operation {
  return { key } as Operation;
}

describe("psFunctionNames", () => {
  it.each([
    ["createOrUpdateAsset", "Set-MkioAsset"],
    ["createJob", "New-MkioJob"],
    ["deleteAsset", "Remove-MkioAsset"],
    ["startStreamingEndpoint", "Start-MkioStreamingEndpoint"],
    ["listAssets", "Get-MkioAssets"],
    ["postAssetsRefreshThumbnails", "Invoke-MkioPostAssetsRefreshThumbnails"],
    ["createdSomething", "Invoke-MkioCreatedSomething"],
  ])("names %s", (key, expected) => {
    expect(psFunctionNames([operation(key)]).get(key)).toBe(expected);
  });

  it("falls back to Invoke for names equal without case", () => {
    const names = psFunctionNames([operation("getAsset"), operation("listAsset")]);
    expect(names.get("getAsset")).toBe("Invoke-MkioGetAsset");
    expect(names.get("listAsset")).toBe("Invoke-MkioListAsset");
  });
});

describe("psParameterName", () => {
  it.each([
    ["a camelCase name", "assetName", "AssetName"],
    ["an automatic variable", "host", "HostValue"],
    ["a common parameter", "verbose", "VerboseValue"],
    ["a local of the generated function", "body", "BodyValue"],
    ["a leading digit", "2faHeader", "_2faHeader"],
  ])("names %s", (_, camel, expected) => {
    expect(psParameterName(camel)).toBe(expected);
  });
});

describe("psCommentText", () => {
  it.each([
    ["a block comment end", "a #> b", "a # > b"],
    ["a newline", "a\nb", "a b"],
    ["non-ASCII text", "caf\u00e9", "cafU+00E9"],
  ])("defuses %s", (_, text, expected) => {
    expect(psCommentText(text)).toBe(expected);
  });
});
