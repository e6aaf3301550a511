import { z } from "zod";
import type { NameValue, PostData, RecordedEntry, ResponseContent } from "./types.js";

// Producers disagree on almost every optional field, so each one falls back to a default
// instead of failing the entry. Only a request without a method or URL makes an entry unusable.

const nameValueList = z
  .array(z.unknown())
  .nullish()
  .transform((items): NameValue[] => {
    const pairs: NameValue[] = [];
    for (const item of items ?? []) {
      const parsed = z.object({ name: z.string(), value: z.unknown() }).safeParse(item);
      if (!parsed.success) continue;
      const value = parsed.data.value;
      pairs.push({ name: parsed.data.name, value: value == null ? "" : String(value) });
    }
    return pairs;
  });

const optionalText = z.string().optional().catch(undefined);

const postDataSchema = z
  .looseObject({
    mimeType: optionalText,
    text: optionalText,
    params: nameValueList,
    encoding: optionalText,
  })
  .transform((raw): PostData => {
    const postData: PostData = { mimeType: raw.mimeType ?? "" };
    if (raw.text !== undefined) postData.text = raw.text;
    if (raw.params.length > 0) postData.params = raw.params;
    if (raw.encoding !== undefined) postData.encoding = raw.encoding;
    return postData;
  });

const contentSchema = z
  .looseObject({ mimeType: optionalText, text: optionalText, encoding: optionalText })
  .transform((raw): ResponseContent => {
    const content: ResponseContent = { mimeType: raw.mimeType ?? "" };
    if (raw.text !== undefined) content.text = raw.text;
    if (raw.encoding !== undefined) content.encoding = raw.encoding;
    return content;
  });

const requestSchema = z.looseObject({
  method: z.string().min(1),
  url: z.string().min(1),
  headers: nameValueList,
  postData: postDataSchema.nullish().catch(undefined),
});

const responseSchema = z
  .looseObject({
    status: z.number().nullish().catch(null),
    headers: nameValueList.catch([]),
    content: contentSchema.nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);

/** The lenient schema of one `log.entries` element. */
export const entrySchema = z.looseObject({
  startedDateTime: optionalText,
  request: requestSchema,
  response: responseSchema,
});

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * Describes the first zod issue as `request.url: missing` or `request: invalid (expected
 * object, got string)`. The value itself is never quoted, because it may be a secret.
 */
export function describeIssue(error: z.ZodError, raw: unknown): { field: string; problem: string } {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const field = path.map(String).join(".");
  const value = valueAt(raw, path);
  if (value === undefined || value === null) return { field, problem: "missing" };
  if (issue?.code === "too_small") return { field, problem: "empty" };
  const expected = issue?.code === "invalid_type" ? `expected ${issue.expected}, ` : "";
  return { field, problem: `invalid (${expected}got ${typeName(value)})` };
}

/** Converts a parsed entry into the shape the rest of the pipeline uses. */
export function toRecordedEntry(
  data: z.infer<typeof entrySchema>,
  ref: RecordedEntry["ref"],
): RecordedEntry {
  const response = data.response;
  const entry: RecordedEntry = {
    ref,
    request: {
      method: data.request.method.toUpperCase(),
      url: data.request.url,
      headers: data.request.headers,
    },
    response: {
      status: response?.status ?? 0,
      headers: response?.headers ?? [],
    },
  };
  if (data.startedDateTime !== undefined) entry.startedDateTime = data.startedDateTime;
  if (data.request.postData) entry.request.postData = data.request.postData;
  if (response?.content) entry.response.content = response.content;
  return entry;
}
