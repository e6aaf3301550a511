import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KnownSecrets } from "../../src/redact/known-secrets.js";

function knownOf(...values: string[]): KnownSecrets {
  const known = new KnownSecrets();
  for (const value of values) known.add(value);
  return known;
}

/** Finds every value in the text by trying each one at each place, as a reference search. */
function naiveOccurrences(values: string[], text: string): { index: number; length: number }[] {
  const found: { index: number; length: number }[] = [];
  for (let index = 0; index < text.length; ) {
    const lengths = values.filter((value) => text.startsWith(value, index)).map((v) => v.length);
    if (lengths.length === 0) {
      index++;
      continue;
    }
    const length = Math.max(...lengths);
    found.push({ index, length });
    index += length;
  }
  return found;
}

describe("KnownSecrets encoded forms", () => {
  const token = "Qx7+LEAKb64/Zq9==";

  it.each([
    ["lower-case escapes", "note=Qx7%2bLEAKb64%2fZq9%3d%3d"],
    ["upper-case escapes", "note=Qx7%2BLEAKb64%2FZq9%3D%3D"],
  ])("finds %s", (_case, text) => {
    expect(knownOf(token).replaceIn(text, "#")).toBe("note=#");
  });

  it.each([
    ["+ for a space", "note=Tk9+LEAKsp55+x1", "note=#"],
    ["%20 for a space", "note=Tk9%20LEAKsp55%20x1", "note=#"],
  ])("finds a form-encoded value with %s", (_case, text, expected) => {
    expect(knownOf("Tk9 LEAKsp55 x1").replaceIn(text, "#")).toBe(expected);
  });

  it("finds URLSearchParams encoding in both cases", () => {
    const value = "Ab1 (x)!~";
    const form = new URLSearchParams([["v", value]]).toString();
    expect(form).toBe("v=Ab1+%28x%29%21%7E");
    const known = knownOf(value);
    expect(known.replaceIn(form, "#")).toBe("v=#");
    expect(known.replaceIn(form.toLowerCase().replace("ab1", "Ab1"), "#")).toBe("v=#");
  });
});

describe("KnownSecrets chunk index", () => {
  // More than 24 forms, so the chunk index is used, not indexOf.
  const prefix = "eyJhbGciOiJIUzI1NiJ9.";

  it("uses the chunk index past 24 values", () => {
    const values = Array.from({ length: 30 }, (_, i) => `${prefix}payload${i}x`);
    expect(knownOf(...values).size).toBeGreaterThan(24);
  });

  it.each([
    ["few", 1, 4],
    ["many", 30, 40],
  ])("agrees with a naive search for %s values sharing a prefix", (_case, min, max) => {
    // Short tails around the 6-character chunks, on a shared start, with letters that need no
    // encoding, so that every form of a value is the value itself.
    const tail = fc.string({
      unit: fc.constantFrom("a", "B", "1", "."),
      minLength: 0,
      maxLength: 14,
    });
    const value = fc.tuple(fc.constantFrom(prefix, "eyJhbG", "Ab12"), tail).map(([a, b]) => a + b);
    fc.assert(
      fc.property(
        fc.uniqueArray(value, { minLength: min, maxLength: max }),
        fc.array(fc.oneof(value, tail), { maxLength: 12 }),
        (values, pieces) => {
          const searched = values.filter((v) => v.length >= 6);
          const known = knownOf(...searched);
          const text = pieces.join("");
          expect([...known.occurrences(text)]).toEqual(naiveOccurrences(searched, text));
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  it("finds the longest of values that end inside one chunk", () => {
    const values = ["abcdef1", "abcdef12", "abcdef123", "abcdef123456", "abcdef1234567"];
    const known = knownOf(...values, ...Array.from({ length: 30 }, (_, i) => `zz${i}qq99`));
    expect([...known.occurrences("abcdef12345 abcdef1234567 abcdef1")]).toEqual([
      { index: 0, length: 9 },
      { index: 12, length: 13 },
      { index: 26, length: 7 },
    ]);
  });
});

describe("KnownSecrets search time", () => {
  // Each case took more than 10 s before the chunk index and the kept indexOf places.
  it("finds thousands of JWTs with one start in linear time", () => {
    const random = fc.sample(
      fc.string({ unit: fc.constantFrom(..."abcXYZ0189_-"), minLength: 30, maxLength: 30 }),
      {
        seed: 3,
        numRuns: 4000,
      },
    );
    const jwts = random.map((part, i) => `eyJhbGciOiJIUzI1NiJ9.${part}.sig${i}`);
    const known = knownOf(...jwts);
    const text = `${"x eyJhbGciOiJIUzI1NiJ9 ".repeat(100_000)}${jwts[1234]}`;
    const started = performance.now();
    expect([...known.occurrences(text)]).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("replaces 20,000 copies of one value among few", () => {
    const known = knownOf("Opaque1234token", "Other1abc", "Other2abc", "Other3abc");
    const text = "text Opaque1234token more ".repeat(20_000);
    const started = performance.now();
    expect(known.replaceIn(text, "#")).toBe("text # more ".repeat(20_000));
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
