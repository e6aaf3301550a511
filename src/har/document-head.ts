import { startsWithBom, UTF8_BOM } from "./input-format.js";

/** Start of a streamed document, after a byte-order mark and any whitespace. */
export interface DocumentHead {
  /** Length of the byte-order mark, 0 without one. */
  bom: number;
  /** Offset of the first byte that is not whitespace, or of the end of an all-blank input. */
  offset: number;
  /** That byte, or undefined if the input contains nothing else. */
  first: number | undefined;
  /** The input from that byte on. */
  chunks: AsyncIterable<Buffer>;
}

/** Returns the index of the first byte from `from` on that is not whitespace, or -1. */
export function firstNonSpace(chunk: Buffer, from = 0): number {
  for (let index = from; index < chunk.length; index++) {
    // The test is written out, because a call per byte made long runs several times slower.
    const byte = chunk[index];
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return index;
  }
  return -1;
}

/** Reads chunks until at least `size` bytes are at hand, and returns a copy of them all. */
async function readAtLeast(chunks: AsyncIterator<Buffer>, size: number): Promise<Buffer> {
  const head: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
  }
  return Buffer.concat(head, length);
}

async function* startingWith(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield first;
    yield* { [Symbol.asyncIterator]: () => rest };
  } finally {
    // A consumer that stops at the first chunk would otherwise leave the input open.
    await rest.return?.();
  }
}

/**
 * Finds the first byte of a document after a byte-order mark and leading whitespace. The
 * whitespace is read and dropped as it comes, so any amount of it costs no memory.
 */
export async function readDocumentHead(input: AsyncIterable<Buffer>): Promise<DocumentHead> {
  const chunks = input[Symbol.asyncIterator]();
  // The head is a copy, so it stays valid while the reader reuses its buffers.
  const head = await readAtLeast(chunks, UTF8_BOM.length);
  const bom = startsWithBom(head) ? UTF8_BOM.length : 0;
  let offset = bom;
  let chunk: Buffer | undefined = head.subarray(bom);
  while (chunk) {
    const start = firstNonSpace(chunk);
    if (start !== -1) {
      const first = chunk[start];
      return {
        bom,
        offset: offset + start,
        first,
        chunks: startingWith(chunk.subarray(start), chunks),
      };
    }
    offset += chunk.length;
    const next = await chunks.next();
    chunk = next.done ? undefined : next.value;
  }
  return { bom, offset, first: undefined, chunks: startingWith(Buffer.alloc(0), chunks) };
}
