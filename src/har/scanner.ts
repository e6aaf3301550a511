import { Byte, isWhitespace, ValueCapture } from "./capture.js";
import type { StringRange } from "./long-strings.js";

/** A value that the scanner has collected, in document order. */
export type ScanEvent =
  | { kind: "entry"; index: number; offset: number; bytes: Buffer; longStrings: StringRange[] }
  /** A value outside `log.entries`, such as `log.pages`, which is only checked for valid JSON. */
  | { kind: "value"; offset: number; bytes: Buffer };

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

type Frame = "root" | "log" | "entries";

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
 * syntax. Every other value is collected whole and handed out as an event. The document must
 * start with `{`, because the reader handles any other first byte itself.
 */
export class HarScanner {
  /** Collected values not yet taken by the reader. */
  readonly events: ScanEvent[] = [];
  /** Byte offset of the first syntax error found in the structure, if any. */
  failure: number | undefined;
  private position: number;
  private state: State = "beforeRoot";
  private readonly frames: Frame[] = [];
  private key = "";
  private capture: ValueCapture | undefined;
  private captureRole: CaptureRole = "value";
  private logIsObject = false;
  private entriesIsArray = false;
  private entriesOpened = false;
  private entriesClosed = false;
  private entryCount = 0;

  /** @param start byte offset of the first byte pushed, such as 3 after a byte-order mark */
  constructor(start = 0) {
    this.position = start;
  }

  /** Number of `log.entries` elements collected so far. */
  get entriesFound(): number {
    return this.entryCount;
  }

  /** Tells where the scanner is, for messages: the entries element it is in or after. */
  entriesPlace(): { index: number; within: boolean } | undefined {
    if (!this.frames.includes("entries")) return undefined;
    if (this.capture && this.captureRole === "entry") {
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
        return byte === Byte.openBrace ? this.open("root") : this.fail(offset);
      case "afterRoot":
        return this.fail(offset);
      case "keyOrEnd":
        if (byte === Byte.closeBrace) return this.close();
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
        if (byte === Byte.closeBrace) return this.close();
        return this.expectComma(byte, offset, "key");
      case "itemOrEnd":
        if (byte === Byte.closeBracket) return this.close();
        return this.startItem(byte, offset);
      case "item":
        return this.startItem(byte, offset);
      case "itemCommaOrEnd":
        if (byte === Byte.closeBracket) return this.close();
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

  private open(frame: Frame): boolean {
    this.frames.push(frame);
    this.state = frame === "entries" ? "itemOrEnd" : "keyOrEnd";
    return true;
  }

  private close(): boolean {
    const frame = this.frames.pop();
    if (frame === "entries") this.entriesClosed = true;
    this.state = this.frames.length === 0 ? "afterRoot" : "commaOrEnd";
    return true;
  }

  private startKey(byte: number, offset: number): boolean {
    if (byte !== Byte.quote) return this.fail(offset);
    return this.startCapture("key", byte, offset);
  }

  private startItem(byte: number, offset: number): boolean {
    const invalid = byte === Byte.comma || byte === Byte.colon;
    if (invalid || byte === Byte.closeBrace || byte === Byte.closeBracket) return this.fail(offset);
    return this.startCapture("entry", byte, offset);
  }

  /** Starts the value of `key`: `log` and `log.entries` are followed, others collected. */
  private startValue(byte: number, offset: number): boolean {
    const frame = this.frames[this.frames.length - 1];
    // NOTE: with a key given twice, JSON.parse keeps the last value. Here the entries of both
    // arrays are read, and only the last value decides whether the document is a HAR.
    if (frame === "root" && this.key === "log") {
      this.logIsObject = byte === Byte.openBrace;
      this.entriesIsArray = false;
      if (this.logIsObject) return this.open("log");
    }
    if (frame === "log" && this.key === "entries") {
      this.entriesIsArray = byte === Byte.openBracket;
      if (this.entriesIsArray) {
        this.entriesOpened = true;
        return this.open("entries");
      }
    }
    const invalid = byte === Byte.comma || byte === Byte.colon;
    if (invalid || byte === Byte.closeBrace || byte === Byte.closeBracket) return this.fail(offset);
    return this.startCapture("value", byte, offset);
  }

  private startCapture(role: CaptureRole, byte: number, offset: number): boolean {
    const nested = byte === Byte.quote || byte === Byte.openBrace || byte === Byte.openBracket;
    this.capture = new ValueCapture(offset, !nested);
    this.captureRole = role;
    return false;
  }

  private completeCapture(capture: ValueCapture): void {
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
      this.events.push({ kind: "value", offset: capture.start, bytes });
      this.state = "commaOrEnd";
    }
    // The reader finds the exact error when it parses the value, so this offset is a fallback.
    if (capture.mismatched) this.failure = capture.start + bytes.length - 1;
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
