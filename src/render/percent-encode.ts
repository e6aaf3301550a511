const UNRESERVED = /^[A-Za-z0-9\-._~!*'()]$/;
const UTF8 = new TextEncoder();

/**
 * Percent-encodes every UTF-8 byte of `text` except letters, digits and `-._~!*'()`, the
 * characters `encodeURIComponent` keeps. A lone surrogate is encoded as U+FFFD.
 */
export function percentEncode(text: string): string {
  let out = "";
  for (const char of text) {
    if (UNRESERVED.test(char)) {
      out += char;
      continue;
    }
    for (const byte of UTF8.encode(char)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}
