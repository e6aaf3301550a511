import { describe, expect, it } from "vitest";
import { parseEmbeddedJson } from "../../src/redact/embedded-json.js";
import { KnownSecrets } from "../../src/redact/known-secrets.js";
import { holdsJsonSecret, redactJson } from "../../src/redact/redact-json.js";
import { REDACTED } from "../../src/redact/redact-text.js";

/**
 * Returns a name and value pair that only its place makes secret, because no text pattern reads
 * `value`.
 */
function pair(value: string): object {
  return { name: "x-api-key", value };
}

const redactedPair = { name: "x-api-key", value: REDACTED };

/** Returns the JSON text of `inner` inside `levels` levels of JSON strings. */
function nested(inner: object, levels: number): string {
  let text = JSON.stringify(inner);
  for (let level = 1; level < levels; level++) text = JSON.stringify({ w: text });
  return text;
}

/**
 * Returns the same nesting written with `\u0022` and `\u005c` escapes, which grow the text by a
 * constant a level instead of doubling it, so that many levels fit in a short string.
 */
function nestedWithUnicodeEscapes(inner: object, levels: number): string {
  let text = JSON.stringify(inner);
  for (let level = 1; level < levels; level++) {
    const escaped = text.replaceAll("\\", "\\u005c").replaceAll('"', "\\u0022");
    text = `{"w":"${escaped}"}`;
  }
  return text;
}

function redactString(text: string, known?: KnownSecrets): string {
  return (redactJson({ data: text }, { known }) as { data: string }).data;
}

describe("parseEmbeddedJson", () => {
  it.each([
    ["JSON text", '{"a": 1}', [{ json: '{"a": 1}', value: { a: 1 } }]],
    ["a JSON string literal", '"{\\"a\\":1}"', [{ json: '"{\\"a\\":1}"', value: '{"a":1}' }]],
    [
      "a socket.io event",
      '42["ev",{"a":1}]',
      [{ text: "42" }, { json: '["ev",{"a":1}]', value: ["ev", { a: 1 }] }],
    ],
    [
      "a socket.io packet with attachments, namespace and id",
      '451-/admin,7["ev"]',
      [{ text: "451-/admin,7" }, { json: '["ev"]', value: ["ev"] }],
    ],
    [
      "SignalR records",
      '{"type":6}\u001e{"type":1}\u001e',
      [
        { json: '{"type":6}', value: { type: 6 } },
        { text: "\u001e" },
        { json: '{"type":1}', value: { type: 1 } },
        { text: "\u001e" },
        { text: "" },
      ],
    ],
    [
      "an Engine.IO polling payload",
      '0{"sid":"s"}\u001e40\u001e2',
      [
        { text: "0" },
        { json: '{"sid":"s"}', value: { sid: "s" } },
        { text: "\u001e" },
        { text: "40" },
        { text: "\u001e" },
        { text: "2" },
      ],
    ],
  ])("reads %s", (_case, text, parts) => {
    expect(parseEmbeddedJson(text)).toEqual(parts);
  });

  it.each([
    ["a number", "42"],
    ["a date", "2026-11-20T10:00:00Z"],
    ["the marker", REDACTED],
    ["text before JSON", 'x{"a":1}'],
    ["a broken record", '{"a":1}\u001e{"a":'],
    ["a quoted word with more text", '"a" and "b"'],
    ["plain text", "hello"],
  ])("reads %s as text", (_case, text) => {
    expect(parseEmbeddedJson(text)).toBeUndefined();
  });
});

describe("redactJson embedded JSON", () => {
  it.each([5, 8, 12])("redacts JSON nested %i levels deep in strings", (levels) => {
    const text = nested(pair("Opaque5x9key"), levels);
    const redacted = redactString(text);
    expect(redacted).not.toContain("Opaque5x9key");
    expect(redacted).toBe(nested(redactedPair, levels));
  });

  // Standard escaping doubles the text at each level, so the copy of unicode-escaped text would
  // double too: a level whose copy grows past four times its recorded size is replaced whole.
  it.each([20, 32])("redacts %i levels of unicode-escaped nesting", (levels) => {
    const text = nestedWithUnicodeEscapes(pair("Opaque32key"), levels);
    const redacted = redactString(text);
    expect(redacted).not.toContain("Opaque32key");
    expect(redacted.length).toBeLessThanOrEqual(4 * text.length + 1024);
    expect(JSON.parse(redacted)).toHaveProperty("w");
    expect(holdsJsonSecret(text)).toBe(true);
  });

  it("replaces a string nested deeper than 32 levels whole", () => {
    // The pair at level 40 is never parsed, so only the depth limit can remove it.
    const text = nestedWithUnicodeEscapes(pair("Opaque40key"), 40);
    const removed: string[] = [];
    const redacted = redactJson({ data: text }, { onSecret: (value) => removed.push(value) });
    expect(JSON.stringify(redacted)).not.toContain("Opaque40key");
    expect(removed.length).toBeGreaterThan(0);
    expect(holdsJsonSecret(text)).toBe(true);
  });

  it("redacts a JSON string encoded twice", () => {
    const text = JSON.stringify(JSON.stringify(pair("Opaque2xEnc9")));
    expect(text.startsWith('"')).toBe(true);
    expect(redactString(text)).toBe(JSON.stringify(JSON.stringify(redactedPair)));
    expect(holdsJsonSecret(text)).toBe(true);
  });

  it("redacts socket.io frames and keeps their headers", () => {
    const text = `42["auth",${JSON.stringify(pair("OpaqueSio42"))}]`;
    expect(redactString(text)).toBe(`42["auth",${JSON.stringify(redactedPair)}]`);
    expect(holdsJsonSecret(text)).toBe(true);
  });

  it("redacts each SignalR record", () => {
    const keys = { keys: [{ keyName: "k1", value: "OpaqueSigR61" }] };
    const text = `{"type":6}\u001e{"type":1,"arguments":[${JSON.stringify(keys)}]}\u001e`;
    const redactedKeys = { keys: [{ keyName: "k1", value: REDACTED }] };
    const redacted = redactString(text);
    expect(redacted).toBe(
      `{"type":6}\u001e{"type":1,"arguments":[${JSON.stringify(redactedKeys)}]}\u001e`,
    );
    expect(holdsJsonSecret(text)).toBe(true);
  });

  it("keeps frames without secrets as recorded", () => {
    for (const text of ['42["chat", {"text": "hi"}]', '{"type": 6}\u001e', '"{\\"a\\": 1}"']) {
      expect(redactString(text)).toBe(text);
      expect(holdsJsonSecret(text)).toBe(false);
    }
  });

  it("still searches unchanged JSON text for known secrets", () => {
    const known = new KnownSecrets();
    known.add("Opaque77dup");
    // Parsing keeps the last of two members with one name, so only the text shows the first.
    const text = '{"note": "Opaque77dup", "note": "x"}';
    expect(redactString(text, known)).toBe(`{"note": "${REDACTED}", "note": "x"}`);
  });
});
