import { describe, expect, it } from "vitest";
import { writeCapture as writeBenchCapture } from "../../bench/generate.js";
import type { RecordedEntry } from "../../src/har/types.js";
import { readOutcome, writeCapture } from "./read-helpers.js";

const path = writeCapture("long-bodies.har", "");
const stats = writeBenchCapture(path, {
  targetBytes: 400_000,
  mediaBytes: 12 * 1024,
  mkioEvery: 4,
});

const isApi = (request: RecordedEntry["request"]) => request.url.startsWith("https://api.mk.io/");

function withoutBody(entry: RecordedEntry): RecordedEntry {
  const content = entry.response.content;
  if (!content || isApi(entry.request)) return entry;
  const { text: _text, ...rest } = content;
  return { ...entry, response: { ...entry.response, content: rest } };
}

describe("needsBody", () => {
  it("keeps every body it accepts", async () => {
    const whole = await readOutcome(path, { reader: "whole" });
    expect(whole.entries).toHaveLength(stats.entries);
    expect(await readOutcome(path, { needsBody: () => true, chunkSize: 4093 })).toEqual(whole);
  });

  it("leaves out the long bodies it rejects", async () => {
    const whole = await readOutcome(path, { reader: "whole" });
    const streamed = await readOutcome(path, { needsBody: isApi, chunkSize: 4093 });
    expect(streamed.entries).toEqual(whole.entries.map(withoutBody));
    const media = streamed.entries.find((entry) => !isApi(entry.request));
    expect(media?.response.content).toEqual({ mimeType: "video/mp4", encoding: "base64" });
  });

  it("leaves out a rejected body with escapes", async () => {
    const text = `a\\"${"b".repeat(9000)}`;
    const entry = `{"request": {"method": "GET", "url": "https://cdn/x", "headers": []}, "response": {"status": 200, "content": {"mimeType": "text/plain", "text": "${text}"}}}`;
    const file = writeCapture("escaped-body.har", `{"log": {"entries": [${entry}]}}`);
    const streamed = await readOutcome(file, { needsBody: () => false });
    expect(streamed.entries[0]?.response.content).toEqual({ mimeType: "text/plain" });
  });

  it("keeps an escaped body before its request", async () => {
    const text = "b".repeat(9000);
    const entry = `{"response": {"status": 200, "content": {"mimeType": "text/plain", "text": "a\\"${text}"}}, "request": {"method": "GET", "url": "https://cdn/x", "headers": []}}`;
    const file = writeCapture("body-first.har", `{"log": {"entries": [${entry}]}}`);
    const accepted = await readOutcome(file, { needsBody: () => true });
    const rejected = await readOutcome(file, { needsBody: () => false });
    expect(accepted.entries[0]?.response.content?.text).toBe(`a"${text}`);
    expect(rejected.entries[0]?.response.content?.text).toBe(`a"${text}`);
  });

  it.each([
    ["a control character", String.fromCharCode(7)],
    ["an invalid escape", "\\q"],
  ])("finds %s in a long body", async (_case, bad) => {
    const body = `${"A".repeat(5000)}${bad}${"A".repeat(5000)}`;
    const entry = `{"request": {"method": "GET", "url": "https://cdn/x"}, "response": {"content": {"text": "${body}"}}}`;
    const file = writeCapture("bad-body.har", `{"log": {"entries": [${entry}]}}`);
    const whole = await readOutcome(file, { reader: "whole" });
    expect(whole.error).toMatch(/not valid JSON/);
    expect((await readOutcome(file, { needsBody: () => false })).error).toBe(whole.error);
  });

  it("restores long strings outside the body", async () => {
    const url = `https://cdn/${"u".repeat(9000)}`;
    const header = { name: "x-long", value: "v".repeat(9000) };
    const raw = { request: { method: "GET", url, headers: [header] }, response: { status: 200 } };
    const file = writeCapture("long-url.har", JSON.stringify({ log: { entries: [raw] } }));
    const streamed = await readOutcome(file, { needsBody: () => false });
    expect(streamed.entries[0]?.request.url).toBe(url);
    expect(streamed.entries[0]?.request.headers).toEqual([header]);
  });
});
