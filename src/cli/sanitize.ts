import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { loadCatalog } from "../catalog/catalog.js";
import { OperationMatcher } from "../catalog/match.js";
import { Har2MkioError } from "../errors.js";
import { loadCaptureText } from "../har/input.js";
import { parseCaptureJson } from "../har/parse-json.js";
import { harEntries } from "../har/read.js";
import { redactEntry, redactPages } from "../redact/redact-har.js";
import { splitUrl } from "../select/url.js";
import { TempFiles } from "./temp-files.js";

/** Options of `har2mkio sanitize`. */
export interface SanitizeOptions {
  input: string;
  output: string;
  stripBodies: boolean;
  force: boolean;
  stdin: NodeJS.ReadableStream;
  stdout: { write(text: string): unknown };
}

function secretPathsOf(entry: unknown, matcher: OperationMatcher): Set<string> | undefined {
  const request = (entry as { request?: { method?: unknown; url?: unknown } })?.request;
  if (typeof request?.method !== "string" || typeof request.url !== "string") return undefined;
  const match = matcher.match(request.method.toUpperCase(), splitUrl(request.url).path);
  const fields = match?.operation.bodyFields.filter((field) => field.secret) ?? [];
  return new Set(fields.map((field) => field.path));
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

type Write = (text: string) => Promise<void>;

/** Writes the sanitized document: the log's other fields first, then one entry a line. */
async function writeSanitized(
  document: unknown,
  name: string,
  options: SanitizeOptions,
  write: Write,
) {
  const entries = harEntries(document, name);
  const log = (document as { log: Record<string, unknown> }).log;
  const matcher = new OperationMatcher(loadCatalog());
  const { entries: _entries, pages, ...rest } = log;
  const head = { ...rest, ...(pages === undefined ? {} : { pages: redactPages(pages) }) };
  const headText = JSON.stringify(head);
  const open = headText === "{}" ? "{" : `${headText.slice(0, -1)},`;
  await write(`{"log":${open}"entries":[`);
  for (const [index, entry] of entries.entries()) {
    const secretPaths = secretPathsOf(entry, matcher);
    const redacted = redactEntry(entry, { stripBodies: options.stripBodies, secretPaths });
    await write(`${index > 0 ? "," : ""}\n${JSON.stringify(redacted)}`);
  }
  await write("\n]}}\n");
  return entries.length;
}

/** Writes to a temporary file that is renamed into place only when complete. */
async function writeToFile(
  output: string,
  force: boolean,
  body: (write: Write) => Promise<number>,
) {
  if (existsSync(output) && !force) {
    throw new Har2MkioError("output-exists", `${output}: already exists; use --force to overwrite`);
  }
  const temporary = `${output}.${process.pid}.tmp`;
  const temps = new TempFiles();
  temps.add(temporary);
  const stream = createWriteStream(temporary, { flags: "wx" });
  try {
    const count = await body((text) => write(stream, text));
    stream.end();
    await once(stream, "finish");
    await rename(temporary, output);
    return count;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    temps.delete(temporary);
  }
}

/**
 * Writes a copy of a capture with every secret replaced by `[REDACTED]`, to a file or, for `-`,
 * to standard output. Returns the number of entries written.
 */
export async function sanitize(options: SanitizeOptions): Promise<number> {
  // NOTE: the input is parsed whole, unlike conversion, so sanitize stops at about 512 MiB.
  const name = options.input === "-" ? "<stdin>" : options.input;
  const text = await loadCaptureText(options.input, options.stdin);
  const document = await parseCaptureJson(text, name);
  const body = (write: Write) => writeSanitized(document, name, options, write);
  if (options.output !== "-") return writeToFile(options.output, options.force, body);
  return body(async (chunk) => {
    options.stdout.write(chunk);
  });
}
