import { describe, expect, it } from "vitest";
import { isPlainString } from "../../src/har/long-strings.js";

/** Bytes placed at an offset inside a larger buffer, so that word alignment varies. */
function placed(content: number[], offset: number): Buffer {
  const backing = Buffer.alloc(content.length + 8, 0x41);
  backing.set(content, offset);
  return backing.subarray(offset, offset + content.length);
}

const LENGTHS = [0, 1, 3, 4, 5, 15, 16, 17, 31, 33, 40];
const OFFSETS = [0, 1, 2, 3];

describe("isPlainString", () => {
  const hex = (bytes: number[]) => bytes.map((byte) => [byte.toString(16).padStart(2, "0"), byte]);

  it.each(hex([0x20, 0x41, 0x7e, 0x7f, 0x80, 0xc3, 0xff]))(
    "accepts byte 0x%s everywhere",
    (_name, byte) => {
      for (const length of LENGTHS) {
        for (const offset of OFFSETS) {
          const bytes = placed(Array(length).fill(byte), offset);
          expect(isPlainString(bytes, 0, bytes.length)).toBe(true);
        }
      }
    },
  );

  it.each(hex([0x00, 0x01, 0x0a, 0x1f, 0x5c]))(
    "rejects byte 0x%s at every position",
    (_name, bad) => {
      for (const length of LENGTHS.filter((value) => value > 0)) {
        for (const offset of OFFSETS) {
          for (let position = 0; position < length; position++) {
            const content = Array(length).fill(0x41);
            content[position] = bad;
            const bytes = placed(content, offset);
            expect(isPlainString(bytes, 0, bytes.length)).toBe(false);
          }
        }
      }
    },
  );

  it("checks only the range it is given", () => {
    const bytes = Buffer.from('\\"AAAAAAAAAAAA"\\');
    expect(isPlainString(bytes, 2, bytes.length - 2)).toBe(true);
    expect(isPlainString(bytes, 0, bytes.length)).toBe(false);
  });
});
