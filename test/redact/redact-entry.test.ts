import { describe, expect, it } from "vitest";
import { stringifyJson } from "../../src/redact/json-text.js";
import { KnownSecrets } from "../../src/redact/known-secrets.js";
import { collectEntrySecrets, redactEntry } from "../../src/redact/redact-har.js";
import { REDACTED } from "../../src/redact/redact-text.js";

type Json = Record<string, unknown>;

function entryWith(request: Json = {}, response: Json = {}, members: Json = {}): Json {
  return {
    request: { method: "PUT", url: "https://api.mk.io/api/v1/x", headers: [], ...request },
    response: { status: 200, headers: [], content: { mimeType: "text/plain" }, ...response },
    timings: { send: 1, wait: 1, receive: 1 },
    ...members,
  };
}

/** Learns the entry's secrets, then returns its sanitized copy as JSON text. */
function sanitized(entry: unknown, secretPaths?: ReadonlySet<string>): string {
  const known = new KnownSecrets();
  collectEntrySecrets(entry, known, secretPaths);
  return stringifyJson(redactEntry(entry, { stripBodies: false, known, secretPaths }));
}

describe("redactEntry values of the wrong type", () => {
  it.each([
    ["an array", ["Wrong07key"]],
    ["an object", { v: "Wrong07key" }],
    ["a number", 12345678901],
  ])("removes a secret header value that is %s", (_case, value) => {
    const entry = entryWith({ headers: [{ name: "X-Api-Key", value }] });
    const copy = JSON.parse(sanitized(entry));
    expect(copy.request.headers).toEqual([{ name: "X-Api-Key", value: REDACTED }]);
  });

  it("redacts a header value of the wrong type under an ordinary name", () => {
    const entry = entryWith({ headers: [{ name: "X-Note", value: { password: "Wrong08pw" } }] });
    const copy = JSON.parse(sanitized(entry));
    expect(copy.request.headers).toEqual([{ name: "X-Note", value: { password: REDACTED } }]);
  });

  it("redacts postData text that is an object, with the catalog's secret paths", () => {
    const text = { password: "Wrong12pd", properties: { contentKeys: [{ value: "Wrong13ck" }] } };
    const entry = entryWith({ postData: { mimeType: "application/json", text } });
    const copy = JSON.parse(sanitized(entry, new Set(["properties.contentKeys[].value"])));
    expect(copy.request.postData.text).toEqual({
      password: REDACTED,
      properties: { contentKeys: [{ value: REDACTED }] },
    });
  });

  it("reads headers written as an object as names and values", () => {
    const headers = { Cookie: "a=Wrong14ck", Accept: "text/plain" };
    const copy = JSON.parse(sanitized(entryWith({ headers })));
    expect(copy.request.headers).toEqual({ Cookie: REDACTED, Accept: "text/plain" });
  });

  it("removes cookies that are not objects", () => {
    const copy = JSON.parse(sanitized(entryWith({ cookies: ["session=Wrong15ck", null] })));
    expect(copy.request.cookies).toEqual([REDACTED, null]);
  });

  it("redacts an entry that is not an object", () => {
    const known = new KnownSecrets();
    expect(redactEntry("Bearer Wrong16tok", { stripBodies: false, known })).toBe(
      `Bearer ${REDACTED}`,
    );
  });

  it("finds copies of a secret learned from a value of the wrong type", () => {
    const entry = entryWith(
      { headers: [{ name: "X-Api-Key", value: ["Wrong17key"] }] },
      { content: { mimeType: "text/plain", text: "echo Wrong17key" } },
    );
    const copy = JSON.parse(sanitized(entry));
    expect(copy.response.content.text).toBe(`echo ${REDACTED}`);
  });
});

describe("redactEntry members without a rule", () => {
  it.each([
    ["request", { _auth: { token: "Member21tok" } }, {}, {}],
    ["request", { _token: "Member22tok" }, {}, {}],
    ["response", {}, { comment: "Bearer Member23tok" }, {}],
    ["response", {}, { _debug: { name: "x-api-key", value: "Member24key" } }, {}],
    ["postData", { postData: { mimeType: "text/plain", text: "x", _secret: "Member25s" } }, {}, {}],
    ["content", {}, { content: { mimeType: "text/plain", _apiKey: "Member26key" } }, {}],
    ["pair", { headers: [{ name: "Accept", value: "*/*", _token: "Member27tok" }] }, {}, {}],
    ["cookie", { cookies: [{ name: "s", value: "v", comment: "Bearer Member28tok" }] }, {}, {}],
    ["entry", {}, {}, { _token: "Member29tok" }],
    ["timings", {}, {}, { timings: { send: 1, comment: "Bearer Member30tok" } }],
  ])("redacts an unknown member of %s", (_place, request, response, members) => {
    const text = sanitized(entryWith(request, response, members));
    expect(text).not.toMatch(/Member\d\d/);
    expect(text).toContain(REDACTED);
  });

  it("keeps ordinary members and their order", () => {
    const entry = entryWith({ comment: "first call", _priority: "High" }, { _transferSize: 10 });
    const copy = JSON.parse(sanitized(entry));
    expect(Object.keys(copy.request)).toEqual(["method", "url", "headers", "comment", "_priority"]);
    expect(copy.request.comment).toBe("first call");
    expect(copy.response._transferSize).toBe(10);
  });

  it("removes copies of a secret learned from an unknown member", () => {
    const entry = entryWith(
      { _auth: { token: "Member31tok" } },
      { content: { mimeType: "text/plain", text: "echo Member31tok" } },
    );
    expect(sanitized(entry)).not.toContain("Member31tok");
  });
});

describe("redactEntry framed WebSocket messages", () => {
  it("redacts socket.io and SignalR frames", () => {
    const secretPair = { name: "x-api-key", value: "Frame41key" };
    const messages = [
      { type: "send", opcode: 1, data: `42["auth",${JSON.stringify(secretPair)}]` },
      { type: "receive", opcode: 1, data: `${JSON.stringify({ arguments: [secretPair] })}\u001e` },
    ];
    const copy = JSON.parse(sanitized(entryWith({}, {}, { _webSocketMessages: messages })));
    expect(JSON.stringify(copy)).not.toContain("Frame41key");
    expect(copy._webSocketMessages[0].data).toBe(
      `42["auth",{"name":"x-api-key","value":"${REDACTED}"}]`,
    );
  });

  it("redacts a framed text body", () => {
    const body = `42["join",{"keys":[{"keyName":"k","value":"Frame42key"}]}]`;
    const entry = entryWith({ postData: { mimeType: "text/plain", text: body } });
    const copy = JSON.parse(sanitized(entry));
    expect(copy.request.postData.text).toBe(
      `42["join",{"keys":[{"keyName":"k","value":"${REDACTED}"}]}]`,
    );
  });
});

describe("redactEntry base64 text bodies", () => {
  const json = '{"accessToken": "Utf16494tok", "n": "caf\u00e9 \u4e2d"}';
  const redactedJson = `{"accessToken":"${REDACTED}","n":"caf\u00e9 \u4e2d"}`;

  function utf16(text: string, bigEndian: boolean): Buffer {
    const bytes = Buffer.from(text, "utf16le");
    return bigEndian ? bytes.swap16() : bytes;
  }

  it.each([
    ["UTF-16LE", "", false],
    ["UTF-16LE with a byte order mark", "\ufeff", false],
    ["UTF-16BE", "", true],
    ["UTF-16BE with a byte order mark", "\ufeff", true],
  ])("redacts %s and encodes it the same way", (_case, mark, bigEndian) => {
    const text = utf16(mark + json, bigEndian).toString("base64");
    const content = { mimeType: "application/json", encoding: "base64", text };
    const copy = JSON.parse(sanitized(entryWith({}, { content })));
    const bytes = Buffer.from(copy.response.content.text, "base64");
    expect(bytes.equals(utf16(mark + redactedJson, bigEndian))).toBe(true);
  });

  it("redacts UTF-8 JSON after a byte order mark", () => {
    const text = Buffer.from(`\ufeff${json}`).toString("base64");
    const content = { mimeType: "application/json", encoding: "base64", text };
    const copy = JSON.parse(sanitized(entryWith({}, { content })));
    const decoded = Buffer.from(copy.response.content.text, "base64").toString("utf8");
    expect(decoded).toBe(`\ufeff${redactedJson}`);
  });

  it("keeps media bytes with zeros as recorded", () => {
    const bytes = Buffer.from([0x00, 0x00, 0x01, 0x00, 0x47, 0x00, 0x10, 0xff, 0x00, 0x41]);
    const content = { mimeType: "video/mp2t", encoding: "base64", text: bytes.toString("base64") };
    const copy = JSON.parse(sanitized(entryWith({}, { content })));
    expect(copy.response.content.text).toBe(content.text);
  });

  it("learns secret fields of a UTF-16 body", () => {
    const text = utf16('{"streamKey": "Utf16lrn7"}', false).toString("base64");
    const postData = { mimeType: "application/json", encoding: "base64", text };
    const content = { mimeType: "text/plain", text: "echo Utf16lrn7" };
    const copy = JSON.parse(sanitized(entryWith({ postData }, { content })));
    expect(copy.response.content.text).toBe(`echo ${REDACTED}`);
  });
});
