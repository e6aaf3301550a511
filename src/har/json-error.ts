import { Har2MkioError } from "../errors.js";

/** Where a position lies relative to the elements of `log.entries`. */
export interface EntriesPlace {
  /** The element's index, or -1 before the first element. */
  index: number;
  /** True inside element `index`, false between it and the next one. */
  within: boolean;
}

/** The first syntax error in a text, in UTF-16 offsets. */
export interface FirstJsonError {
  offset: number;
  /** Offset just past the token at fault. */
  end: number;
  /** The token at fault. */
  token: string;
  /** jsonc-parser's name of the error, such as `UnexpectedEndOfString`. */
  code: string;
  /** Objects and arrays open at the error. */
  depth: number;
  /** Set when `trackEntries` was asked for and the error is inside `log.entries`. */
  entries?: EntriesPlace;
}

/** A located syntax error, for the message. */
export interface SyntaxErrorSpot {
  /** Offset in the decompressed input, byte-order mark included. */
  byte: number;
  /** 1-based line and column (in UTF-16 units, as editors count), when known. */
  line?: number;
  column?: number;
  entries?: EntriesPlace;
  /** The character at the error. */
  found: string;
  /** Set when the input was gzip, so that `byte` counts decompressed bytes. */
  decompressed?: boolean;
}

type JsonPath = (string | number)[];

function isEntriesPath(path: JsonPath): boolean {
  return path.length === 2 && path[0] === "log" && path[1] === "entries";
}

/** Follows jsonc-parser's visitor events to tell which `log.entries` element is open. */
class EntriesTracker {
  /** Objects and arrays open. */
  depth = 0;
  place: EntriesPlace | undefined;
  /** Depth inside the entries array while it is open, else -1. */
  private entriesDepth = -1;

  constructor(private readonly enabled: boolean) {}

  /** Notes a value that starts, which is an element when it is directly in the entries array. */
  begin(path: () => JsonPath, container: boolean): void {
    if (this.entriesDepth >= 0 && this.depth === this.entriesDepth) {
      this.place = { index: Number(path().at(-1)), within: container };
    }
    if (container) this.depth++;
  }

  openArray(path: () => JsonPath): void {
    this.begin(path, true);
    if (this.enabled && isEntriesPath(path())) {
      this.entriesDepth = this.depth;
      this.place = { index: -1, within: false };
    }
  }

  close(): void {
    this.depth--;
    if (this.depth === this.entriesDepth - 1) {
      this.entriesDepth = -1;
      this.place = undefined;
    } else if (this.place && this.depth === this.entriesDepth) {
      this.place.within = false;
    }
  }
}

/**
 * Returns the offset of the control character that makes a string token invalid, or undefined.
 * jsonc-parser reports such a character at the string's opening quote, and it ends the string
 * before a line break, so the character is inside the token or just after it.
 */
function controlCharacterOffset(text: string, offset: number, length: number): number | undefined {
  if (text.charAt(offset) !== '"') return undefined;
  for (let index = offset; index <= offset + length && index < text.length; index++) {
    if (text.charCodeAt(index) < 0x20) return index;
  }
  return undefined;
}

/**
 * Finds the first syntax error with jsonc-parser, which is loaded only here because only a
 * failed `JSON.parse` needs it. With `trackEntries`, also tells which `log.entries` element the
 * error is in, counting an element as begun once its first token was read.
 */
export async function firstJsonError(
  text: string,
  trackEntries = false,
): Promise<FirstJsonError | undefined> {
  const { printParseErrorCode, visit } = await import("jsonc-parser");
  const tracker = new EntriesTracker(trackEntries);
  let first: FirstJsonError | undefined;
  visit(
    text,
    {
      onObjectBegin: (_offset, _length, _line, _column, path) => tracker.begin(path, true),
      onArrayBegin: (_offset, _length, _line, _column, path) => tracker.openArray(path),
      onLiteralValue: (_value, _offset, _length, _line, _column, path) =>
        tracker.begin(path, false),
      onObjectEnd: () => tracker.close(),
      onArrayEnd: () => tracker.close(),
      onError: (error, offset, length) => {
        if (first) return;
        const code = printParseErrorCode(error);
        const control = controlCharacterOffset(text, offset, length);
        const start = control ?? offset;
        const end = control === undefined ? offset + length : control + 1;
        first = { offset: start, end, token: text.slice(start, end), code, depth: tracker.depth };
        if (tracker.place) first.entries = { ...tracker.place };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return first;
}

/** Errors of a token that the end of the text cut short. */
const UNFINISHED_TOKEN = new Set(["UnexpectedEndOfString", "UnexpectedEndOfNumber"]);

/** Tells whether a token could be the start of a literal or a number that was cut short. */
function isCutLiteral(token: string): boolean {
  return token === "-" || ["true", "false", "null"].some((word) => word.startsWith(token));
}

/**
 * Tells whether a syntax error only shows that the text ends too early: the error is at the
 * end, or it is a string, number or literal cut short by the end inside an open object or array.
 * `outerDepth` counts the containers open around the text, for a value taken out of a document.
 */
export function endsTooEarly(
  error: FirstJsonError | undefined,
  text: string,
  outerDepth = 0,
): boolean {
  if (!error) return false;
  const end = text.trimEnd().length;
  if (error.offset >= end) return true;
  if (error.end < end || error.depth + outerDepth === 0) return false;
  return UNFINISHED_TOKEN.has(error.code) || isCutLiteral(error.token);
}

function describePlace(entries: EntriesPlace | undefined): string {
  if (!entries) return "";
  if (entries.index < 0) return ", in log.entries";
  return entries.within ? `, in entries[${entries.index}]` : `, after entries[${entries.index}]`;
}

/** Names a byte offset, which counts decompressed bytes if the input was gzip. */
function atByte(byte: number, decompressed = false): string {
  return `byte ${byte}${decompressed ? " of the decompressed data" : ""}`;
}

/** Names the character at an error: quoted, or by its code point when it is a control character. */
function describeFound(found: string): string {
  const code = found.length === 1 ? found.charCodeAt(0) : -1;
  if (code < 0 || code >= 0x20) return JSON.stringify(found);
  return `control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Builds the `not-json` error for a located syntax error. */
export function syntaxError(name: string, spot: SyntaxErrorSpot): Har2MkioError {
  const lineColumn =
    spot.line === undefined ? "" : `line ${spot.line}, column ${spot.column ?? "?"}, `;
  const place = `${atByte(spot.byte, spot.decompressed)}${describePlace(spot.entries)}`;
  return new Har2MkioError(
    "not-json",
    `${name}: not valid JSON at ${lineColumn}${place}: ` +
      `unexpected ${describeFound(spot.found)}; a HAR file must be plain JSON`,
  );
}

/** Builds the error for a capture that ends before its JSON is complete. */
export function truncatedError(name: string, bytes: number, decompressed = false): Har2MkioError {
  return new Har2MkioError(
    "truncated",
    `${name}: file ends at ${atByte(bytes, decompressed)} before the JSON is complete ` +
      "(truncated?); save the capture again",
  );
}

/** Builds the error for a capture that contains nothing, or `size` bytes of whitespace. */
export function emptyFileError(name: string, size = 0): Har2MkioError {
  const problem = size === 0 ? "file is empty" : `file contains only whitespace (${size} bytes)`;
  return new Har2MkioError("not-json", `${name}: ${problem}; export the capture again`);
}

/** Location at which a limit was passed, for the messages below. */
export interface LimitSpot {
  byte: number;
  decompressed?: boolean;
  entries?: EntriesPlace;
}

/** Builds the error for objects and arrays nested deeper than `levels`. */
export function nestingError(name: string, levels: number, spot: LimitSpot): Har2MkioError {
  return new Har2MkioError(
    "not-har",
    `${name}: nested deeper than ${levels} levels at ${atByte(spot.byte, spot.decompressed)}` +
      `${describePlace(spot.entries)}; HAR entries nest far less, so check that this is the ` +
      "file that the browser exported",
  );
}

/** Builds the error for a value of which more than `limit` bytes would have to be kept. */
export function tooLargeError(name: string, limit: number, spot: LimitSpot): Har2MkioError {
  return new Har2MkioError(
    "file-unreadable",
    `${name}: too large to read at ${atByte(spot.byte, spot.decompressed)}` +
      `${describePlace(spot.entries)}: more than ${limit} bytes of one value must be kept, ` +
      "the longest string Node.js can hold; delete that entry or its response body and try again",
  );
}
