import type { NameValue, PostData, RecordedEntry, ResponseContent } from "./types.js";

// Producers disagree on almost every optional field, so each one falls back to a default
// instead of failing the entry. Only a request without a method or URL, or with headers that are
// not a list, makes an entry unusable. The checks are written by hand rather than with a schema
// library because loading one took about 100 ms of every run's startup.

/** Why an entry cannot be used: the field (dotted path, empty for the entry) and the problem. */
export interface EntryIssue {
  field: string;
  problem: string;
}

type RawObject = Record<string, unknown>;

function isObject(value: unknown): value is RawObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Reads a `{name, value}` list, or returns undefined if the value is not a list but present. */
function nameValueList(value: unknown): NameValue[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const pairs: NameValue[] = [];
  for (const item of value) {
    // A pair without a `value` key is skipped, but `"value": null` reads as an empty value.
    if (!isObject(item) || typeof item.name !== "string" || item.value === undefined) continue;
    pairs.push({ name: item.name, value: item.value === null ? "" : String(item.value) });
  }
  return pairs;
}

/** Reads `request.postData`. An unreadable one is dropped as a whole, but the entry is kept. */
function postDataOf(raw: unknown): PostData | undefined {
  if (!isObject(raw)) return undefined;
  const params = nameValueList(raw.params);
  if (params === undefined) return undefined;
  const postData: PostData = { mimeType: optionalText(raw.mimeType) ?? "" };
  const text = optionalText(raw.text);
  const encoding = optionalText(raw.encoding);
  if (text !== undefined) postData.text = text;
  if (params.length > 0) postData.params = params;
  if (encoding !== undefined) postData.encoding = encoding;
  return postData;
}

function contentOf(raw: unknown): ResponseContent | undefined {
  if (!isObject(raw)) return undefined;
  const content: ResponseContent = { mimeType: optionalText(raw.mimeType) ?? "" };
  const text = optionalText(raw.text);
  const encoding = optionalText(raw.encoding);
  if (text !== undefined) content.text = text;
  if (encoding !== undefined) content.encoding = encoding;
  return content;
}

function requiredText(request: RawObject, key: "method" | "url"): EntryIssue | undefined {
  const value = request[key];
  const field = `request.${key}`;
  if (value === undefined || value === null) return { field, problem: "missing" };
  if (typeof value !== "string") {
    return { field, problem: `invalid (expected string, got ${typeName(value)})` };
  }
  return value.length === 0 ? { field, problem: "empty" } : undefined;
}

/** Finds the first reason, in field order, why an entry cannot be used. */
function entryIssue(raw: unknown): EntryIssue | undefined {
  if (raw === undefined || raw === null) return { field: "", problem: "missing" };
  if (!isObject(raw)) {
    return { field: "", problem: `invalid (expected object, got ${typeName(raw)})` };
  }
  const request = raw.request;
  if (request === undefined || request === null) return { field: "request", problem: "missing" };
  if (!isObject(request)) {
    return { field: "request", problem: `invalid (expected object, got ${typeName(request)})` };
  }
  const issue = requiredText(request, "method") ?? requiredText(request, "url");
  if (issue) return issue;
  if (nameValueList(request.headers) === undefined) {
    const got = typeName(request.headers);
    return { field: "request.headers", problem: `invalid (expected array, got ${got})` };
  }
  return undefined;
}

/** Builds the entry from a raw value that `entryIssue` accepted. */
function toRecordedEntry(raw: RawObject, ref: RecordedEntry["ref"]): RecordedEntry {
  const request = raw.request as RawObject;
  const response = isObject(raw.response) ? raw.response : undefined;
  const entry: RecordedEntry = {
    ref,
    request: {
      method: (request.method as string).toUpperCase(),
      url: request.url as string,
      headers: nameValueList(request.headers) ?? [],
    },
    response: {
      status: typeof response?.status === "number" ? response.status : 0,
      headers: nameValueList(response?.headers) ?? [],
    },
  };
  const startedDateTime = optionalText(raw.startedDateTime);
  const postData = postDataOf(request.postData);
  const content = contentOf(response?.content);
  if (startedDateTime !== undefined) entry.startedDateTime = startedDateTime;
  if (postData) entry.request.postData = postData;
  if (content) entry.response.content = content;
  return entry;
}

/**
 * Converts one parsed `log.entries` element into the shape the rest of the pipeline uses, or
 * returns why it cannot be used. The issue never quotes the value, because it may be a secret.
 */
export function readRawEntry(
  raw: unknown,
  ref: RecordedEntry["ref"],
): { entry: RecordedEntry } | { issue: EntryIssue } {
  const issue = entryIssue(raw);
  if (issue) return { issue };
  return { entry: toRecordedEntry(raw as RawObject, ref) };
}
