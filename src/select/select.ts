import type { OperationMatch, OperationMatcher } from "../catalog/match.js";
import type { EntryRef, RecordedEntry } from "../har/types.js";
import { isSecretHeader } from "../model/secrets.js";
import type { SelectionStats } from "../model/types.js";
import {
  isSelectedHost,
  isStatic,
  isTelemetry,
  type SelectionOptions,
  statusMatches,
} from "./filters.js";
import { type SplitUrl, splitUrl } from "./url.js";

/** A kept call with its URL parts and catalog match, if any. */
export interface SelectedCall {
  entry: RecordedEntry;
  url: SplitUrl;
  match: OperationMatch | undefined;
  /** Identical calls (same method, URL and body), this one included. */
  count: number;
  /** Position of each identical entry in its capture, first one first. */
  refs: EntryRef[];
}

/** Reasons an entry is not kept, as shown in the summary. */
export const SKIP_REASONS = {
  relative: "relative URL (no host)",
  host: "not an MK/IO host",
  preflight: "CORS preflight (OPTIONS)",
  static: "static file",
  telemetry: "telemetry",
  method: "method not selected",
  status: "status not selected",
  body: "request body cannot be templated",
} as const;

type SkipReason = keyof typeof SKIP_REASONS;

function requestBodyText(entry: RecordedEntry): string {
  return entry.request.postData?.text ?? "";
}

function classify(
  entry: RecordedEntry,
  url: SplitUrl,
  options: SelectionOptions,
  matcher: OperationMatcher,
): { reason: SkipReason } | { match: OperationMatch | undefined } {
  const method = entry.request.method;
  if (url.hostname === "") return { reason: "relative" };
  if (!isSelectedHost(url, options)) return { reason: "host" };
  if (method === "OPTIONS") return { reason: "preflight" };
  const match = matcher.match(method, url.path);
  if (!match && isStatic(entry, url.path)) return { reason: "static" };
  if (!match && isTelemetry(url.path)) return { reason: "telemetry" };
  if (!options.methods.includes(method)) return { reason: "method" };
  if (!statusMatches(entry.response.status, options.statuses)) return { reason: "status" };
  return { match };
}

/** Tells whether a request header can reach the model: auth, body type, custom or secret. */
function isModelHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === "content-type" || lower.startsWith("x-") || isSecretHeader(lower);
}

/**
 * Drops what the model never reads from a kept entry, such as browser headers, so that a capture
 * with thousands of calls needs less memory while it is read.
 */
function slim(entry: RecordedEntry): RecordedEntry {
  const headers = entry.request.headers.filter((header) => isModelHeader(header.name));
  return {
    ...entry,
    request: { ...entry.request, headers },
    response: { ...entry.response, headers: [] },
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Keeps the MK/IO API calls of a capture, merges identical ones and counts what it left out.
 * `onEntry` learns of each entry as it is classified, for a progress display.
 */
export async function selectCalls(
  entries: AsyncIterable<RecordedEntry>,
  options: SelectionOptions,
  matcher: OperationMatcher,
  onEntry?: (kept: boolean) => void,
): Promise<{ calls: SelectedCall[]; stats: SelectionStats }> {
  const stats: SelectionStats = {
    entries: 0,
    hosts: new Map(),
    skipped: new Map(),
    kept: 0,
    duplicates: 0,
  };
  const byIdentity = new Map<string, SelectedCall>();
  for await (const entry of entries) {
    stats.entries += 1;
    const url = splitUrl(entry.request.url);
    increment(stats.hosts, url.hostname || "(relative)");
    const verdict = classify(entry, url, options, matcher);
    onEntry?.(!("reason" in verdict));
    if ("reason" in verdict) {
      increment(stats.skipped, verdict.reason);
      continue;
    }
    stats.kept += 1;
    const identity = JSON.stringify([
      entry.request.method,
      entry.request.url,
      requestBodyText(entry),
    ]);
    const seen = byIdentity.get(identity);
    if (seen) {
      seen.count += 1;
      seen.refs.push(entry.ref);
      stats.duplicates += 1;
      continue;
    }
    const call = { entry: slim(entry), url, match: verdict.match, count: 1, refs: [entry.ref] };
    byIdentity.set(identity, call);
  }
  return { calls: [...byIdentity.values()], stats };
}
