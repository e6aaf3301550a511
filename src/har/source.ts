import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { fileError, type InputFile, inspectInputFile } from "./input-file.js";
import { displayName, GZIP_MAGIC, gzipError, isGzipHeaderStart } from "./input-format.js";

/** Bytes read at a time from a file, and the largest chunk handed to the scanner. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/** Smallest read from a file, in bytes, so that tests with tiny chunks stay fast. */
const MIN_READ_SIZE = 64 * 1024;

/** zlib rejects output buffers smaller than this many bytes. */
const MIN_ZLIB_CHUNK = 64;

/** One capture opened for streaming. */
export interface CaptureSource {
  /** The path as given, `-` for standard input. */
  path: string;
  /** The path, or `<stdin>`. */
  name: string;
  /** Size of the file on disk, compressed if it is gzip, or undefined for a stream. */
  totalBytes: number | undefined;
  /** True for a regular file, which can be read again; false for standard input, a pipe or a device. */
  rereadable: boolean;
  /** Tells how many bytes were read from the file or standard input so far, before gunzip. */
  bytesRead(): number;
  gzip: boolean;
  /** Set once the gzip data has ended without its trailer. */
  gzipTruncated: boolean;
  /** The capture's bytes after decompression, byte-order mark included. */
  chunks: AsyncIterable<Buffer>;
}

async function* countBytes(
  raw: AsyncIterable<Buffer | string>,
  counter: { bytes: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of raw) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    counter.bytes += bytes.length;
    yield bytes;
  }
}

/** Reads until at least `size` bytes are at hand, then hands back those and the rest. */
async function peek(chunks: AsyncIterable<Buffer>, size: number) {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    try {
      yield* head;
      yield* { [Symbol.asyncIterator]: () => iterator };
    } finally {
      // A consumer that stops within the head would otherwise leave the file open.
      await iterator.return?.();
    }
  }
  return { head: Buffer.concat(head), chunks: all() };
}

async function* gunzipChunks(
  source: CaptureSource,
  compressed: AsyncIterable<Buffer>,
  chunkSize: number,
  headerValid: boolean,
): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: Math.max(chunkSize, MIN_ZLIB_CHUNK) });
  // The callback only keeps pipeline from raising, because the error reaches the loop below.
  const output = pipeline(Readable.from(compressed), gunzip, () => {});
  let produced = 0;
  try {
    for await (const chunk of output) {
      produced += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  } catch (error) {
    const { code = "", message } = error as NodeJS.ErrnoException;
    // A gzip stream cut short decompresses up to the cut, and the JSON scanner reports the rest.
    if (code === "Z_BUF_ERROR") {
      source.gzipTruncated = true;
      return;
    }
    if (!code.startsWith("Z_")) throw error;
    throw gzipError(source.name, { reason: message, produced, afterMember: headerValid });
  }
}

/** Splits chunks longer than `size`, so that tests can cut the input anywhere. */
async function* splitChunks(chunks: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (chunk.length <= size) {
      yield chunk;
      continue;
    }
    for (let start = 0; start < chunk.length; start += size) {
      yield chunk.subarray(start, start + size);
    }
  }
}

async function* readFileChunks(path: string, chunkSize: number): AsyncGenerator<Buffer> {
  try {
    yield* createReadStream(path, { highWaterMark: chunkSize });
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Reads a file into three buffers in turn, so that reading allocates nothing per chunk. Fresh
 * buffers would pile up until the garbage collector runs, which it seldom does while the heap
 * barely grows. The next read is started before a chunk is handed out, so that the disk read
 * overlaps the scan. A chunk is overwritten at the second pull after it, so a consumer that
 * keeps bytes longer must copy them.
 */
async function* readFileReusing(path: string, size: number): AsyncGenerator<Buffer> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw fileError(path, error);
  });
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  const readInto = (turn: number) => {
    const buffer = buffers[turn % buffers.length] as Buffer;
    return handle.read(buffer, 0, size, null).catch((error: unknown) => {
      throw fileError(path, error);
    });
  };
  let pending = readInto(0);
  try {
    for (let turn = 1; ; turn++) {
      const { buffer, bytesRead } = await pending;
      if (bytesRead === 0) return;
      pending = readInto(turn);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still running would write into a buffer after the handle closes.
    await pending.catch(() => undefined);
    await handle.close();
  }
}

/** Tells whether a file starts with the gzip magic bytes. */
async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw fileError(path, error);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(GZIP_MAGIC.length), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** Chooses how to read the raw bytes of a capture. */
async function rawChunks(
  path: string,
  file: InputFile,
  readSize: number,
  options: OpenOptions,
): Promise<AsyncIterable<Buffer | string>> {
  if (path === "-") return options.stdin ?? Readable.from([]);
  // zlib may still hold input chunks after the next pull, so gzip gets fresh buffers. A pipe or
  // a device is opened only once, because opening it again would lose or wait for data.
  const reuse = options.reuseBuffers && file.regular && !(await isGzipFile(path));
  return reuse ? readFileReusing(path, readSize) : readFileChunks(path, readSize);
}

const STANDARD_INPUT: InputFile = { size: undefined, regular: false };

/** How to open a capture. */
export interface OpenOptions {
  stdin?: NodeJS.ReadableStream;
  chunkSize?: number;
  /**
   * Reads an uncompressed file into three buffers in turn, so that a chunk is overwritten at the
   * second pull after it. Only for consumers that copy the bytes they keep longer.
   */
  reuseBuffers?: boolean;
}

/**
 * Opens a capture for streaming, from a path or from standard input for `-`. Gzip is recognised
 * by its magic bytes whatever the file is called. A FIFO or a device is read like standard input,
 * and opening a FIFO waits until a writer opens it.
 */
export async function openCapture(path: string, options: OpenOptions = {}): Promise<CaptureSource> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const file = path === "-" ? STANDARD_INPUT : await inspectInputFile(path);
  const counter = { bytes: 0 };
  // Files are read in large pieces even for tiny chunk sizes, which `splitChunks` then cuts.
  const readSize = Math.max(chunkSize, MIN_READ_SIZE);
  const raw = await rawChunks(path, file, readSize, options);
  // Four bytes show whether gzip data starts with a header that zlib accepts.
  const { head, chunks } = await peek(countBytes(raw, counter), 4);
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const source: CaptureSource = {
    path,
    name: displayName(path),
    totalBytes: file.size,
    rereadable: file.regular,
    bytesRead: () => counter.bytes,
    gzip,
    gzipTruncated: false,
    chunks,
  };
  const decompressed = gzip
    ? gunzipChunks(source, chunks, chunkSize, isGzipHeaderStart(head))
    : chunks;
  source.chunks = splitChunks(decompressed, chunkSize);
  return source;
}
