import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { Har2MkioError } from "../errors.js";

/** The first two bytes of every gzip stream. */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The UTF-8 encoding of U+FEFF, which some tools write at the start of a capture. */
export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Names standard input `<stdin>` in messages and any other path as given. */
export function displayName(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

/** Turns a failure to open or read a capture file into a message naming the file. */
export function fileError(path: string, error: unknown): Har2MkioError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new Har2MkioError("file-not-found", `${path}: file not found; check the path`);
  }
  if (code === "EISDIR") {
    return new Har2MkioError("file-unreadable", `${path}: is a directory; give a .har file`);
  }
  return new Har2MkioError("file-unreadable", `${path}: cannot be read (${code ?? "error"})`);
}

/** Raised when data that starts like gzip fails to decompress. */
export function gzipError(name: string): Har2MkioError {
  return new Har2MkioError(
    "file-unreadable",
    `${name}: starts like gzip but does not decompress; check that the download finished`,
  );
}

/** Reads all of a readable stream into one buffer. */
async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

function gunzip(bytes: Buffer, name: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch {
    throw gzipError(name);
  }
}

/** Tells whether the bytes start with a UTF-8 byte-order mark. */
export function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/**
 * Loads the whole of one capture into memory, from a path or from standard input for `-`,
 * decompressing gzip, which is recognised by its magic bytes.
 */
export async function loadCaptureBytes(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<Buffer> {
  const bytes = path === "-" ? await readStream(stdin) : await readFileBytes(path);
  const gzip = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  return gzip ? gunzip(bytes, displayName(path)) : bytes;
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
    throw new Har2MkioError(
      "file-unreadable",
      `${name}: too large to load whole (${bytes.length} bytes); validate and --strict read the ` +
        "whole file at once, so convert without --strict",
    );
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
