import { Byte, isWhitespace } from "./capture.js";
import { ENTRY_FIELDS, SKIP } from "./entry-fields.js";
import { JsonValueReader, type ValueFailure, type ValueOptions } from "./json-value.js";
import type { StringRange } from "./long-strings.js";

/** A value that the scanner has collected, in document order. */
export type ScanEvent =
  | { kind: "entry"; index: number; offset: number; bytes: Buffer; longStrings: StringRange[] }
  /**
   * A value outside `log.entries`, such as `log.pages`, which conversion only checks for valid
   * JSON. `key` is its member name in `parent`, the root object or `log`.
   */
  | { kind: "value"; offset: number; bytes: Buffer; key: string; parent: ObjectFrame };

/** A container that the scanner follows byte by byte: the root object, `log` or `log.entries`. */
export type Frame = "root" | "log" | "entries";

/** A followed object, which contains keyed members. */
export type ObjectFrame = Exclude<Frame, "entries">;

/** The opening or closing bracket of a followed container, at byte `offset`. */
export type StructureMark =
  | { kind: "open"; frame: Frame; offset: number }
  | { kind: "close"; frame: Frame; offset: number };

/** Settings of a scanner. */
export interface ScannerOptions {
  /**
   * Records a `StructureMark` in `marks` for each bracket of the root object, `log` and
   * `log.entries`, so that a consumer can write the document again in its order.
   */
  recordStructure?: boolean;
  /**
   * Keeps only what conversion reads: the entry fields that `readRawEntry` uses, and a long
   * response body only if `needsBody` accepts the kept bytes of the entry's `request`. Values
   * outside `log.entries` are checked but neither kept nor given as events.
   */
  conversion?: { needsBody?: (request: Buffer) => boolean };
}

/** A key of the root object or of `log` longer than this, in bytes, is not `log` or `entries`. */
const MAX_STRUCTURE_KEY_BYTES = 64;

/** The structure found once the input has ended. */
export interface ScanResult {
  /** Every object and array was closed and nothing followed the document. */
  complete: boolean;
  /** A value cut off by the end of the input, with its entry index if it was an entry. */
  partial?: { offset: number; bytes: Buffer; index?: number };
  logIsObject: boolean;
  entriesIsArray: boolean;
  entriesOpened: boolean;
  entriesClosed: boolean;
  entryCount: number;
}

// Parser states. `key`, `colon`, `value` and `commaOrEnd` belong to an object frame, the `item`
// states to the entries array.
type State =
  | "beforeRoot"
  | "afterRoot"
  | "keyOrEnd"
  | "key"
  | "colon"
  | "value"
  | "commaOrEnd"
  | "itemOrEnd"
  | "item"
  | "itemCommaOrEnd";

type CaptureRole = "key" | "entry" | "value";

/**
 * Finds the elements of `log.entries` in a HAR document that arrives in chunks, without parsing
 * the rest. It keeps no view of a chunk after `push` returns, and events' bytes stay valid until
 * the next `push`. The root, `log` and `log.entries` are followed byte by byte and checked as JSON
 * syntax. Every other value is checked as it arrives, and the scan stops at its first invalid
 * byte. Entries, and without `conversion` the other values too, are collected and handed out as
 * events. The document must start with `{`, because the reader handles any other first byte.
 */
export class HarScanner {
  /** Collected values not yet taken by the reader. */
  readonly events: ScanEvent[] = [];
  /**
   * Brackets of followed containers not yet taken by the reader, recorded only with
   * `recordStructure`. Their offsets order them among `events`.
   */
  readonly marks: StructureMark[] = [];
  /** Byte offset of the first syntax error, or of a value nested or kept past its limit. */
  failure: number | undefined;
  /** Its kind and the character at fault, when the failure lies inside a value. */
  valueFailure: ValueFailure | undefined;
  private position: number;
  private state: State = "beforeRoot";
  private readonly frames: Frame[] = [];
  private key = "";
  private capture: JsonValueReader | undefined;
  private captureRole: CaptureRole = "value";
  private logIsObject = false;
  private entriesIsArray = false;
  private entriesOpened = false;
  private entriesClosed = false;
  private entryCount = 0;
  private readonly recordStructure: boolean;
  private readonly conversion: ScannerOptions["conversion"];

  /** @param start byte offset of the first byte pushed, such as 3 after a byte-order mark */
  constructor(start = 0, options: ScannerOptions = {}) {
    this.position = start;
    this.recordStructure = options.recordStructure === true;
    this.conversion = options.conversion;
  }

  /** Number of `log.entries` elements collected so far. */
  get entriesFound(): number {
    return this.entryCount;
  }

  /** Tells where the scanner is, for messages: the entries element it is in or after. */
  entriesPlace(): { index: number; within: boolean } | undefined {
    if (!this.frames.includes("entries")) return undefined;
    const capture = this.capture;
    if (capture && this.captureRole === "entry" && this.failure !== capture.start) {
      return { index: this.entryCount, within: true };
    }
    return { index: this.entryCount - 1, within: false };
  }

  /** Scans the next chunk, up to the first structural error. */
  push(chunk: Buffer): void {
    let index = 0;
    while (index < chunk.length && this.failure === undefined) {
      if (this.capture) {
        const end = this.capture.feed(chunk, index);
        if (this.capture.failure) this.failValue(this.capture.failure);
        if (end === -1) break;
        this.completeCapture(this.capture);
        index = end;
        continue;
      }
      const byte = chunk[index] as number;
      if (isWhitespace(byte)) {
        index++;
        continue;
      }
      if (this.step(byte, this.position + index)) index++;
    }
    this.position += chunk.length;
    // The reader may reuse the chunk's memory, so a value still being collected keeps a copy.
    this.capture?.detach();
  }

  /** Reports the structure at the end of the input. */
  finish(): ScanResult {
    const result: ScanResult = {
      complete: this.state === "afterRoot" && this.failure === undefined,
      logIsObject: this.logIsObject,
      entriesIsArray: this.entriesIsArray,
      entriesOpened: this.entriesOpened,
      entriesClosed: this.entriesClosed,
      entryCount: this.entryCount,
    };
    const capture = this.capture;
    if (capture) {
      result.partial = { offset: capture.start, bytes: capture.bytes() };
      if (this.captureRole === "entry") result.partial.index = this.entryCount;
    }
    return result;
  }

  /** Handles one byte outside a collected value, and returns false if the byte starts one. */
  private step(byte: number, offset: number): boolean {
    switch (this.state) {
      case "beforeRoot":
        return byte === Byte.openBrace ? this.open("root", offset) : this.fail(offset);
      case "afterRoot":
        return this.fail(offset);
      case "keyOrEnd":
        if (byte === Byte.closeBrace) return this.close(offset);
        return this.startKey(byte, offset);
      case "key":
        return this.startKey(byte, offset);
      case "colon":
        if (byte !== Byte.colon) return this.fail(offset);
        this.state = "value";
        return true;
      case "value":
        return this.startValue(byte, offset);
      case "commaOrEnd":
        if (byte === Byte.closeBrace) return this.close(offset);
        return this.expectComma(byte, offset, "key");
      case "itemOrEnd":
        if (byte === Byte.closeBracket) return this.close(offset);
        return this.startItem(byte, offset);
      case "item":
        return this.startItem(byte, offset);
      case "itemCommaOrEnd":
        if (byte === Byte.closeBracket) return this.close(offset);
        return this.expectComma(byte, offset, "item");
    }
  }

  private fail(offset: number): boolean {
    this.failure = offset;
    return true;
  }

  private expectComma(byte: number, offset: number, next: State): boolean {
    if (byte !== Byte.comma) return this.fail(offset);
    this.state = next;
    return true;
  }

  private open(frame: Frame, offset: number): boolean {
    this.frames.push(frame);
    this.state = frame === "entries" ? "itemOrEnd" : "keyOrEnd";
    if (this.recordStructure) this.marks.push({ kind: "open", frame, offset });
    return true;
  }

  private close(offset: number): boolean {
    const frame = this.frames.pop();
    if (frame && this.recordStructure) this.marks.push({ kind: "close", frame, offset });
    if (frame === "entries") this.entriesClosed = true;
    this.state = this.frames.length === 0 ? "afterRoot" : "commaOrEnd";
    return true;
  }

  private startKey(byte: number, offset: number): boolean {
    if (byte !== Byte.quote) return this.fail(offset);
    return this.startCapture("key", offset);
  }

  private startItem(byte: number, offset: number): boolean {
    const invalid = byte === Byte.comma || byte === Byte.colon;
    if (invalid || byte === Byte.closeBrace || byte === Byte.closeBracket) return this.fail(offset);
    return this.startCapture("entry", offset);
  }

  /** Starts the value of `key`: `log` and `log.entries` are followed, others collected. */
  private startValue(byte: number, offset: number): boolean {
    const frame = this.frames[this.frames.length - 1];
    // NOTE: with a key given twice, JSON.parse keeps the last value. Here the entries of both
    // arrays are read, and only the last value decides whether the document is a HAR.
    if (frame === "root" && this.key === "log") {
      this.logIsObject = byte === Byte.openBrace;
      this.entriesIsArray = false;
      if (this.logIsObject) return this.open("log", offset);
    }
    if (frame === "log" && this.key === "entries") {
      this.entriesIsArray = byte === Byte.openBracket;
      if (this.entriesIsArray) {
        this.entriesOpened = true;
        return this.open("entries", offset);
      }
    }
    const invalid = byte === Byte.comma || byte === Byte.colon;
    if (invalid || byte === Byte.closeBrace || byte === Byte.closeBracket) return this.fail(offset);
    return this.startCapture("value", offset);
  }

  private startCapture(role: CaptureRole, offset: number): boolean {
    this.capture = new JsonValueReader(offset, this.captureOptions(role));
    this.captureRole = role;
    return false;
  }

  private captureOptions(role: CaptureRole): ValueOptions {
    const conversion = this.conversion;
    if (!conversion) return {};
    if (role === "key") return { dropLongerThan: MAX_STRUCTURE_KEY_BYTES };
    if (role === "value") return { keep: SKIP };
    return { keep: ENTRY_FIELDS, needsBody: conversion.needsBody };
  }

  private failValue(failure: ValueFailure): void {
    this.failure = failure.offset;
    this.valueFailure = failure;
  }

  private completeCapture(capture: JsonValueReader): void {
    this.capture = undefined;
    const bytes = capture.bytes();
    if (this.captureRole === "key") {
      this.completeKey(bytes, capture.start);
      return;
    }
    if (this.captureRole === "entry") {
      const { longStrings } = capture;
      const index = this.entryCount;
      this.events.push({ kind: "entry", index, offset: capture.start, bytes, longStrings });
      this.entryCount++;
      this.state = "itemCommaOrEnd";
    } else {
      const parent = this.frames[this.frames.length - 1] as ObjectFrame;
      if (!this.conversion) {
        this.events.push({ kind: "value", offset: capture.start, bytes, key: this.key, parent });
      }
      this.state = "commaOrEnd";
    }
  }

  private completeKey(bytes: Buffer, offset: number): void {
    try {
      this.key = JSON.parse(bytes.toString("utf8")) as string;
      this.state = "colon";
    } catch {
      this.failure = offset;
    }
  }
}
