import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import validator from "har-validator";
import { describe, expect, it } from "vitest";
import { MAX_VIOLATIONS, type Violation, validateCapture } from "../../src/har/validate.js";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-validate-"));

function writeCapture(name: string, document: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
}

function captureWith(log: Record<string, unknown>): unknown {
  return { log: { version: "1.2", creator: { name: "t", version: "1" }, entries: [], ...log } };
}

async function validateFile(path: string, maxViolations?: number) {
  return validateCapture(path, Readable.from([]), maxViolations);
}

/** Checks a whole document in one har-validator call, the reference for paths and messages. */
async function wholeDocumentViolations(document: unknown): Promise<Violation[]> {
  try {
    await validator.har(document as never);
    return [];
  } catch (error) {
    const errors = (error as { errors: { dataPath: string; message: string }[] }).errors;
    return errors.map((item) => ({
      path: item.dataPath.replace(/^\./, "") || "(root)",
      message: item.message,
    }));
  }
}

function byPath(a: Violation, b: Violation): number {
  return `${a.path} ${a.message}`.localeCompare(`${b.path} ${b.message}`);
}

const validEntry = {
  startedDateTime: "2024-05-01T10:00:00.000Z",
  time: 12,
  request: {
    method: "GET",
    url: "https://api.mk.io/api/ams/project/assets",
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: [],
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
    content: { size: 0, mimeType: "application/json" },
    redirectURL: "",
    headersSize: -1,
    bodySize: 0,
  },
  cache: {},
  timings: { send: 1, wait: 10, receive: 1 },
};

const validPage = {
  startedDateTime: "2024-05-01T10:00:00.000Z",
  id: "page_1",
  title: "MK/IO",
  pageTimings: {},
};

describe("validateCapture", () => {
  it("accepts a valid capture", async () => {
    const path = writeCapture(
      "valid.har",
      captureWith({ pages: [validPage], entries: [validEntry] }),
    );
    const result = await validateFile(path);
    expect(result.violations).toEqual([]);
    expect(result.total).toBe(0);
  });

  it("gives paths of a later entry", async () => {
    const { url: _url, ...requestWithoutUrl } = validEntry.request;
    const broken = {
      ...validEntry,
      request: { ...requestWithoutUrl, headers: [{ name: "Accept" }] },
    };
    const path = writeCapture(
      "later.har",
      captureWith({ entries: [validEntry, validEntry, validEntry, broken] }),
    );
    const { violations, total } = await validateFile(path);
    expect(violations).toContainEqual({
      path: "log.entries[3].request",
      message: "should have required property 'url'",
    });
    expect(violations).toContainEqual({
      path: "log.entries[3].request.headers[0]",
      message: "should have required property 'value'",
    });
    expect(total).toBe(2);
  });

  it("reports an entry that is not an object", async () => {
    const path = writeCapture("null-entry.har", captureWith({ entries: [validEntry, null, 7] }));
    const { violations } = await validateFile(path);
    expect(violations).toEqual([
      { path: "log.entries[1]", message: "should be object" },
      { path: "log.entries[2]", message: "should be object" },
    ]);
  });

  it("matches a whole-document check", async () => {
    const document = {
      log: {
        version: 12,
        creator: { name: "t" },
        comment: false,
        pages: [validPage, { ...validPage, pageTimings: { onLoad: "slow" } }, {}],
        entries: [
          validEntry,
          {},
          null,
          { ...validEntry, time: "fast", cache: { beforeRequest: { hitCount: "x" } } },
          { ...validEntry, response: { ...validEntry.response, content: {} } },
        ],
      },
    };
    const path = writeCapture("mixed.har", document);
    const { violations, total } = await validateFile(path);
    const expected = await wholeDocumentViolations(document);
    expect(expected.length).toBeGreaterThan(10);
    expect(total).toBe(expected.length);
    expect([...violations].sort(byPath)).toEqual([...expected].sort(byPath));
  });

  it("reports entries that are not an array", async () => {
    const document = { log: { version: "1.2", creator: {}, entries: {} } };
    const path = writeCapture("entries-object.har", document);
    const { violations } = await validateFile(path);
    expect(violations).toEqual(await wholeDocumentViolations(document));
    expect(violations).toContainEqual({ path: "log.entries", message: "should be array" });
  });

  it("orders log, pages, then entries", async () => {
    const path = writeCapture("order.har", captureWith({ comment: 1, pages: [{}], entries: [{}] }));
    const { violations } = await validateFile(path);
    const paths = violations.map((violation) => violation.path.replace(/\[\d+\].*/, ""));
    expect(paths[0]).toBe("log.comment");
    expect(paths.indexOf("log.entries")).toBeGreaterThan(paths.lastIndexOf("log.pages"));
  });

  it("caps violations and counts the rest", async () => {
    // Each empty entry misses the six properties HAR 1.2 requires of an entry.
    const path = writeCapture("thirty-empty.har", captureWith({ entries: Array(30).fill({}) }));
    const { violations, total } = await validateFile(path);
    expect(violations).toHaveLength(MAX_VIOLATIONS);
    expect(total).toBe(180);
    expect(violations[0]?.path).toBe("log.entries[0]");
    expect(violations[MAX_VIOLATIONS - 1]?.path).toBe("log.entries[16]");
  });

  it("takes a smaller maximum", async () => {
    const path = writeCapture("two-empty.har", captureWith({ entries: [{}, {}] }));
    const { violations, total } = await validateFile(path, 3);
    expect(violations).toHaveLength(3);
    expect(total).toBe(12);
  });

  it("counts every violation of 100,000 empty entries", async () => {
    const path = writeCapture("many-empty.har", captureWith({ entries: Array(100_000).fill({}) }));
    const { violations, total } = await validateFile(path);
    expect(total).toBe(600_000);
    expect(violations).toHaveLength(MAX_VIOLATIONS);
  });
});

describe("validate command", () => {
  it("prints the unlisted count", async () => {
    const path = writeCapture("cli-thirty.har", captureWith({ entries: Array(30).fill({}) }));
    const result = await runCli(["validate", path]);
    const lines = result.stdout.trimEnd().split("\n");
    expect(result.code).toBe(1);
    expect(lines).toHaveLength(MAX_VIOLATIONS + 1);
    expect(lines.at(-1)).toBe(`${path}: ... and 80 more violations`);
  });

  it("formats a large unlisted count", async () => {
    const path = writeCapture("cli-many.har", captureWith({ entries: Array(20_000).fill({}) }));
    const result = await runCli(["validate", path]);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      `${path}: ... and 119,900 more violations`,
    );
  });

  it("prints no count under the maximum", async () => {
    const path = writeCapture("cli-one.har", captureWith({ entries: [{}] }));
    const result = await runCli(["validate", path]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(6);
    expect(result.stdout).not.toMatch(/more violation/);
  });

  it("--strict counts violations past the maximum", async () => {
    const path = writeCapture("strict-many.har", captureWith({ entries: Array(30).fill({}) }));
    const result = await runCli(["--strict", path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/log\.entries\[0\]: should have required property/);
    expect(result.stderr).toMatch(/\(and 179 more; run har2mkio validate\)/);
  });
});
