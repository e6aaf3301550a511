import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RecordedEntry } from "../../src/har/types.js";
import { responseOf } from "../../src/model/response.js";
import { decodeBodyBytes, encodeBodyText } from "../../src/redact/text-encoding.js";

const TEXT = '{"accessToken": "Enc16abc", "title": "caf\u00e9 \u4e2d\u6587"}';

function utf16(text: string, bigEndian: boolean): Buffer {
  const bytes = Buffer.from(text, "utf16le");
  return bigEndian ? bytes.swap16() : bytes;
}

describe("decodeBodyBytes", () => {
  it.each([
    ["UTF-16LE", utf16(TEXT, false), "utf16le", TEXT],
    ["UTF-16LE with a byte order mark", utf16(`\ufeff${TEXT}`, false), "utf16le", `\ufeff${TEXT}`],
    ["UTF-16BE", utf16(TEXT, true), "utf16be", TEXT],
    ["UTF-16BE with a byte order mark", utf16(`\ufeff${TEXT}`, true), "utf16be", `\ufeff${TEXT}`],
    ["UTF-8", Buffer.from(TEXT), "utf8", TEXT],
    ["Latin-1", Buffer.from("caf\u00e9", "latin1"), "latin1", "caf\u00e9"],
  ])("reads %s", (_case, bytes, encoding, text) => {
    const decoded = decodeBodyBytes(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
    expect(encodeBodyText(decoded.text, decoded.encoding).equals(bytes)).toBe(true);
  });

  it.each([
    ["16-bit audio samples", Buffer.from([0x03, 0x00, 0x05, 0x00, 0xfe, 0xff, 0x01, 0x00])],
    ["bytes with a zero pair", Buffer.from([0x41, 0x00, 0x00, 0x00, 0x42, 0x00])],
    ["an odd number of bytes", Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43])],
  ])("does not read %s as UTF-16", (_case, bytes) => {
    expect(decodeBodyBytes(bytes).encoding).not.toMatch(/utf16/);
  });

  it("keeps random bytes as recorded", () => {
    const bytes = randomBytes(4096);
    const decoded = decodeBodyBytes(bytes);
    expect(encodeBodyText(decoded.text, decoded.encoding).equals(bytes)).toBe(true);
  });
});

describe("responseOf", () => {
  function entryWith(bytes: Buffer): RecordedEntry {
    const content = {
      mimeType: "application/json",
      encoding: "base64",
      text: bytes.toString("base64"),
    };
    return {
      ref: { file: "t.har", index: 0 },
      request: { method: "GET", url: "https://api.mk.io/x", headers: [] },
      response: { status: 200, headers: [], content },
    };
  }

  it.each([
    ["UTF-16LE", utf16(TEXT, false)],
    ["UTF-16BE with a byte order mark", utf16(`\ufeff${TEXT}`, true)],
    ["UTF-8", Buffer.from(TEXT)],
  ])("decodes a %s body", (_case, bytes) => {
    expect(responseOf(entryWith(bytes)).text).toBe(TEXT);
  });

  it("leaves out a body that is not text", () => {
    expect(responseOf(entryWith(Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x80]))).text).toBeUndefined();
  });
});
