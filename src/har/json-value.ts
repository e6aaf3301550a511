import { constants } from "node:buffer";
import { isWhitespace } from "./capture.js";
import { firstNonSpace } from "./document-head.js";
import {
  continuesLiteral,
  isHexDigit,
  isSimpleEscape,
  LITERALS,
  NUMBER_ENDS,
  NUMBER_INVALID,
  nextNumberState,
  numberComplete,
  numberStart,
} from "./json-tokens.js";
import { isPlainString, plainRunEnd, type StringRange } from "./long-strings.js";
import { type KeepOptions, ValueKeeper } from "./value-keeper.js";

/**
 * Objects and arrays may nest this deep inside one value. The deepest entry in 33 real captures
 * from browsers, proxies and tools nests 16 levels.
 */
export const MAX_NESTING = 1000;

/** Maximum number of kept bytes of one value, because `JSON.parse` takes them as one string. */
export const MAX_KEPT_BYTES = constants.MAX_STRING_LENGTH;

/** Strings are scanned byte by byte for this many bytes before the word-wise scan takes over. */
const SHORT_RUN = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON_BYTE = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** A first syntax error, or a value nested or kept beyond the limits above. */
export interface ValueFailure {
  kind: "syntax" | "nesting" | "size";
  /** Byte offset in the input: of the token at fault, or for `size`, where the limit was passed. */
  offset: number;
  /** The character at `offset`, empty for `size`. */
  found: string;
}

/** Options of a `JsonValueReader`, with those of its `ValueKeeper`. */
export interface ValueOptions extends KeepOptions {
  /** Fails with `size` once more than this many bytes are kept (default `MAX_KEPT_BYTES`). */
  maxKeptBytes?: number;
}

// Parser states, as plain numbers so that the byte loop compares constants.
const VALUE = 0; // a value is expected
const ITEM_OR_CLOSE = 1; // after `[`
const KEY_OR_CLOSE = 2; // after `{`
const KEY = 3; // after a comma in an object
const COLON = 4;
const AFTER_VALUE = 5; // a comma or the end of the container is expected
const STRING = 6;
const ESCAPE = 7; // after a backslash
const UNICODE = 8; // in the four hex digits of a `\u` escape
const NUMBER = 9;
const LITERAL = 10;
const LITERAL_END = 11; // after a whole literal, which the next byte must not continue
const DONE = 12;

const OBJECT = 0;
const ARRAY = 1;

/**
 * Reads one JSON value that arrives in chunks. It checks the syntax byte by byte, stops at the
 * first byte that makes the value invalid, and reports the error where jsonc-parser reports its
 * first one, so that messages match the whole-file reader. It finds where the value ends, and a
 * `ValueKeeper` keeps the bytes of the fields that `keep` names, so that `JSON.parse` on them gives the kept
 * fields. Memory stays within the nesting limit and the kept bytes, however long the value is.
 */
export class JsonValueReader {
  /** The first problem found, after which the value is not read further. */
  failure: ValueFailure | undefined;
  private readonly keeper: ValueKeeper;
  private state = VALUE;
  private readonly containers: number[] = [];
  /** Input offset of the next byte to be fed, and of the current chunk's first byte. */
  private offset: number;
  private base = 0;
  private tokenStart = 0;
  private tokenByte = 0;
  /** A number's state, the hex digits left in a `\u` escape, or the bytes of a literal read. */
  private tokenState = 0;
  private literal: Buffer = LITERALS.get(0x6e) as Buffer;
  private stringIsKey = false;

  /** @param start byte offset in the input of the value's first byte */
  constructor(
    readonly start: number,
    private readonly options: ValueOptions = {},
  ) {
    this.offset = start;
    this.keeper = new ValueKeeper(options);
  }

  /** Kept strings of `LONG_STRING_BYTES` or more with their quotes, as offsets in `bytes()`. */
  get longStrings(): StringRange[] {
    return this.keeper.longStrings;
  }

  /** Tells whether input that ends now leaves one whole value. */
  completeAtEnd(): boolean {
    if (this.state === DONE) return true;
    if (this.containers.length > 0) return false;
    if (this.state === LITERAL_END) return true;
    return this.state === NUMBER && numberComplete(this.tokenState);
  }

  /**
   * Returns the syntax error for a token outside any container that the end of the input cut,
   * which jsonc-parser reports as an error rather than as a truncation, or undefined.
   */
  cutTokenAtTop(): ValueFailure | undefined {
    if (this.containers.length > 0 || this.state === VALUE) return undefined;
    if (this.completeAtEnd()) return undefined;
    return { kind: "syntax", offset: this.tokenStart, found: String.fromCharCode(this.tokenByte) };
  }

  /** Returns the kept bytes. */
  bytes(): Buffer {
    return this.keeper.bytes();
  }

  /** Copies the kept bytes out of the chunks, which the reader may reuse. */
  detach(): void {
    this.keeper.detach();
  }

  /**
   * Reads `chunk` from `from` and returns the index just past the value, or -1 if the value goes
   * on or `failure` was set. A number or literal ends before the byte that follows it.
   */
  feed(chunk: Buffer, from: number): number {
    this.base = this.offset - from;
    this.keeper.begin(chunk, from, this.base);
    let index = from;
    while (index < chunk.length && this.state !== DONE && this.failure === undefined) {
      index = this.step(chunk, index);
    }
    this.offset = this.base + index;
    if (this.failure !== undefined) return -1;
    const inString = this.state >= STRING && this.state <= UNICODE;
    const string = inString ? { start: this.tokenStart, isKey: this.stringIsKey } : undefined;
    const limit = this.options.maxKeptBytes ?? MAX_KEPT_BYTES;
    if (!this.keeper.endChunk(chunk, index, string, limit)) {
      this.failure = { kind: "size", offset: this.offset, found: "" };
      return -1;
    }
    return this.state === DONE ? index : -1;
  }

  private step(chunk: Buffer, index: number): number {
    const byte = chunk[index] as number;
    switch (this.state) {
      case STRING:
        return this.scanString(chunk, index);
      case AFTER_VALUE:
        if (byte === COMMA) return this.nextItem(index);
        if (byte === CLOSE_BRACE) return this.close(OBJECT, chunk, index);
        if (byte === CLOSE_BRACKET) return this.close(ARRAY, chunk, index);
        break;
      case COLON:
        if (byte !== COLON_BYTE) break;
        this.state = VALUE;
        return index + 1;
      case KEY_OR_CLOSE:
        if (byte === CLOSE_BRACE) return this.close(OBJECT, chunk, index);
        if (byte !== QUOTE) break;
        return this.startString(true, index);
      case KEY:
        if (byte !== QUOTE) break;
        return this.startString(true, index);
      case ITEM_OR_CLOSE:
        if (byte === CLOSE_BRACKET) return this.close(ARRAY, chunk, index);
        if (isWhitespace(byte)) break;
        return this.startValue(byte, chunk, index);
      case VALUE:
        if (isWhitespace(byte)) break;
        return this.startValue(byte, chunk, index);
      case NUMBER:
        return this.scanNumber(chunk, index);
      case LITERAL:
        return this.scanLiteral(chunk, index);
      case LITERAL_END:
        return continuesLiteral(byte) ? this.failToken(index) : this.endValue(index);
      case ESCAPE:
        return this.stepEscape(byte, index);
      case UNICODE:
        return this.stepHexDigit(byte, index);
    }
    return isWhitespace(byte) ? this.skipSpace(chunk, index) : this.fail(chunk, index);
  }

  /** Moves past a comma to the next member or item. */
  private nextItem(index: number): number {
    if (this.containers[this.containers.length - 1] === OBJECT) {
      this.state = KEY;
    } else {
      this.state = VALUE;
      this.keeper.nextItem();
    }
    return index + 1;
  }

  private skipSpace(chunk: Buffer, from: number): number {
    const end = firstNonSpace(chunk, from + 1);
    const index = end === -1 ? chunk.length : end;
    this.keeper.space(from, index);
    return index;
  }

  private startValue(byte: number, chunk: Buffer, index: number): number {
    this.keeper.startValue(byte, index);
    if (byte === QUOTE) return this.startString(false, index);
    if (byte === OPEN_BRACE) return this.open(OBJECT, index);
    if (byte === OPEN_BRACKET) return this.open(ARRAY, index);
    this.tokenStart = this.base + index;
    this.tokenByte = byte;
    const number = numberStart(byte);
    if (number !== undefined) {
      this.tokenState = number;
      this.state = NUMBER;
      return index + 1;
    }
    const literal = LITERALS.get(byte);
    if (!literal) return this.fail(chunk, index);
    this.literal = literal;
    this.tokenState = 1;
    this.state = LITERAL;
    return index + 1;
  }

  private startString(isKey: boolean, index: number): number {
    this.tokenStart = this.base + index;
    this.tokenByte = QUOTE;
    this.stringIsKey = isKey;
    this.state = STRING;
    this.keeper.startString(index);
    return index + 1;
  }

  private open(container: number, index: number): number {
    if (this.containers.length >= MAX_NESTING) {
      const found = container === OBJECT ? "{" : "[";
      this.failure = { kind: "nesting", offset: this.base + index, found };
      return index;
    }
    this.containers.push(container);
    this.keeper.open(container === ARRAY, index);
    this.state = container === OBJECT ? KEY_OR_CLOSE : ITEM_OR_CLOSE;
    return index + 1;
  }

  private close(container: number, chunk: Buffer, index: number): number {
    if (this.containers[this.containers.length - 1] !== container) return this.fail(chunk, index);
    this.containers.pop();
    this.keeper.close(index);
    return this.endValue(index + 1);
  }

  /** Moves on after a value that ended just before `index`. */
  private endValue(index: number): number {
    const depth = this.containers.length;
    this.keeper.endValue(index, depth);
    this.state = depth === 0 ? DONE : AFTER_VALUE;
    return index;
  }

  private fail(chunk: Buffer, index: number): number {
    const found = chunk
      .subarray(index, index + 4)
      .toString("utf8")
      .charAt(0);
    this.failure = { kind: "syntax", offset: this.base + index, found };
    return index;
  }

  /** Fails at the start of the current token, where jsonc-parser reports a bad token. */
  /** Fails at a control character inside a string, which JSON allows only escaped. */
  private failControl(index: number, byte: number): number {
    this.failure = { kind: "syntax", offset: this.base + index, found: String.fromCharCode(byte) };
    return index;
  }

  private failToken(index: number): number {
    const found = String.fromCharCode(this.tokenByte);
    this.failure = { kind: "syntax", offset: this.tokenStart, found };
    return index;
  }

  private scanNumber(chunk: Buffer, from: number): number {
    let state = this.tokenState;
    for (let index = from; index < chunk.length; index++) {
      const next = nextNumberState(state, chunk[index] as number);
      if (next === NUMBER_INVALID) return this.failToken(index);
      if (next === NUMBER_ENDS) {
        this.tokenState = state;
        return this.endValue(index);
      }
      state = next;
    }
    this.tokenState = state;
    return chunk.length;
  }

  private scanLiteral(chunk: Buffer, from: number): number {
    const literal = this.literal;
    let index = from;
    for (; index < chunk.length && this.tokenState < literal.length; index++) {
      if (chunk[index] !== literal[this.tokenState]) return this.failToken(index);
      this.tokenState++;
    }
    if (this.tokenState === literal.length) this.state = LITERAL_END;
    return index;
  }

  private stepEscape(byte: number, index: number): number {
    if (byte === 0x75) {
      this.tokenState = 4;
      this.state = UNICODE;
    } else if (isSimpleEscape(byte)) {
      this.state = STRING;
    } else {
      return this.failToken(index);
    }
    return index + 1;
  }

  private stepHexDigit(byte: number, index: number): number {
    if (!isHexDigit(byte)) return this.failToken(index);
    this.tokenState--;
    if (this.tokenState === 0) this.state = STRING;
    return index + 1;
  }

  /** Scans string content up to its closing quote, a backslash or the end of the chunk. */
  private scanString(chunk: Buffer, from: number): number {
    const shortEnd = Math.min(chunk.length, from + SHORT_RUN);
    let index = from;
    for (; index < shortEnd; index++) {
      const byte = chunk[index] as number;
      // Most bytes are above the quote and are not a backslash, so one test passes them.
      if (byte > QUOTE && byte !== BACKSLASH) continue;
      if (byte === QUOTE) return this.endString(chunk, index + 1);
      if (byte === BACKSLASH) {
        this.state = ESCAPE;
        return index + 1;
      }
      if (byte < 0x20) return this.failControl(index, byte);
    }
    if (index >= chunk.length) return index;
    // A long run, such as a base64 body, ends at the next quote, found by a native search. The
    // run up to it is then checked four words at a time, and searched byte by byte only when it
    // contains a backslash or a control character. The byte loop above handles the byte found.
    const quote = chunk.indexOf(QUOTE, index);
    const end = quote === -1 ? chunk.length : quote;
    return isPlainString(chunk, index, end) ? end : plainRunEnd(chunk, index, end);
  }

  private endString(chunk: Buffer, index: number): number {
    if (!this.stringIsKey) {
      this.keeper.endString(index, this.tokenStart);
      return this.endValue(index);
    }
    this.keeper.endKey(chunk, index, this.tokenStart);
    this.state = COLON;
    return index;
  }
}
