import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { loadCatalog } from "../catalog/catalog.js";
import { OperationMatcher } from "../catalog/match.js";
import { Har2MkioError } from "../errors.js";
import { type DocumentPart, readDocument } from "../har/read-document.js";
import { KnownSecrets } from "../redact/known-secrets.js";
import { collectEntrySecrets, collectMemberSecrets, redactEntry } from "../redact/redact-har.js";
import { SanitizedDocument } from "../redact/sanitized-document.js";
import { splitUrl } from "../select/url.js";
import { WarningList } from "../warnings.js";
import { TempFiles } from "./temp-files.js";

/** Options of `har2mkio sanitize`. */
export interface SanitizeOptions {
  input: string;
  output: string;
  stripBodies: boolean;
  force: boolean;
  stdin: NodeJS.ReadableStream;
  /** Receives the copy for `-`. A stream that emits `drain` is awaited when its buffer is full. */
  stdout: { write(text: string): unknown };
  /** Receives what the reader reports, such as a gzip stream without its trailer. */
  warnings: WarningList;
}

type Write = (text: string) => Promise<void>;

function secretPathsOf(entry: unknown, matcher: OperationMatcher): Set<string> | undefined {
  const request = (entry as { request?: { method?: unknown; url?: unknown } })?.request;
  if (typeof request?.method !== "string" || typeof request.url !== "string") return undefined;
  const match = matcher.match(request.method.toUpperCase(), splitUrl(request.url).path);
  const fields = match?.operation.bodyFields.filter((field) => field.secret) ?? [];
  return new Set(fields.map((field) => field.path));
}

/**
 * Reads a capture file once to learn its secrets by their places. The copy then also loses a copy
 * of a secret that comes before the place that makes it one, such as a token pasted into an early
 * request and sent in a header later. Standard input and FIFOs cannot be read twice, so there each
 * secret is removed from the point where it is first seen.
 */
async function learnSecrets(
  options: SanitizeOptions,
  matcher: OperationMatcher,
  known: KnownSecrets,
): Promise<void> {
  const isFile = await stat(options.input).then(
    (stats) => stats.isFile(),
    () => false,
  );
  // NOTE: standard input and FIFOs are read once, so a copy of a secret that comes before the
  // place that makes it secret stays in their sanitized copy.
  if (options.input === "-" || !isFile) return;
  const parts = readDocument(options.input, { stdin: options.stdin, warnings: new WarningList() });
  for await (const part of parts) {
    if (part.kind === "member") collectMemberSecrets(part.key, part.value, known);
    if (part.kind === "entry") {
      collectEntrySecrets(part.value, known, secretPathsOf(part.value, matcher));
    }
  }
}

/** Writes the sanitized parts one at a time and returns the number of entries written. */
async function writeParts(
  parts: AsyncIterable<DocumentPart>,
  options: SanitizeOptions,
  write: Write,
  known: KnownSecrets,
  matcher: OperationMatcher,
): Promise<number> {
  const document = new SanitizedDocument((entry) => {
    const secretPaths = secretPathsOf(entry, matcher);
    collectEntrySecrets(entry, known, secretPaths);
    return redactEntry(entry, { stripBodies: options.stripBodies, secretPaths, known });
  }, known);
  for await (const part of parts) await write(document.textOf(part));
  return document.entryCount;
}

function outputError(output: string, error: unknown): Har2MkioError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  return new Har2MkioError("output-failed", `${output}: cannot be written (${code})`, {
    cause: error,
  });
}

/** Finishes the temporary file and renames it into place. */
async function completeFile(stream: NodeJS.WritableStream, temporary: string, output: string) {
  try {
    stream.end();
    await once(stream, "finish");
    await rename(temporary, output);
  } catch (error) {
    throw outputError(output, error);
  }
}

/** Writes to a temporary file that is renamed into place only when complete. */
async function writeToFile(
  output: string,
  force: boolean,
  body: (write: Write) => Promise<number>,
): Promise<number> {
  if (existsSync(output) && !force) {
    throw new Har2MkioError("output-exists", `${output}: already exists; use --force to overwrite`);
  }
  const temporary = `${output}.${process.pid}.tmp`;
  const temps = new TempFiles();
  temps.add(temporary);
  const stream = createWriteStream(temporary, { flags: "wx" });
  let failure: unknown;
  // Without a listener, an error such as a full disk between two writes would end the process.
  stream.on("error", (error) => {
    failure ??= error;
  });
  const write: Write = async (text) => {
    if (failure !== undefined) throw outputError(output, failure);
    if (stream.write(text)) return;
    await once(stream, "drain").catch((error: unknown) => {
      throw outputError(output, error);
    });
  };
  try {
    const count = await body(write);
    if (failure !== undefined) throw outputError(output, failure);
    await completeFile(stream, temporary, output);
    return count;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    temps.delete(temporary);
  }
}

function isEmitter(stream: SanitizeOptions["stdout"]): stream is NodeJS.WritableStream {
  return typeof (stream as NodeJS.WritableStream).once === "function";
}

/**
 * Writes to standard output, waiting for `drain` when `write` returns false. An error of the
 * stream, such as EPIPE from a reader that stopped early, becomes `output-failed`.
 */
async function writeToStdout(
  stdout: SanitizeOptions["stdout"],
  body: (write: Write) => Promise<number>,
): Promise<number> {
  const stream = isEmitter(stdout) ? stdout : undefined;
  let failure: unknown;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  stream?.on("error", onError);
  try {
    return await body(async (text) => {
      if (failure !== undefined) throw outputError("<stdout>", failure);
      if (stdout.write(text) !== false || !stream) return;
      await once(stream, "drain").catch((error: unknown) => {
        throw outputError("<stdout>", error);
      });
    });
  } finally {
    stream?.off("error", onError);
  }
}

/**
 * Writes a copy of a capture with every secret replaced by `[REDACTED]`, to a file or, for `-`,
 * to standard output, one entry at a time, so that memory use does not grow with the capture.
 * Returns the number of entries written. The input is opened before the output, so that a
 * missing input leaves no file behind. An error after the first bytes went to standard output
 * leaves those bytes written.
 */
export async function sanitize(options: SanitizeOptions): Promise<number> {
  const matcher = new OperationMatcher(loadCatalog());
  const known = new KnownSecrets();
  await learnSecrets(options, matcher, known);
  const reader = readDocument(options.input, {
    stdin: options.stdin,
    warnings: options.warnings,
  });
  const first = await reader.next();
  async function* parts(): AsyncGenerator<DocumentPart> {
    if (first.done) return;
    yield first.value;
    yield* reader;
  }
  const body = (write: Write) => writeParts(parts(), options, write, known, matcher);
  if (options.output !== "-") return writeToFile(options.output, options.force, body);
  return writeToStdout(options.stdout, body);
}
