import { LONG_STRING_BYTES, type StringRange } from "./long-strings.js";

/** Byte values of the JSON characters that the scanners look for. */
export const Byte = {
  quote: 0x22,
  backslash: 0x5c,
  comma: 0x2c,
  colon: 0x3a,
  openBrace: 0x7b,
  closeBrace: 0x7d,
  openBracket: 0x5b,
  closeBracket: 0x5d,
} as const;

/** Strings are scanned byte by byte for this many bytes before `indexOf` takes over. */
const SHORT_STRING_BYTES = 64;

/** Tells whether a byte is JSON whitespace: space, tab, line feed or carriage return. */
export function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Tells whether a byte ends a number or literal such as `true`. */
function endsScalar(byte: number): boolean {
  return (
    isWhitespace(byte) ||
    byte === Byte.comma ||
    byte === Byte.colon ||
    byte === Byte.quote ||
    byte === Byte.openBrace ||
    byte === Byte.closeBrace ||
    byte === Byte.openBracket ||
    byte === Byte.closeBracket
  );
}

/** Tells whether the run of backslashes that ends just before `end` has odd length. */
function oddBackslashesBefore(chunk: Buffer, from: number, end: number): boolean {
  let count = 0;
  for (let index = end - 1; index >= from && chunk[index] === Byte.backslash; index--) count++;
  return count % 2 === 1;
}

/**
 * Collects the bytes of one JSON value, which may span many chunks, and finds where it ends by
 * matching brackets outside strings. It checks nothing else: `JSON.parse` on the collected bytes
 * does. Only quotes and backslashes can end or escape a string, and neither byte occurs inside a
 * multi-byte UTF-8 sequence, so a string's contents are skipped with `indexOf`.
 */
export class ValueCapture {
  /** Set when a closing bracket did not match its opening one, which ends the value. */
  mismatched = false;
  /** Strings of `LONG_STRING_BYTES` or more with their quotes, as offsets in the value's bytes. */
  readonly longStrings: StringRange[] = [];
  private readonly pieces: Buffer[] = [];
  /** Number of pieces, from the first, that are copies rather than views of a chunk. */
  private copied = 0;
  private length = 0;
  /** The closing bytes expected, innermost last. */
  private readonly closers: number[] = [];
  private inString = false;
  /** Whether the next string byte is escaped by a backslash at the end of the last chunk. */
  private escaped = false;
  /** Offset of the current string's opening quote in the value's bytes. */
  private stringStart = 0;

  /**
   * @param start byte offset of the value's first byte in the input
   * @param scalar true for a number or literal, which ends at the first delimiter
   */
  constructor(
    readonly start: number,
    readonly scalar: boolean,
  ) {}

  /** Copies the bytes collected so far out of the chunks, which the reader may reuse. */
  detach(): void {
    for (let index = this.copied; index < this.pieces.length; index++) {
      this.pieces[index] = Buffer.from(this.pieces[index] as Buffer);
    }
    this.copied = this.pieces.length;
  }

  /** Returns the bytes collected so far. */
  bytes(): Buffer {
    const only = this.pieces[0];
    if (this.pieces.length === 1 && only) return only;
    return Buffer.concat(this.pieces, this.length);
  }

  /** Scans `chunk` from `from` and returns the index just past the value, or -1 if it goes on. */
  feed(chunk: Buffer, from: number): number {
    const end = this.scalar ? this.scalarEnd(chunk, from) : this.nestedEnd(chunk, from);
    this.keep(chunk, from, end === -1 ? chunk.length : end);
    return end;
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.pieces.push(chunk.subarray(from, to));
    this.length += to - from;
  }

  private scalarEnd(chunk: Buffer, from: number): number {
    for (let index = from; index < chunk.length; index++) {
      if (endsScalar(chunk[index] as number)) return index;
    }
    return -1;
  }

  private nestedEnd(chunk: Buffer, from: number): number {
    let index = from;
    while (index < chunk.length) {
      if (this.inString) {
        index = this.skipString(chunk, index);
        if (index === -1) return -1;
        this.noteString(this.length + index - from);
        if (this.closers.length === 0) return index;
        continue;
      }
      const byte = chunk[index] as number;
      index++;
      if (byte === Byte.quote) {
        this.inString = true;
        this.stringStart = this.length + index - 1 - from;
      } else if (byte === Byte.openBrace) this.closers.push(Byte.closeBrace);
      else if (byte === Byte.openBracket) this.closers.push(Byte.closeBracket);
      else if (byte === Byte.closeBrace || byte === Byte.closeBracket) {
        if (this.closers.pop() !== byte) this.mismatched = true;
        if (this.mismatched || this.closers.length === 0) return index;
      }
    }
    return -1;
  }

  private noteString(end: number): void {
    if (end - this.stringStart >= LONG_STRING_BYTES) this.longStrings.push([this.stringStart, end]);
  }

  /**
   * Skips the rest of the current string and returns the index just past its closing quote, or
   * -1 if the chunk ends first. Short strings, such as keys and header values, are scanned byte
   * by byte, because each `Buffer.indexOf` call costs more than scanning a few dozen bytes.
   */
  private skipString(chunk: Buffer, from: number): number {
    let index = from;
    if (this.escaped) {
      if (index >= chunk.length) return -1;
      this.escaped = false;
      index++;
    }
    const limit = Math.min(chunk.length, index + SHORT_STRING_BYTES);
    while (index < limit) {
      const byte = chunk[index] as number;
      if (byte === Byte.quote) {
        this.inString = false;
        return index + 1;
      }
      index += byte === Byte.backslash ? 2 : 1;
    }
    if (index >= chunk.length) {
      // A backslash as the last byte escapes the first byte of the next chunk.
      this.escaped = index > chunk.length;
      return -1;
    }
    const quote = this.stringEnd(chunk, index);
    if (quote === -1) return -1;
    this.inString = false;
    return quote + 1;
  }

  /**
   * Finds the quote that ends a long string from an index that is not escaped, or returns -1
   * if the chunk ends first.
   */
  private stringEnd(chunk: Buffer, from: number): number {
    let index = from;
    for (;;) {
      const quote = chunk.indexOf(Byte.quote, index);
      if (quote === -1) {
        this.escaped = oddBackslashesBefore(chunk, index, chunk.length);
        return -1;
      }
      if (!oddBackslashesBefore(chunk, index, quote)) return quote;
      index = quote + 1;
    }
  }
}
