import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { loadCatalog } from "../catalog/catalog.js";
import { OperationMatcher } from "../catalog/match.js";
import { Har2MkioError } from "../errors.js";
import { displayName, loadCaptureBytes } from "../har/input.js";
import { readEntries } from "../har/read.js";
import type { RecordedEntry } from "../har/types.js";
import { validateCapture } from "../har/validate.js";
import { buildSession } from "../model/build.js";
import { collectRequestSecrets } from "../model/capture-secrets.js";
import type { SessionModel } from "../model/types.js";
import { KnownSecrets } from "../redact/known-secrets.js";
import { skippedLines } from "../report/summary.js";
import { isSelectedHost, type SelectionOptions } from "../select/filters.js";
import { selectCalls } from "../select/select.js";
import { splitUrl } from "../select/url.js";
import type { WarningList } from "../warnings.js";
import type { ProgressLine } from "./progress.js";

/** Inputs of one conversion. */
export interface ConvertRequest {
  paths: string[];
  selection: SelectionOptions;
  strict: boolean;
  stdin: NodeJS.ReadableStream;
  warnings: WarningList;
  /** Progress line on a terminal, or absent when stderr is not one or with --quiet. */
  progress?: ProgressLine;
}

async function checkStrict(paths: string[], stdin: NodeJS.ReadableStream): Promise<void> {
  for (const path of paths) {
    const stats = path === "-" ? undefined : await stat(path).catch(() => undefined);
    if (stats?.isFIFO()) {
      // NOTE: a FIFO cannot be read a second time, so it is refused rather than read twice.
      throw new Har2MkioError(
        "usage",
        `${path}: --strict reads a capture twice, so it cannot read a FIFO; save the capture ` +
          "to a file or pipe it in as -, or drop --strict",
      );
    }
  }
  for (const path of paths) {
    const { violations, total } = await validateCapture(path, stdin);
    const first = violations[0];
    if (!first) continue;
    const more = total > 1 ? ` (and ${total - 1} more; run har2mkio validate)` : "";
    throw new Har2MkioError(
      "invalid-har",
      `${displayName(path)}: ${first.path}: ${first.message}${more}; drop --strict to convert ` +
        "what can be read",
    );
  }
}

// NOTE: host names are listed as recorded, so a host that is a copy of a token would show here.
function topHosts(hosts: Map<string, number>): string {
  return [...hosts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([host, count]) => `${host} ${count}`)
    .join(", ");
}

const HINTS: Record<string, string> = {
  host: "--host to add the API host",
  method: "--include-reads to keep GET calls",
  status: "--status any to keep failed calls",
  relative:
    "a capture with relative URLs has no host to match, so export it again from the browser",
};

/** Explains an empty result: what was read, which filter removed it, and what to try. */
export function nothingFoundMessage(
  paths: string[],
  session: SessionModel,
  skippedEntries = 0,
): string {
  const { stats } = session;
  const where = paths.map(displayName).join(", ");
  if (stats.entries === 0 && skippedEntries > 0) {
    return (
      `${where}: none of the ${skippedEntries} entries could be read (see the warnings); ` +
      "export the capture again or run har2mkio validate"
    );
  }
  if (stats.entries === 0) return `${where}: the capture has no entries; record the session again`;
  const skipped = skippedLines(session).join(", ");
  const hints = [...stats.skipped.keys()].flatMap((reason) => HINTS[reason] ?? []);
  const advice = hints.length > 0 ? `; try ${hints.join(", or ")}` : "";
  return (
    `${where}: no MK/IO calls found among ${stats.entries} entries ` +
    `(hosts: ${topHosts(stats.hosts)}; skipped: ${skipped})${advice}`
  );
}

/**
 * Loads standard input once, decompressed and checked as JSON, up to the longest string Node.js
 * can hold, so that `--strict` and the reader can both read it.
 */
async function replayableStdin(stdin: NodeJS.ReadableStream): Promise<() => NodeJS.ReadableStream> {
  const bytes = await loadCaptureBytes("-", stdin);
  return () => Readable.from([bytes]);
}

/** Tells whether an entry can pass the host filter; the bodies of all others are never read. */

/** Passes entries on, adding the secret header and URL values of every entry to `known`. */
async function* learnRequestSecrets(
  entries: AsyncIterable<RecordedEntry>,
  known: KnownSecrets,
): AsyncGenerator<RecordedEntry> {
  for await (const entry of entries) {
    collectRequestSecrets(entry, known);
    yield entry;
  }
}

/** Reads the captures, keeps the MK/IO calls and builds the session model. */
export async function convert(request: ConvertRequest): Promise<SessionModel> {
  let stdin = request.stdin;
  if (request.strict) {
    const fresh = request.paths.includes("-") ? await replayableStdin(stdin) : () => stdin;
    await checkStrict(request.paths, fresh());
    stdin = fresh();
  }
  const matcher = new OperationMatcher(loadCatalog());
  const { progress } = request;
  const read = readEntries(request.paths, {
    warnings: request.warnings,
    stdin,
    onProgress: progress?.onRead,
    reader: "auto",
    needsBody: (recorded) => isSelectedHost(splitUrl(recorded.url), request.selection),
  });
  const known = new KnownSecrets();
  const { calls, stats } = await selectCalls(
    learnRequestSecrets(read, known),
    request.selection,
    matcher,
    progress?.onEntry,
  ).finally(() => progress?.finish());
  const session = buildSession(calls, stats, request.warnings, known);
  if (session.calls.length === 0) {
    const skipped = request.warnings.items.filter((item) =>
      item.message.endsWith("; entry skipped"),
    ).length;
    throw new Har2MkioError("nothing-found", nothingFoundMessage(request.paths, session, skipped));
  }
  return session;
}
