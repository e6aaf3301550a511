import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSecretValue } from "../../src/model/secret-spans.js";
import { KnownSecrets } from "../../src/redact/known-secrets.js";
import { collectEntrySecrets, redactBodyText, redactEntry } from "../../src/redact/redact-har.js";
import { redactJson } from "../../src/redact/redact-json.js";
import { REDACTED, redactText } from "../../src/redact/redact-text.js";

function knownOf(...values: string[]): KnownSecrets {
  const known = new KnownSecrets();
  for (const value of values) known.add(value);
  return known;
}

describe("KnownSecrets", () => {
  it("finds plain, URL-encoded and escaped copies", () => {
    const known = knownOf("tok/en+9a=");
    expect(known.foundIn("see tok/en+9a= here")).toBe(true);
    expect(known.foundIn(`x=${encodeURIComponent("tok/en+9a=")}`)).toBe(true);
    expect(known.replaceIn('{"a":"tok\\/en+9a="}'.replace("\\/", "/"), "#")).toBe('{"a":"#"}');
    expect(known.foundIn('{"a":"tok\\/en+9a="}')).toBe(true);
    expect(known.foundIn("tok/en+9b=")).toBe(false);
  });

  it("replaces the longest value at a place", () => {
    const known = knownOf("abc123", "abc123def456");
    expect(known.replaceIn("abc123def456 abc123 abc12", "#")).toBe("# # abc12");
  });

  it("skips short and one-kind values", () => {
    const known = knownOf("default", "secret", "abc12", "[REDACTED]");
    expect(known.size).toBe(0);
    expect(known.foundIn("default secret abc12 [REDACTED]")).toBe(false);
    expect(knownOf("a".repeat(16)).size).toBeGreaterThan(0);
  });

  // Few values are searched with indexOf, many with the prefix index: both are checked.
  it.each([
    ["few", 0, 5],
    ["many", 12, 20],
  ])("agrees with a substring search for %s values", (_case, minLength, maxLength) => {
    const alphabet = fc.constantFrom("a", "B", "1", "/", "x", "Y", "2");
    const value = fc.string({ unit: alphabet, minLength: 6, maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(value, { minLength, maxLength }),
        fc.string({ unit: alphabet, maxLength: 60 }),
        (values, text) => {
          const known = knownOf(...values);
          const naive = values.some((v) => known.foundIn(v) && text.includes(v));
          expect(known.foundIn(text)).toBe(naive);
          const replaced = known.replaceIn(text, "\u0000");
          for (const v of values) if (known.foundIn(v)) expect(replaced.includes(v)).toBe(false);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("redactJson", () => {
  it("redacts key lists and secret pairs", () => {
    const value = {
      keys: [{ keyName: "key1", permissions: "Full", value: "k-one-1234" }],
      primaryKeys: ["k-two-1234"],
      other: [{ keyName: "x", value: "k-three-1234" }],
      headers: [
        { name: "Authorization", value: "k-four-1234" },
        { name: "Accept", value: "text/plain" },
      ],
      trackSelections: [{ property: "FourCC", value: "avc1" }],
    };
    expect(redactJson(value)).toEqual({
      keys: [{ keyName: "key1", permissions: "Full", value: REDACTED }],
      primaryKeys: [REDACTED],
      other: [{ keyName: "x", value: REDACTED }],
      headers: [
        { name: "Authorization", value: REDACTED },
        { name: "Accept", value: "text/plain" },
      ],
      trackSelections: [{ property: "FourCC", value: "avc1" }],
    });
  });

  it("redacts JSON inside strings", () => {
    const redacted = redactJson({
      data: '{"streamKey": "k-1234-abc"}',
      plain: '{"a": 1}',
      broken: '{"streamKey": ',
    }) as Record<string, string>;
    expect(JSON.parse(redacted.data as string)).toEqual({ streamKey: REDACTED });
    expect(redacted.plain).toBe('{"a": 1}');
    expect(redacted.broken).toBe('{"streamKey": ');
  });

  it("replaces known secrets and reports removals", () => {
    const reported: string[] = [];
    const known = knownOf("Opaque1234");
    const redacted = redactJson(
      {
        note: "was Opaque1234",
        Opaque1234: 42,
        accessToken: "tok9876xyz",
        lock: { password: 1234 },
      },
      { known, onSecret: (value) => reported.push(value) },
    );
    expect(redacted).toEqual({
      note: `was ${REDACTED}`,
      // What a secret key maps to is removed too.
      [REDACTED]: REDACTED,
      accessToken: REDACTED,
      lock: { password: REDACTED },
    });
    expect(reported.sort()).toEqual(["1234", "42", "tok9876xyz"]);
  });
});

describe("secret shapes", () => {
  const basic = Buffer.from("svc:pa55word").toString("base64");

  it.each([
    [`Basic ${basic}`, `Basic ${REDACTED}`],
    [`auth was basic ${basic}.`, `auth was basic ${REDACTED}.`],
    ["a%3Fsv%3D1%26sig%3Dabc%2Bdef%26se%3D2", `a%3Fsv%3D1%26sig%3D${REDACTED}%26se%3D2`],
    ["a%253Fsig%253Dabc", `a%253Fsig%253D${REDACTED}`],
  ])("redacts %s", (text, expected) => {
    expect(isSecretValue(text)).toBe(true);
    expect(redactText(text)).toBe(expected);
  });

  it.each(["Basic streaming endpoint", "basic information", "a%3Fsignal%3D1"])(
    "keeps %s",
    (text) => {
      expect(isSecretValue(text)).toBe(false);
      expect(redactText(text)).toBe(text);
    },
  );
});

describe("redactBodyText", () => {
  it("redacts JSON after an anti-XSSI prefix", () => {
    const text = `)]}'\n{"streamKey": "k-1234-abc", "n": 1}`;
    expect(redactBodyText(text, "application/json")).toBe(
      `)]}'\n{"streamKey":"${REDACTED}","n":1}`,
    );
  });

  it("redacts JSON lines and event streams", () => {
    const text = `{"n":1}\ndata: {"streamKey": "k-1234-abc"}\nplain token=abcdef123\n`;
    expect(redactBodyText(text, "text/event-stream")).toBe(
      `{"n":1}\ndata: {"streamKey":"${REDACTED}"}\nplain token=${REDACTED}\n`,
    );
  });

  it("replaces known secrets in text", () => {
    const known = knownOf("Opaque1234");
    expect(redactBodyText("say Opaque1234", "text/plain", { known })).toBe(`say ${REDACTED}`);
  });
});

describe("redactEntry", () => {
  function entryWith(request: object, response: object = {}): Record<string, unknown> {
    return {
      request: { method: "GET", url: "https://api.mk.io/x", headers: [], ...request },
      response: { status: 200, headers: [], ...response },
    };
  }

  it("redacts percent-encoded query names", () => {
    const entry = entryWith({ queryString: [{ name: "si%67", value: "abc" }] });
    const redacted = redactEntry(entry, { stripBodies: false }) as typeof entry;
    expect(redacted.request).toMatchObject({ queryString: [{ name: "si%67", value: REDACTED }] });
  });

  it("redacts non-UTF-8 base64 bodies", () => {
    const bytes = Buffer.from("caf\u00e9 password=hunter2x \u00ff", "latin1");
    const content = { mimeType: "text/plain", encoding: "base64", text: bytes.toString("base64") };
    const redacted = redactEntry(entryWith({}, { content }), { stripBodies: false }) as {
      response: { content: { text: string } };
    };
    const out = Buffer.from(redacted.response.content.text, "base64").toString("latin1");
    expect(out).toBe(`caf\u00e9 password=${REDACTED} \u00ff`);
  });

  it("removes copies of secrets learned by place", () => {
    const entry = entryWith(
      {
        headers: [
          { name: "Authorization", value: "Bearer Opaque1234" },
          { name: "Cookie", value: "a=Cookie5678; b=short" },
        ],
        postData: { mimeType: "application/json", text: '{"accessToken": "Field9012", "n": "x"}' },
      },
      {
        headers: [{ name: "Set-Cookie", value: "r=Refresh3456; HttpOnly" }],
        content: {
          mimeType: "text/plain",
          text: "Opaque1234 Cookie5678 Field9012 Refresh3456",
        },
      },
    );
    const known = new KnownSecrets();
    collectEntrySecrets(entry, known);
    const redacted = redactEntry(entry, { stripBodies: false, known }) as {
      response: { content: { text: string } };
    };
    expect(redacted.response.content.text).toBe([REDACTED, REDACTED, REDACTED, REDACTED].join(" "));
  });
});
