import { loadCaptureText } from "./input.js";
import { parseCaptureJson } from "./parse-json.js";

/** One HAR 1.2 schema violation. */
export interface Violation {
  /** Path in the document, such as `log.entries[3].request.url`. */
  path: string;
  message: string;
}

/** Schema violations of one capture. */
export interface ValidationResult {
  /** The first violations found, at most the `maxViolations` passed to `validateCapture`. */
  violations: Violation[];
  /** Number of violations found, including those past `maxViolations`. */
  total: number;
}

/** Default number of violations kept for each capture. Further ones are only counted. */
export const MAX_VIOLATIONS = 100;

/** Arrays of `log` whose items are checked one at a time. */
const ITEM_LISTS = ["pages", "entries"] as const;

type ItemList = (typeof ITEM_LISTS)[number];

type HarValidator = typeof import("har-validator")["default"];

interface AjvError {
  dataPath?: string;
  message?: string;
}

/** Keeps the first violations up to a maximum and counts all of them. */
class ViolationCollector {
  readonly violations: Violation[] = [];
  total = 0;

  constructor(private readonly maxViolations: number) {}

  add(dataPath: string, message: string): void {
    this.total += 1;
    if (this.violations.length >= this.maxViolations) return;
    this.violations.push({ path: dataPath.replace(/^[./]/, "") || "(root)", message });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Splits a document into a copy whose `log.pages` and `log.entries` are empty, and the items of
 * those arrays. A `log` that is not an object, and a `pages` or `entries` value that is not an
 * array, stay in the copy, so the schema reports them as usual.
 */
function splitItems(document: unknown): {
  outline: unknown;
  lists: { field: ItemList; items: unknown[] }[];
} {
  if (!isObject(document) || !isObject(document.log)) return { outline: document, lists: [] };
  const log = { ...document.log };
  const lists: { field: ItemList; items: unknown[] }[] = [];
  for (const field of ITEM_LISTS) {
    const items = log[field];
    if (!Array.isArray(items)) continue;
    lists.push({ field, items });
    log[field] = [];
  }
  return { outline: { ...document, log }, lists };
}

/**
 * Wraps one item in a minimal valid HAR document at `log.<field>[0]`, so every error the schema
 * reports belongs to that item.
 */
function documentWith(field: ItemList, item: unknown): unknown {
  return {
    log: {
      version: "1.2",
      creator: { name: "har2mkio", version: "0" },
      entries: [],
      [field]: [item],
    },
  };
}

/** Moves a data path from `log.<field>[0]` of the wrapping document to the item's real index. */
function pathAtIndex(dataPath: string, field: ItemList, index: number): string {
  const wrapped = `.log.${field}[0]`;
  if (!dataPath.startsWith(wrapped)) {
    throw new Error(
      `har-validator reported ${dataPath || "(root)"} outside the checked ${field} item`,
    );
  }
  return `.log.${field}[${index}]${dataPath.slice(wrapped.length)}`;
}

async function collectErrors(
  validator: HarValidator,
  document: unknown,
  found: ViolationCollector,
  toDocumentPath: (dataPath: string) => string,
): Promise<void> {
  try {
    await validator.har(document);
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    for (const item of errors)
      found.add(toDocumentPath(item.dataPath ?? ""), item.message ?? "invalid");
  }
}

/**
 * Checks a capture against the HAR 1.2 schema with `har-validator`, which is loaded only here
 * because most runs do not need it. Reading and JSON errors raise as they do in conversion.
 *
 * Each page and entry is checked on its own. har-validator 5.1.5 runs Ajv 6, whose code for a
 * failing `$ref` to another compiled schema, such as `entry.json`, copies all errors found so far
 * with `Array.concat`. So one check of a document with n invalid entries takes time that grows
 * with n squared. Violations outside the pages and entries come first, then those of each page,
 * then those of each entry.
 */
export async function validateCapture(
  path: string,
  stdin: NodeJS.ReadableStream,
  maxViolations = MAX_VIOLATIONS,
): Promise<ValidationResult> {
  const name = path === "-" ? "<stdin>" : path;
  const document = await parseCaptureJson(await loadCaptureText(path, stdin), name);
  const { default: validator } = await import("har-validator");
  const found = new ViolationCollector(maxViolations);
  const { outline, lists } = splitItems(document);
  await collectErrors(validator, outline, found, (dataPath) => dataPath);
  for (const { field, items } of lists) {
    for (const [index, item] of items.entries()) {
      await collectErrors(validator, documentWith(field, item), found, (dataPath) =>
        pathAtIndex(dataPath, field, index),
      );
    }
  }
  return { violations: found.violations, total: found.total };
}
