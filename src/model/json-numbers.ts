import { jsonTokens } from "./json-tokens.js";

/** Maximum length of a number quoted in a message, because a recorded one can have any length. */
const MAX_QUOTED_LENGTH = 32;

/** A decimal number without its sign: the value is `0.<digits>` times 10 to `exponent`. */
interface Decimal {
  /** Significant digits without leading or trailing zeros; empty for zero. */
  digits: string;
  exponent: number;
}

/** Reads a JSON number, or JavaScript's `String` of a finite number, as a `Decimal`. */
function decimalOf(text: string): Decimal {
  const match = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const integer = match?.[1] ?? "";
  const all = integer + (match?.[2] ?? "");
  let first = 0;
  while (first < all.length && all[first] === "0") first++;
  let end = all.length;
  while (end > first && all[end - 1] === "0") end--;
  if (first === end) return { digits: "", exponent: 0 };
  // An exponent too large for this sum to be exact belongs to a number parsed as infinity or 0.
  return {
    digits: all.slice(first, end),
    exponent: Number(match?.[3] ?? 0) + integer.length - first,
  };
}

/**
 * Tells whether a JSON number token keeps its value when parsed into a double and written back,
 * as `JSON.parse` and `JSON.stringify` do. `1.0`, `1E2` and `-0` keep it. `1e400` (out of range),
 * `1e-400` (rounded to zero) and `12345678901234567890` (more than 17 digits) do not.
 */
export function isExactJsonNumber(token: string): boolean {
  const value = Number(token);
  if (!Number.isFinite(value)) return false;
  const recorded = decimalOf(token);
  const written = decimalOf(String(Math.abs(value)));
  return recorded.digits === written.digits && recorded.exponent === written.exponent;
}

/**
 * Returns the first number of JSON text that does not keep its value when parsed and written
 * again, shortened for messages, or undefined when every number does.
 */
export function findInexactNumber(text: string): string | undefined {
  for (const token of jsonTokens(text)) {
    if (token.type !== "number") continue;
    const number = text.slice(token.start, token.end);
    if (isExactJsonNumber(number)) continue;
    return number.length > MAX_QUOTED_LENGTH ? `${number.slice(0, MAX_QUOTED_LENGTH)}…` : number;
  }
  return undefined;
}
