import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { gzipSync } from "node:zlib";
import validator from "har-validator";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { DEFAULT_CHUNK_SIZE } from "../../src/har/source.js";
import { type CliResult, runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-sanitize-stream-"));
const DEPTH = 100_000;

/** Runs the command line with binary standard input, which `runCli` cannot pass. */
async function runWithStdin(args: string[], stdin: Buffer): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdin: Readable.from([stdin]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { NO_COLOR: "1" },
  });
  return { code, stdout, stderr };
}

/** Runs the command line with a real stream as standard output. */
async function runToStream(
  args: string[],
  stdout: Writable,
): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await run(args, {
    stdin: Readable.from([]),
    stdout,
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { NO_COLOR: "1" },
  });
  return { code, stderr };
}

/** Sanitizes a capture into a fresh folder and returns the run, the copy and the folder. */
async function sanitizeFile(input: string, extra: string[] = []) {
  const folder = mkdtempSync(join(dir, "out-"));
  const output = join(folder, "copy.har");
  const result = await runCli(["sanitize", input, "-o", output, ...extra]);
  const text = existsSync(output) ? readFileSync(output, "utf8") : undefined;
  return { result, text, folder };
}

function writeInput(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function entry(url: string, response: object, extra: object = {}) {
  return {
    startedDateTime: "2026-11-20T10:00:00.000Z",
    time: 12.5,
    request: {
      method: "GET",
      url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [{ name: "Authorization", value: "Bearer SECRETbearer0001" }],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: "OK",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      content: { size: 1, mimeType: "application/json", ...response },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { blocked: 0.5, send: 1, wait: 9.25, receive: 2 },
    ...extra,
  };
}

function har(entries: object[], log: object = {}) {
  return { log: { version: "1.2", creator: { name: "test", version: "1" }, ...log, entries } };
}

/** Builds a capture of several MiB: base64 JSON bodies with a secret each, and media. */
function largeCapture() {
  const entries: object[] = [];
  for (let index = 0; index < 40; index++) {
    const padding = "p".repeat(150_000 + index);
    const body = JSON.stringify({
      clientSecret: `SECRETbody${index}x`,
      padding,
      keep: `KEEP${index}`,
    });
    const text = Buffer.from(body).toString("base64");
    entries.push(entry(`https://api.mk.io/api/v1/a${index}`, { text, encoding: "base64" }));
    const media = randomBytes(60_000).toString("base64");
    const video = { mimeType: "video/mp4", text: media, encoding: "base64" };
    entries.push(entry(`https://cdn.example.com/seg${index}.mp4?sig=SECRETsig${index}`, video));
  }
  return har(entries);
}

describe("sanitize on a capture larger than one chunk", () => {
  const original = largeCapture();
  const input = writeInput("large.har", JSON.stringify(original));

  it("is larger than one reader chunk", () => {
    expect(readFileSync(input).length).toBeGreaterThan(4 * DEFAULT_CHUNK_SIZE);
  });

  it("writes every entry redacted, in order, with its timings", async () => {
    const { result, text = "", folder } = await sanitizeFile(input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(
      `wrote ${join(folder, "copy.har")}: 80 entries, secrets replaced by [REDACTED]\n`,
    );
    const copy = JSON.parse(text);
    const entries = copy.log.entries;
    expect(entries).toHaveLength(original.log.entries.length);
    expect(entries.map((e: { timings: object }) => e.timings)).toEqual(
      original.log.entries.map((e) => (e as { timings: object }).timings),
    );
    expect(text).not.toMatch(/SECRET/);
    const body = JSON.parse(Buffer.from(entries[38].response.content.text, "base64").toString());
    expect(body.keep).toBe("KEEP19");
    expect(body.clientSecret).toBe("[REDACTED]");
    expect(entries[39].response.content.text).toBe(
      (original.log.entries[39] as { response: { content: { text: string } } }).response.content
        .text,
    );
    await expect(validator.har(copy)).resolves.toBeTruthy();
  });

  it("--strip-bodies drops the media bodies only", async () => {
    const { result, text = "" } = await sanitizeFile(input, ["--strip-bodies"]);
    expect(result.code, result.stderr).toBe(0);
    const copy = JSON.parse(text);
    const contents = copy.log.entries.map(
      (e: { response: { content: object } }) => e.response.content,
    );
    expect(contents[1]).toEqual({ size: 1, mimeType: "video/mp4" });
    expect(contents[0].text).toBeDefined();
    expect(contents.filter((c: { text?: string }) => c.text === undefined)).toHaveLength(40);
    await expect(validator.har(copy)).resolves.toBeTruthy();
  });

  it("reads gzip and standard input to the same copy", async () => {
    const plain = await sanitizeFile(input);
    const gzipped = writeInput("large.har.gz", gzipSync(readFileSync(input)));
    const fromGzip = await sanitizeFile(gzipped);
    const fromStdin = await runWithStdin(
      ["sanitize", "-", "-o", "-"],
      gzipSync(readFileSync(input)),
    );
    expect(fromGzip.result.code, fromGzip.result.stderr).toBe(0);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromGzip.text).toBe(plain.text);
    expect(fromStdin.stdout).toBe(plain.text);
  });
});

describe("sanitize outside the entries", () => {
  const document = {
    _rootToken: "SECRETrootfield1",
    note: "password=SECRETrootnote2",
    log: {
      version: "1.2",
      creator: { name: "Chrome", version: "131", comment: "Bearer SECRETcreator3" },
      pages: [
        {
          startedDateTime: "2026-11-20T10:00:00.000Z",
          id: "page_1",
          title: "https://app.mk.io/player?sv=1&sig=SECRETpagetitle4&asset=trailer",
          pageTimings: { onContentLoad: 120.5, onLoad: 300.25 },
          _session: "SECRETpagesession5",
        },
      ],
      entries: [entry("https://api.mk.io/a", { text: "{}" })],
      comment: "api_key=SECRETlogcomment6",
      _browserApiKey: "SECRETbrowserfield7",
      _extra: { deep: [{ refreshToken: "SECRETextra8", label: "kept label" }] },
    },
    trailer: { accessKey: "SECRETtrailer9" },
  };
  const input = writeInput("outside.har", JSON.stringify(document, null, 2));

  it("redacts pages, creator, comment and unknown fields", async () => {
    const { result, text = "" } = await sanitizeFile(input);
    expect(result.code, result.stderr).toBe(0);
    expect(text).not.toContain("SECRET");
    const copy = JSON.parse(text);
    expect(copy._rootToken).toBe("[REDACTED]");
    expect(copy.log.pages[0].title).toBe(
      "https://app.mk.io/player?sv=1&sig=[REDACTED]&asset=trailer",
    );
    expect(copy.log.pages[0].pageTimings).toEqual(document.log.pages[0]?.pageTimings);
    expect(copy.log._extra.deep[0].label).toBe("kept label");
    expect(copy.log.creator.name).toBe("Chrome");
  });

  it("keeps every member in its place", async () => {
    const { text = "" } = await sanitizeFile(input);
    const copy = JSON.parse(text);
    expect(Object.keys(copy)).toEqual(Object.keys(document));
    expect(Object.keys(copy.log)).toEqual(Object.keys(document.log));
    expect(Object.keys(copy.log.pages[0])).toEqual(Object.keys(document.log.pages[0] ?? {}));
    await expect(validator.har(copy)).resolves.toBeTruthy();
  });
});

/** JSON text of `inner` nested in `depth` objects `{"a": ...}`. */
function nestedObjects(depth: number, inner: string): string {
  return `${'{"a":'.repeat(depth)}${inner}${"}".repeat(depth)}`;
}

/** Follows `a` keys (or array items) down to the innermost value, counting the levels. */
function innermost(value: unknown): { depth: number; value: unknown } {
  let depth = 0;
  let current = value;
  for (;;) {
    const next = Array.isArray(current) ? current[0] : (current as { a?: unknown })?.a;
    if (next === undefined || depth > DEPTH + 1) return { depth, value: current };
    current = next;
    depth++;
  }
}

type SanitizeRun = Awaited<ReturnType<typeof sanitizeFile>>;

/**
 * Checks one of the two outcomes allowed for deep nesting: exit 0 with `check` passing on the
 * copy, or exit 1 with a one-line error that names `place` and leaves no file. A stack overflow
 * would show as an unexpected failure.
 */
function expectRedactedOrRejected(
  run: SanitizeRun,
  place: RegExp,
  check: (copy: { log: Record<string, unknown> & { entries: Record<string, unknown>[] } }) => void,
) {
  const { result, text, folder } = run;
  expect(result.stderr).not.toContain("unexpected failure");
  if (result.code === 0) {
    check(JSON.parse(text ?? ""));
    return;
  }
  expect(result.code).toBe(1);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(place);
  expect(text).toBeUndefined();
  expect(readdirSync(folder)).toEqual([]);
}

describe("sanitize with deep nesting", () => {
  it("handles a browser field nested 100,000 levels deep", async () => {
    const deep = nestedObjects(DEPTH, '{"password": "SECRETdeep1", "label": "kept"}');
    const text = JSON.stringify(har([entry("https://api.mk.io/a", { text: "{}" })]));
    const input = writeInput(
      "deep-field.har",
      text.replace('"cache":{}', `"_deep":${deep},"cache":{}`),
    );
    const run = await sanitizeFile(input);
    expect(run.text ?? "").not.toContain("SECRETdeep1");
    expectRedactedOrRejected(run, /deep-field\.har: .*entries\[0\]/, (copy) => {
      const found = innermost(copy.log.entries[0]?._deep);
      expect(found.depth).toBe(DEPTH);
      expect(found.value).toEqual({ password: "[REDACTED]", label: "kept" });
    });
  });

  it("redacts a response body nested 100,000 levels deep", async () => {
    const body = `${"[".repeat(DEPTH)}{"streamKey": "SECRETdeep2"}${"]".repeat(DEPTH)}`;
    const input = writeInput(
      "deep-body.har",
      JSON.stringify(har([entry("https://api.mk.io/a", { text: body })])),
    );
    const { result, text = "" } = await sanitizeFile(input);
    expect(result.code, result.stderr).toBe(0);
    expect(text).not.toContain("SECRETdeep2");
    const content = JSON.parse(text).log.entries[0].response.content;
    const found = innermost(JSON.parse(content.text));
    expect(found.depth).toBe(DEPTH);
    expect(found.value).toEqual({ streamKey: "[REDACTED]" });
  });

  it("handles a log member nested 100,000 levels deep", async () => {
    const deep = nestedObjects(DEPTH, '"Bearer SECRETdeep3"');
    const input = writeInput("deep-log.har", `{"log": {"_deep": ${deep}, "entries": []}}`);
    const run = await sanitizeFile(input);
    expect(run.text ?? "").not.toContain("SECRETdeep3");
    expectRedactedOrRejected(run, /deep-log\.har: /, (copy) => {
      expect(innermost(copy.log._deep).value).toBe("Bearer [REDACTED]");
    });
  });

  it.each([
    ["invalid", `{"log": {"entries": [{"_deep": ${"[".repeat(DEPTH)}x}]}}`],
    ["truncated", `{"log": {"entries": [{"_deep": ${"[".repeat(DEPTH)}`],
  ])("fails in one line for %s deep input", async (_name, text) => {
    const input = writeInput("deep-broken.har", text);
    const { result, text: copy, folder } = await sanitizeFile(input);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("unexpected failure");
    expect(result.stderr).toMatch(/^error: .*deep-broken\.har: .*entries\[0\]/);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(copy).toBeUndefined();
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe("sanitize on broken input", () => {
  const good = JSON.stringify(entry("https://api.mk.io/a", { text: "{}" }));

  it.each([
    ["invalid JSON in an entry", `{"log": {"entries": [${good}, {"a": tru}]}}`],
    ["invalid JSON in pages", `{"log": {"pages": [{"id": }], "entries": [${good}]}}`],
    ["a cut before log.entries", '{"log": {"version": "1.2", "pag'],
    ["no log", '{"entries": []}'],
    ["a document that is not an object", "[1, 2"],
  ])("gives the converter's error for %s", async (_name, text) => {
    const input = writeInput("broken.har", text);
    const converted = await runCli([input]);
    const { result, text: copy, folder } = await sanitizeFile(input);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*broken\.har: /);
    expect(result.stderr).toBe(converted.stderr);
    expect(copy).toBeUndefined();
    expect(readdirSync(folder)).toEqual([]);
  });

  it("warns about gzip data without its trailer", async () => {
    const text = JSON.stringify({ log: { version: "1.2", entries: [JSON.parse(good)] } });
    const zipped = gzipSync(Buffer.from(text));
    const input = join(dir, "no-trailer.har.gz");
    writeFileSync(input, zipped.subarray(0, zipped.length - 8));
    const { result, text: copy } = await sanitizeFile(input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("gzip data ends without its trailer");
    expect(copy).toContain('"entries"');
  });

  it("names the byte and entry of a cut inside log.entries", async () => {
    const text = `{"log": {"entries": [${good}, ${good.slice(0, 100)}`;
    const input = writeInput("cut.har", text);
    const { result, text: copy, folder } = await sanitizeFile(input);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${input}: file ends at byte ${text.length}, inside entries[1], before the JSON is ` +
        "complete (truncated?); save the capture again\n",
    );
    expect(copy).toBeUndefined();
    expect(readdirSync(folder)).toEqual([]);
  });

  it("names the decompressed byte of a cut gzip capture on standard input", async () => {
    const text = `{"log": {"entries": [${good}, ${good.slice(0, 50)}`;
    const result = await runWithStdin(["sanitize", "-", "-o", "-"], gzipSync(text));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      `error: <stdin>: file ends at byte ${text.length} of the decompressed data, inside ` +
        "entries[1], before",
    );
  });

  it("stops stdin output at the broken entry", async () => {
    const second = good.replace("https://api.mk.io/a", "https://api.mk.io/second");
    const text = `{"log": {"entries": [${good}, ${second}, {"a": tru}, ${good}]}}`;
    const result = await runWithStdin(["sanitize", "-", "-o", "-"], Buffer.from(text));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in entries\[2\]/);
    expect(result.stdout).toContain("https://api.mk.io/second");
    expect(result.stdout.endsWith("}}\n")).toBe(false);
    expect(result.stdout.split("\n")).toHaveLength(3);
  });

  it("writes nothing for a broken file", async () => {
    const text = `{"log": {"entries": [${good}, {"a": tru}, ${good}]}}`;
    const result = await runCli(["sanitize", writeInput("stop-file.har", text), "-o", "-"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in entries\[1\]/);
    expect(result.stdout).toBe("");
  });
});

describe("sanitize to a stream", () => {
  const input = writeInput("stream.har", JSON.stringify(largeCapture()));

  it("waits for drain when the stream is full", async () => {
    const pieces: Buffer[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        pieces.push(chunk);
        setImmediate(done);
      },
    });
    slow.on("drain", () => waits++);
    const result = await runToStream(["sanitize", input, "-o", "-"], slow);
    const file = await sanitizeFile(input);
    expect(result.code, result.stderr).toBe(0);
    expect(waits).toBeGreaterThan(0);
    expect(Buffer.concat(pieces).toString("utf8")).toBe(file.text);
  });

  it("reports a stream closed early", async () => {
    const closed = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const result = await runToStream(["sanitize", input, "-o", "-"], closed);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: <stdout>: cannot be written (EPIPE)\n");
  });
});
