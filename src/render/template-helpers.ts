import { camelCase } from "../catalog/naming.js";
import { shellQuote } from "../formats/curl/shell.js";
import { envName, kebabName, snakeName } from "../model/names.js";
import type { HelperMap } from "./handlebars.js";
import { percentEncode } from "./percent-encode.js";

/** Drops the options object that Handlebars passes as the last argument of every helper. */
function argsOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : String(value);
}

/** Writes a value as JSON: `{{json value}}` on one line, `{{json value 2}}` indented by 2. */
export function jsonHelper(...args: unknown[]): string {
  const [value, indent] = argsOf(args);
  return JSON.stringify(value ?? null, null, typeof indent === "number" ? indent : undefined);
}

/**
 * The helpers of user templates, for quoting and naming. Each of `json`, `shellQuote` (one POSIX
 * shell word), `urlEncode` (percent-encoded), `camelCase`, `snakeCase`, `kebabCase` and `envCase`
 * (`ASSET_NAME`) takes a value and returns text. `eq` compares two values for `#if`.
 */
export const TEMPLATE_HELPERS: HelperMap = {
  json: jsonHelper,
  shellQuote: (...args: unknown[]) => shellQuote(textOf(argsOf(args)[0])),
  urlEncode: (...args: unknown[]) => percentEncode(textOf(argsOf(args)[0])),
  camelCase: (...args: unknown[]) => camelCase(textOf(argsOf(args)[0])),
  snakeCase: (...args: unknown[]) => snakeName(camelCase(textOf(argsOf(args)[0]))),
  kebabCase: (...args: unknown[]) => kebabName(camelCase(textOf(argsOf(args)[0]))),
  envCase: (...args: unknown[]) => envName(camelCase(textOf(argsOf(args)[0]))),
  eq: (...args: unknown[]) => {
    const [left, right] = argsOf(args);
    return left === right;
  },
};
