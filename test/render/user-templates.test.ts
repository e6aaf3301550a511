import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { BUILTIN_FORMATS, FormatRegistry } from "../../src/formats/registry.js";
import { builtinTemplates, scanUserTemplates } from "../../src/render/user-templates.js";
import { runCli } from "../support/run-cli.js";

const FIXTURE = "fixtures/portal-current-session.har";

/** Creates a templates folder containing the given files, keyed by relative path. */
function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-templates-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Runs the command line with only the json format built in, so `--out` writes few files. */
async function runWithJsonOnly(args: string[]) {
  let stderr = "";
  const registry = new FormatRegistry(BUILTIN_FORMATS.filter((entry) => entry.name === "json"));
  const code = await run(
    args,
    {
      stdin: Readable.from([]),
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: { NO_COLOR: "1" },
    },
    registry,
  );
  return { code, stderr };
}

const CALL_LIST = "{{#each calls}}{{index}} {{method}} {{url}}\n{{/each}}";

describe("user templates", () => {
  it("replaces a built-in template", async () => {
    const dir = templatesDir({
      "curl/script.sh.hbs": "{{#each operations}}{{function}} {{shellQuote name}}\n{{/each}}",
    });
    const result = await runCli([FIXTURE, "--templates", dir, "-q"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("create_or_update_asset 'Create or Update Asset'");
  });

  it("replaces the http template with the same view", async () => {
    const dir = templatesDir({ "http/requests.http.hbs": "{{callCount}} {{token}}\n" });
    const result = await runCli([FIXTURE, "--format", "http", "--templates", dir, "-q"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("9 @mkioToken = {{$processEnv MKIO_TOKEN}}\n");
  });

  it("renders a new template selected by its name", async () => {
    const dir = templatesDir({ "calls.txt.hbs": CALL_LIST });
    const result = await runCli([FIXTURE, "--format", "calls", "--templates", dir, "-q"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe("1 PUT /api/v1/projects/demo-project/media/assets/trailer-2024");
    expect(lines[6]).toBe(
      "7 POST /api/v1/projects/demo-project/media/assets/trailer-2024/refreshThumbnails?mode=fast",
    );
  });

  it("writes a new template into --out", async () => {
    const dir = templatesDir({ "calls.txt.hbs": CALL_LIST });
    const out = join(mkdtempSync(join(tmpdir(), "har2mkio-out-")), "out");
    const args = [FIXTURE, "--format", "json", "--out", out, "--templates", dir, "-q"];
    const result = await runWithJsonOnly(args);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, "calls.txt"), "utf8")).toMatch(/^1 PUT \/api\/v1\//);
    expect(readFileSync(join(out, "INDEX.txt"), "utf8")).toContain(
      `calls.txt\toutput of the user template ${join(dir, "calls.txt.hbs")}`,
    );
  });

  it("renders the shipped az rest example", async () => {
    const args = [FIXTURE, "--templates", "templates/examples", "--format", "az-rest", "-q"];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "az rest --method PUT --url \"$MKIO_BASE_URL\"'/api/v1/projects/demo-project/media/assets/trailer-2024'",
    );
    expect(result.stdout).toContain('"value": "{contentKeyValue}"');
  });
});

describe("user template errors", () => {
  it("names the file and place of a misspelt field", async () => {
    const dir = templatesDir({ "calls.txt.hbs": "{{#each calls}}\n{{mehtod}}\n{{/each}}" });
    const result = await runCli([FIXTURE, "--format", "calls", "--templates", dir, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(
      `error: ${join(dir, "calls.txt.hbs")}:2:3: "mehtod" not defined; ` +
        "check the field name against the view model",
    );
  });

  it("names the line of a parse error", async () => {
    const dir = templatesDir({ "calls.txt.hbs": "{{#each calls}}\n{{method}}\n" });
    const result = await runCli([FIXTURE, "--format", "calls", "--templates", dir, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      `error: ${join(dir, "calls.txt.hbs")}:3: parse error, unexpected EOF`,
    );
  });

  it("names a broken replacement of a built-in template", async () => {
    const dir = templatesDir({ "http/requests.http.hbs": "{{calls}}" });
    const result = await runCli([FIXTURE, "--format", "http", "--templates", dir, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, "http", "requests.http.hbs")}:1:3: "calls"`);
  });

  it.each([
    ["an unknown format", {}, ["--format", "nope"], /--format: unknown format "nope"; use one of /],
    ["a missing folder", null, [], /--templates: .*: folder not found/],
    [
      "a file that replaces nothing",
      { "curl/scrpt.sh.hbs": "x" },
      [],
      /scrpt\.sh\.hbs: matches no built-in template/,
    ],
    [
      "a name of a built-in format",
      { "curl.sh.hbs": "x" },
      [],
      /curl\.sh\.hbs: its format name "curl" is taken by the built-in format curl; rename the file/,
    ],
    [
      "two files with one name",
      { "calls.sh.hbs": "x", "calls.txt.hbs": "y" },
      [],
      /calls\.txt\.hbs: its format name "calls" is taken by .*calls\.sh\.hbs/,
    ],
  ])("rejects %s", async (_name, files, args, message) => {
    const dir = files === null ? join(tmpdir(), "har2mkio-no-such-folder") : templatesDir(files);
    const result = await runCli([FIXTURE, "--templates", dir, ...args, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toMatch(message);
  });
});

describe("scanUserTemplates", () => {
  it("names outputs by file name", () => {
    const dir = templatesDir({ "az-rest.sh.hbs": "", "k6.js.hbs": "", "notes.md": "" });
    const templates = scanUserTemplates(dir, ["curl"]);
    expect(templates.map((t) => [t.name, t.fileName])).toEqual([
      ["az-rest", "az-rest.sh"],
      ["k6", "k6.js"],
    ]);
  });

  it("accepts a copy of the built-in folder", () => {
    const dir = templatesDir({
      "curl/script.sh.hbs": "",
      "http/requests.http.hbs": "",
      "examples/az-rest.sh.hbs": "",
    });
    expect(scanUserTemplates(dir, ["curl", "http"])).toEqual([]);
  });

  it("lists the built-in templates without the examples", () => {
    const templates = builtinTemplates();
    expect(templates).toContain("curl/script.sh.hbs");
    expect(templates).toContain("http/requests.http.hbs");
    expect(templates.some((path) => path.startsWith("examples/"))).toBe(false);
  });
});
