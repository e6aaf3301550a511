import { Har2MkioError } from "../errors.js";
import { DocumentCheck, type DocumentEnd } from "./document-check.js";
import { displayName, startsWithBom, UTF8_BOM } from "./input-format.js";
import { emptyFileError, firstJsonError, truncatedError } from "./json-error.js";
import { MAX_KEPT_BYTES } from "./json-value.js";
import { lineAndColumn } from "./parse-json.js";
import { type CaptureSource, openCapture } from "./source.js";
import { ErrorLocator } from "./stream-errors.js";

export { fileError } from "./input-file.js";
export { displayName, GZIP_MAGIC, gzipError, startsWithBom, UTF8_BOM } from "./input-format.js";

function tooLargeError(name: string, bytes: string): Har2MkioError {
  return new Har2MkioError(
    "file-unreadable",
    `${name}: too large to load whole (${bytes} bytes); validate and --strict read the whole ` +
      "file at once, so convert without --strict",
  );
}

/** Builds the error for a failed check from the bytes read so far, as the whole-file reader would. */
async function endError(
  source: CaptureSource,
  end: Exclude<DocumentEnd, { kind: "complete" }>,
  bytes: Buffer,
  bom: number,
): Promise<Har2MkioError> {
  if (end.kind === "empty") return emptyFileError(source.name, bytes.length - bom);
  if (end.kind === "truncated") return truncatedError(source.name, bytes.length, source.gzip);
  const failure = end.failure;
  const text = bytes.toString("utf8", bom, failure.offset);
  // jsonc-parser reads the text up to the error and a stand-in for the bad token, so that it
  // names the entry the error is in exactly as it does on the whole text.
  const entries = (await firstJsonError(`${text}\u0000`, true))?.entries;
  return new ErrorLocator(source).ofValue(failure, entries, lineAndColumn(text, text.length));
}

/**
 * Loads the whole of one capture into memory, from a path or from standard input for `-`,
 * decompressing gzip, which is recognised by its magic bytes. It checks the JSON as it reads and
 * stops at the first invalid byte, and it stops once the capture is longer than the longest
 * string Node.js can hold, because the text is parsed whole.
 */
export async function loadCaptureBytes(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<Buffer> {
  const source = await openCapture(path, { stdin });
  const pieces: Buffer[] = [];
  let length = 0;
  let check: DocumentCheck | undefined;
  let bom = 0;
  for await (const chunk of source.chunks) {
    pieces.push(chunk);
    length += chunk.length;
    if (length > MAX_KEPT_BYTES + UTF8_BOM.length) {
      throw tooLargeError(source.name, `more than ${MAX_KEPT_BYTES}`);
    }
    if (!check && length >= UTF8_BOM.length) {
      const head = Buffer.concat(pieces);
      bom = startsWithBom(head) ? UTF8_BOM.length : 0;
      check = new DocumentCheck(bom);
      check.push(head.subarray(bom));
    } else {
      check?.push(chunk);
    }
    if (check?.failure) break;
  }
  const bytes = Buffer.concat(pieces, length);
  if (!check) {
    bom = startsWithBom(bytes) ? UTF8_BOM.length : 0;
    check = new DocumentCheck(bom);
    check.push(bytes.subarray(bom));
  }
  const end = check.finish();
  if (end.kind !== "complete") throw await endError(source, end, bytes, bom);
  return bytes;
}

/**
 * Decodes a whole capture as UTF-8 from byte `start`. V8 strings stop at about 512 MiB, so a
 * larger capture raises `file-unreadable` with what to do instead.
 */
export function decodeCapture(bytes: Buffer, start: number, name: string): string {
  try {
    return bytes.toString("utf8", start);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_STRING_TOO_LONG") throw error;
    throw tooLargeError(name, String(bytes.length));
  }
}

/**
 * Loads the text of one capture from a path, or from standard input for `-`. Gzip-compressed
 * input is recognised by its magic bytes and a UTF-8 byte-order mark is dropped.
 */
export async function loadCaptureText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  const bytes = await loadCaptureBytes(path, stdin);
  return decodeCapture(bytes, startsWithBom(bytes) ? UTF8_BOM.length : 0, displayName(path));
}
