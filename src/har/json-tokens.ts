import { isWhitespace } from "./capture.js";

/** States of a number token after its first byte, as RFC 8259 section 6 defines numbers. */
const NumberState = {
  minus: 0,
  zero: 1,
  integer: 2,
  point: 3,
  fraction: 4,
  exponent: 5,
  exponentSign: 6,
  exponentDigits: 7,
} as const;

/** Returned by `nextNumberState` when the byte is not part of the number, which ends before it. */
export const NUMBER_ENDS = -1;

/** Returned by `nextNumberState` when the number cannot go on and is not complete. */
export const NUMBER_INVALID = -2;

/** The bytes of the three literals, by their first byte. */
export const LITERALS: ReadonlyMap<number, Buffer> = new Map([
  [0x74, Buffer.from("true")],
  [0x66, Buffer.from("false")],
  [0x6e, Buffer.from("null")],
]);

const SIMPLE_ESCAPES = new Set([...'"\\/bfnrt'].map((char) => char.charCodeAt(0)));
const DELIMITERS = new Set([...'{}[],:"/'].map((char) => char.charCodeAt(0)));
const MINUS = 0x2d;
const PLUS = 0x2b;
const POINT = 0x2e;
const ZERO = 0x30;

/** Tells whether a byte is an ASCII digit. */
export function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= 0x39;
}

/** Tells whether a byte is a hex digit, as a `\u` escape needs four of. */
export function isHexDigit(byte: number): boolean {
  const lower = byte | 0x20;
  return isDigit(byte) || (lower >= 0x61 && lower <= 0x66);
}

/** Tells whether a byte can follow a backslash as a one-character escape. */
export function isSimpleEscape(byte: number): boolean {
  return SIMPLE_ESCAPES.has(byte);
}

/**
 * Tells whether jsonc-parser reads the byte as part of the literal before it, which makes
 * `truex` one bad token rather than `true` followed by a bad one.
 */
export function continuesLiteral(byte: number): boolean {
  return !isWhitespace(byte) && !DELIMITERS.has(byte);
}

/** Returns the state after a number's first byte, or undefined if the byte cannot start one. */
export function numberStart(byte: number): number | undefined {
  if (byte === MINUS) return NumberState.minus;
  if (byte === ZERO) return NumberState.zero;
  return isDigit(byte) ? NumberState.integer : undefined;
}

/** Tells whether a number in this state is complete if it ends here. */
export function numberComplete(state: number): boolean {
  return (
    state === NumberState.zero ||
    state === NumberState.integer ||
    state === NumberState.fraction ||
    state === NumberState.exponentDigits
  );
}

/** Returns the state after one more byte, `NUMBER_ENDS` or `NUMBER_INVALID`. */
export function nextNumberState(state: number, byte: number): number {
  const digit = isDigit(byte);
  switch (state) {
    case NumberState.minus:
      if (!digit) return NUMBER_INVALID;
      return byte === ZERO ? NumberState.zero : NumberState.integer;
    case NumberState.point:
      return digit ? NumberState.fraction : NUMBER_INVALID;
    case NumberState.exponent:
      if (byte === PLUS || byte === MINUS) return NumberState.exponentSign;
      return digit ? NumberState.exponentDigits : NUMBER_INVALID;
    case NumberState.exponentSign:
      return digit ? NumberState.exponentDigits : NUMBER_INVALID;
    case NumberState.exponentDigits:
      return digit ? state : NUMBER_ENDS;
  }
  // A zero, an integer part or a fraction.
  if (digit && state !== NumberState.zero) return state;
  if (byte === POINT && state !== NumberState.fraction) return NumberState.point;
  if ((byte | 0x20) === 0x65) return NumberState.exponent;
  return NUMBER_ENDS;
}
