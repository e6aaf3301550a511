import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { segmentEncodingOf } from "../../src/model/request-parts.js";
import type { Slot } from "../../src/model/types.js";
import { encodeSegment } from "../../src/render/percent-encode.js";
import { decodeSegment } from "../../src/select/url.js";
import { writeHar } from "../support/har-builder.js";
import { sessionOf } from "../support/session.js";

const dir = mkdtempSync(join(tmpdir(), "har2mkio-segments-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ASSETS = "https://api.mk.io/api/v1/projects/demo/media/assets";

describe("segmentEncodingOf", () => {
  it.each([
    ["escapes of !'()*", "a%27%28%29%2A%21b", { encode: "!'()*", keep: "", lowerCaseHex: false }],
    ["an escaped letter", "%41bc", { encode: "A", keep: "", lowerCaseHex: false }],
    ["lower-case hex digits", "%2f%c3%a9", { encode: "", keep: "", lowerCaseHex: true }],
    ["unescaped : and @", "a:b@c", { encode: "", keep: ":@", lowerCaseHex: false }],
    ["unescaped []^|", "a[b]^c|", { encode: "", keep: "[]^|", lowerCaseHex: false }],
    ["a % that starts no escape", "100%zz", { encode: "", keep: "%", lowerCaseHex: false }],
  ])("records %s", (_name, recorded, expected) => {
    expect(segmentEncodingOf(recorded, decodeSegment(recorded))).toEqual(expected);
  });

  it.each([
    ["plain text", "trailer-2024"],
    ["unescaped ( and '", "x(y'z"],
    ["upper-case escapes", "a%2Fb%C3%A9"],
    ["escapes with digits only", "a%20b%25"],
  ])("returns undefined for %s", (_name, recorded) => {
    expect(segmentEncodingOf(recorded, decodeSegment(recorded))).toBeUndefined();
  });

  it.each([
    "a%27%28%29%2A%21b",
    "x(y'z",
    "%2f%c3%a9",
    "%41bc",
    "a:b@c$d,e;f=g+h&i[j]^k|l",
    "100%zz",
    "%e2%82%ac%7e",
  ])("encodes the value of %s back to the recorded segment", (recorded) => {
    const value = decodeSegment(recorded);
    expect(encodeSegment(value, segmentEncodingOf(recorded, value))).toBe(recorded);
  });

  it("keeps every % of a segment taken as it is", () => {
    const recorded = "token%2Avalue";
    expect(segmentEncodingOf(recorded, recorded)).toEqual({
      encode: "",
      keep: "%",
      lowerCaseHex: false,
    });
  });

  // No one encoding fits a character recorded both escaped and not, or hex digits of both cases.
  it.each([
    ["( escaped once", "(%28", "%28%28"],
    ["mixed hex case", "%2f%2F", "%2F%2F"],
    [": escaped once", "a%3Ab:c", "a%3Ab%3Ac"],
  ])("encodes a segment with %s one way", (_name, recorded, sent) => {
    const value = decodeSegment(recorded);
    expect(encodeSegment(value, segmentEncodingOf(recorded, value))).toBe(sent);
  });
});

describe("path slots", () => {
  async function pathSlots(url: string, headers: { name: string; value: string }[] = []) {
    const capture = writeHar(dir, `${Math.random().toString(36).slice(2)}.har`, [
      { method: "POST", url, headers },
    ]);
    const [operation] = (await sessionOf(capture)).operations;
    return (operation?.pathParts ?? []).flatMap((part) => ("slot" in part ? [part.slot] : []));
  }

  it("carries the recorded encoding of a variable segment", async () => {
    const slots = await pathSlots(`${ASSETS}/a%28b%29/refresh`);
    expect(slots).toEqual<Slot[]>([
      { param: "projectName", encoding: "path-segment" },
      {
        param: "assetName",
        encoding: "path-segment",
        segmentEncoding: { encode: "()", keep: "", lowerCaseHex: false },
      },
    ]);
  });

  it("keeps a literal segment as recorded", async () => {
    const [operation] = (
      await sessionOf(
        writeHar(dir, "literal.har", [{ method: "POST", url: `${ASSETS}/a/step/x%28y(` }]),
      )
    ).operations;
    expect(operation?.pathParts.at(-1)).toEqual({ text: "/step/x%28y(" });
  });

  it("carries the encoding of a secret literal segment", async () => {
    const token = "CANARYslottoken7";
    const headers = [{ name: "Authorization", value: `Bearer ${token}` }];
    const slots = await pathSlots(`${ASSETS}/a/step/${token}%2a`, headers);
    expect(slots.at(-1)).toEqual<Slot>({
      param: "pathSecret",
      encoding: "path-segment",
      segmentEncoding: { encode: "*", keep: "", lowerCaseHex: true },
    });
  });
});
