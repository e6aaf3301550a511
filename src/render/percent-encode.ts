import type { SegmentEncoding } from "../model/types.js";

const UNRESERVED = /^[A-Za-z0-9\-._~!*'()]$/;
const UTF8 = new TextEncoder();

function encodeEach(text: string, isKept: (char: string) => boolean, lowerCaseHex = false): string {
  let out = "";
  for (const char of text) {
    if (isKept(char)) {
      out += char;
      continue;
    }
    for (const byte of UTF8.encode(char)) {
      const hex = byte.toString(16).padStart(2, "0");
      out += `%${lowerCaseHex ? hex : hex.toUpperCase()}`;
    }
  }
  return out;
}

/**
 * Percent-encodes every UTF-8 byte of `text` except letters, digits and `-._~!*'()`, the
 * characters `encodeURIComponent` keeps. A lone surrogate is encoded as U+FFFD.
 */
export function percentEncode(text: string): string {
  return encodeEach(text, (char) => UNRESERVED.test(char));
}

/**
 * Percent-encodes a path segment value as its recorded segment was encoded: as `percentEncode`
 * does, but also encoding the characters of `encoding.encode`, keeping those of `encoding.keep`
 * and writing lower-case hex digits when `encoding.lowerCaseHex` is set.
 */
export function encodeSegment(text: string, encoding: SegmentEncoding | undefined): string {
  if (!encoding) return percentEncode(text);
  const { encode, keep, lowerCaseHex } = encoding;
  const isKept = (char: string) =>
    keep.includes(char) || (UNRESERVED.test(char) && !encode.includes(char));
  return encodeEach(text, isKept, lowerCaseHex);
}
