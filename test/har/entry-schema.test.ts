import { describe, expect, it } from "vitest";
import { readRawEntry } from "../../src/har/entry-schema.js";

const ref = { file: "t.har", index: 4 };
const request = { method: "put", url: "https://api.mk.io/a", headers: [] };

function entryOf(raw: unknown) {
  const result = readRawEntry(raw, ref);
  if (!("entry" in result)) throw new Error(`unexpected issue ${JSON.stringify(result.issue)}`);
  return result.entry;
}

describe("readRawEntry issues", () => {
  it.each([
    ["a null entry", null, "", "missing"],
    ["a string entry", "x", "", "invalid (expected object, got string)"],
    ["an array entry", [], "", "invalid (expected object, got array)"],
    ["no request", {}, "request", "missing"],
    [
      "a request that is a number",
      { request: 5 },
      "request",
      "invalid (expected object, got number)",
    ],
    ["no method", { request: { url: "u" } }, "request.method", "missing"],
    [
      "a numeric method",
      { request: { method: 1, url: "u" } },
      "request.method",
      "invalid (expected string, got number)",
    ],
    ["an empty method", { request: { method: "", url: "u" } }, "request.method", "empty"],
    ["an empty url", { request: { method: "GET", url: "" } }, "request.url", "empty"],
    ["a null url", { request: { method: "GET", url: null } }, "request.url", "missing"],
    [
      "headers that are an object",
      { request: { ...request, headers: {} } },
      "request.headers",
      "invalid (expected array, got object)",
    ],
  ])("reports %s", (_case, raw, field, problem) => {
    expect(readRawEntry(raw, ref)).toEqual({ issue: { field, problem } });
  });
});

describe("readRawEntry defaults", () => {
  it("keeps the fields the pipeline uses", () => {
    const entry = entryOf({
      startedDateTime: "2026-01-01T00:00:00Z",
      request: {
        ...request,
        headers: [{ name: "a", value: "1" }],
        postData: { mimeType: "application/json", text: "{}", encoding: "utf8" },
        ignored: true,
      },
      response: {
        status: 201,
        headers: [{ name: "b", value: "2" }],
        content: { mimeType: "application/json", text: "{}", encoding: "base64", size: 2 },
      },
    });
    expect(entry).toEqual({
      ref,
      startedDateTime: "2026-01-01T00:00:00Z",
      request: {
        method: "PUT",
        url: "https://api.mk.io/a",
        headers: [{ name: "a", value: "1" }],
        postData: { mimeType: "application/json", text: "{}", encoding: "utf8" },
      },
      response: {
        status: 201,
        headers: [{ name: "b", value: "2" }],
        content: { mimeType: "application/json", text: "{}", encoding: "base64" },
      },
    });
  });

  it.each([
    ["headers that are null", { ...request, headers: null }, []],
    ["a header without a value key", { ...request, headers: [{ name: "a" }] }, []],
    [
      "a header with a null value",
      { ...request, headers: [{ name: "a", value: null }] },
      [{ name: "a", value: "" }],
    ],
    [
      "a header with a number value",
      { ...request, headers: [{ name: "a", value: 5 }] },
      [{ name: "a", value: "5" }],
    ],
    ["a header without a name", { ...request, headers: [{ value: "x" }, "y"] }, []],
  ])("reads %s", (_case, raw, headers) => {
    expect(entryOf({ request: raw }).request.headers).toEqual(headers);
  });

  it.each([
    ["a string", "x"],
    ["params that are not a list", { text: "a=1", params: "a=1" }],
  ])("drops postData that is %s", (_case, postData) => {
    expect(entryOf({ request: { ...request, postData } }).request.postData).toBeUndefined();
  });

  it("keeps form params and defaults the MIME type", () => {
    const postData = { params: [{ name: "a", value: "1" }], text: 5 };
    expect(entryOf({ request: { ...request, postData } }).request.postData).toEqual({
      mimeType: "",
      params: [{ name: "a", value: "1" }],
    });
  });

  it.each([
    ["a response that is a string", "x", { status: 0, headers: [] }],
    ["a status that is a string", { status: "200" }, { status: 0, headers: [] }],
    [
      "response headers that are an object",
      { status: 204, headers: {} },
      { status: 204, headers: [] },
    ],
    ["content that is a string", { status: 200, content: "x" }, { status: 200, headers: [] }],
    [
      "content without a MIME type",
      { status: 200, content: { text: "t" } },
      { status: 200, headers: [], content: { mimeType: "", text: "t" } },
    ],
  ])("reads %s leniently", (_case, response, expected) => {
    expect(entryOf({ request, response }).response).toEqual(expected);
  });

  it("drops a startedDateTime that is not a string", () => {
    expect(entryOf({ request, startedDateTime: 5 })).not.toHaveProperty("startedDateTime");
  });
});
