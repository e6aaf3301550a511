import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import validator from "har-validator";
import { describe, expect, it } from "vitest";
import { canaryHar } from "../support/canary-har.js";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-sanitize-"));

async function sanitized(input: string, extra: string[] = []) {
  const output = join(dir, `out-${Math.random().toString(36).slice(2)}.har`);
  const result = await runCli(["sanitize", input, "-o", output, ...extra]);
  return { result, output, text: existsSync(output) ? readFileSync(output, "utf8") : "" };
}

describe("sanitize", () => {
  it("writes a valid HAR that keeps structure and timings", async () => {
    const input = "fixtures/portal-current-session.har";
    const { result, text } = await sanitized(input);
    expect(result.code, result.stderr).toBe(0);
    const copy = JSON.parse(text);
    const original = JSON.parse(readFileSync(input, "utf8"));
    await expect(validator.har(copy)).resolves.toBeTruthy();
    expect(copy.log.entries).toHaveLength(original.log.entries.length);
    expect(copy.log.pages).toEqual(original.log.pages);
    expect(copy.log.entries.map((e: { timings: unknown }) => e.timings)).toEqual(
      original.log.entries.map((e: { timings: unknown }) => e.timings),
    );
    expect(copy.log.entries[5].request.method).toBe("PUT");
    expect(copy.log.entries[5].request.url).toBe(original.log.entries[5].request.url);
  });

  it("replaces headers, cookies and body secrets with the marker", async () => {
    const { text } = await sanitized("fixtures/portal-current-session.har");
    const entry = JSON.parse(text).log.entries[5];
    const header = (name: string) =>
      entry.request.headers.find((h: { name: string }) => h.name === name)?.value;
    expect(header("authorization")).toBe("[REDACTED]");
    expect(header("cookie")).toBe("[REDACTED]");
    expect(header("content-type")).toBe("application/json;charset=UTF-8");
    const locator = JSON.parse(JSON.parse(text).log.entries[10].request.postData.text);
    expect(locator.properties.contentKeys[0].value).toBe("[REDACTED]");
    expect(locator.properties.assetName).toBe("trailer-2024");
  });

  it("converts a sanitized copy to the same templates", async () => {
    const input = "fixtures/portal-current-session.har";
    const { output } = await sanitized(input);
    const before = await runCli([input, "-f", "json"]);
    const after = await runCli([output, "-f", "json"]);
    const templates = (text: string) =>
      JSON.parse(text).calls.map((c: { pathTemplate: string }) => c.pathTemplate);
    expect(templates(after.stdout)).toEqual(templates(before.stdout));
  });

  it("--strip-bodies drops media and static response bodies", async () => {
    const { text } = await sanitized("fixtures/portal-current-session.har", ["--strip-bodies"]);
    const entries = JSON.parse(text).log.entries;
    expect(entries[0].response.content.text).toBeUndefined();
    expect(entries[0].response.content.size).toBeGreaterThan(0);
    expect(entries[5].response.content.text).toContain("trailer-2024");
  });

  it("decodes, redacts and encodes base64 bodies again", async () => {
    const input = join(dir, "canary.har");
    writeFileSync(input, canaryHar());
    const { text } = await sanitized(input);
    const entries = JSON.parse(text).log.entries as {
      request: { url: string };
      response: { content: { text: string; encoding: string } };
    }[];
    const entry = entries.find((item) => item.request.url.endsWith("/assets/canary-base64"));
    if (!entry) throw new Error("the canary capture has no base64 entry");
    const body = JSON.parse(Buffer.from(entry.response.content.text, "base64").toString("utf8"));
    expect(body.clientSecret).toBe("[REDACTED]");
    expect(entry.response.content.encoding).toBe("base64");
  });

  it("redacts wrong types and unknown members", async () => {
    const request = {
      method: "PUT",
      url: "https://api.mk.io/api/v1/projects/p/media/assets/a",
      httpVersion: "HTTP/1.1",
      headers: [
        { name: "Authorization", value: "Bearer WrongTok0606" },
        { name: "X-Api-Key", value: ["WrongKey0707"] },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      postData: { mimeType: "application/json", text: { password: "WrongPass1212" } },
      _foo: { token: "WrongFoo1313" },
    };

    const response = {
      status: 200,
      statusText: "OK",
      httpVersion: "HTTP/1.1",
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: "application/json" },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
      comment: "echo WrongKey0707",
    };

    const entry = { startedDateTime: "2026-11-20T10:00:00.000Z", time: 1, request, response };
    const input = join(dir, "wrong-types.har");
    writeFileSync(input, JSON.stringify({ log: { version: "1.2", entries: [entry] } }));
    const { result, text } = await sanitized(input);
    expect(result.code, result.stderr).toBe(0);
    expect(text).not.toMatch(/Wrong[A-Za-z]+\d{4}/);

    const copy = JSON.parse(text).log.entries[0];
    expect(copy.request.headers[1]).toEqual({ name: "X-Api-Key", value: "[REDACTED]" });
    expect(copy.request.postData.text).toEqual({ password: "[REDACTED]" });
    expect(copy.request._foo).toEqual({ token: "[REDACTED]" });
    expect(copy.response.comment).toBe("echo [REDACTED]");
  });

  it("refuses to overwrite without --force", async () => {
    const output = join(dir, "exists.har");
    writeFileSync(output, "keep");
    const result = await runCli(["sanitize", "fixtures/portal-current-session.har", "-o", output]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/exists\.har: already exists; use --force/);
    expect(readFileSync(output, "utf8")).toBe("keep");
  });

  it("leaves no file behind for a broken capture", async () => {
    const output = join(dir, "broken-out.har");
    const result = await runCli(["sanitize", "fixtures/../package.json", "-o", output]);
    expect(result.code).toBe(1);
    expect(existsSync(output)).toBe(false);
  });
});

describe("converting a sanitized copy", () => {
  it("keeps each secret a variable of its own", async () => {
    const { output } = await sanitized("fixtures/portal-current-session.har");
    const result = await runCli([output, "-f", "json"]);
    const secrets = JSON.parse(result.stdout).variables.filter(
      (v: { secret: boolean }) => v.secret,
    );
    expect(secrets.map((v: { name: string }) => v.name)).toEqual([
      "contentKeyValue",
      "accessToken",
    ]);
  });
});
