import { camelCase } from "../catalog/naming.js";
import { shellQuote } from "../formats/curl/shell.js";
import { envName, kebabName, snakeName } from "../model/names.js";
import type { SegmentEncoding } from "../model/types.js";
import type { HelperMap } from "./handlebars.js";
import { encodeSegment } from "./percent-encode.js";

/** Drops the options object that Handlebars passes as the last argument of every helper. */
function argsOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}

/** Reads the `segmentEncoding` of a part view, or undefined for anything else. */
function segmentEncodingOf(value: unknown): SegmentEncoding | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { encode, keep, lowerCaseHex } = value as Partial<Record<keyof SegmentEncoding, unknown>>;
  if (typeof encode !== "string" || typeof keep !== "string") return undefined;
  return { encode, keep, lowerCaseHex: lowerCaseHex === true };
}

/** Writes a value as JSON: `{{json value}}` on one line, `{{json value 2}}` indented by 2. */
export function jsonHelper(...args: unknown[]): string {
  const [value, indent] = argsOf(args);
  return JSON.stringify(value ?? null, null, typeof indent === "number" ? indent : undefined);
}

/**
 * The helpers of user templates, for quoting and naming. Each of `json`, `shellQuote` (one POSIX
 * shell word), `urlEncode` (percent-encoded), `camelCase`, `snakeCase`, `kebabCase` and `envCase`
 * (`ASSET_NAME`) takes a value and returns text. `urlEncode` also takes a part's
 * `segmentEncoding` second, to encode as the recording did. `eq` compares two values for `#if`.
 */
export const TEMPLATE_HELPERS: HelperMap = {
  json: jsonHelper,
  shellQuote: (...args: unknown[]) => shellQuote(textOf(argsOf(args)[0])),
  urlEncode: (...args: unknown[]) => {
    const [value, segmentEncoding] = argsOf(args);
    return encodeSegment(textOf(value), segmentEncodingOf(segmentEncoding));
  },
  camelCase: (...args: unknown[]) => camelCase(textOf(argsOf(args)[0])),
  snakeCase: (...args: unknown[]) => snakeName(camelCase(textOf(argsOf(args)[0]))),
  kebabCase: (...args: unknown[]) => kebabName(camelCase(textOf(argsOf(args)[0]))),
  envCase: (...args: unknown[]) => envName(camelCase(textOf(argsOf(args)[0]))),
  eq: (...args: unknown[]) => {
    const [left, right] = argsOf(args);
    return left === right;
  },
};
