import { isWhitespace } from "./capture.js";
import { startsWithBom, UTF8_BOM } from "./input.js";

/** The chunks read before the document's first byte was found, and that byte. */
export interface DocumentStart {
  head: Buffer[];
  /** Length of the byte-order mark, 0 without one. */
  bom: number;
  /** The first byte that is not whitespace, or undefined for an empty capture. */
  first: number | undefined;
}

function firstByte(bytes: Buffer): { bom: number; first: number | undefined } {
  const bom = startsWithBom(bytes) ? UTF8_BOM.length : 0;
  return { bom, first: bytes.subarray(bom).find((byte) => !isWhitespace(byte)) };
}

/** Reads chunks until the first byte of the document, after a byte-order mark, is known. */
export async function findDocumentStart(chunks: AsyncIterator<Buffer>): Promise<DocumentStart> {
  const head: Buffer[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    // A copy, because the chunks are kept across pulls and the reader may reuse their memory.
    head.push(Buffer.from(next.value));
    const bytes = Buffer.concat(head);
    // Wait for three bytes, or the end, before deciding on a byte-order mark.
    if (bytes.length < UTF8_BOM.length) continue;
    const start = firstByte(bytes);
    if (start.first !== undefined) return { head, ...start };
  }
  return { head, ...firstByte(Buffer.concat(head)) };
}

/** Yields the chunks already read, then the rest. */
export async function* restOf(
  head: Buffer[],
  chunks: AsyncIterator<Buffer>,
): AsyncGenerator<Buffer> {
  yield* head;
  yield* { [Symbol.asyncIterator]: () => chunks };
}

/** Drops the first `count` bytes, which may span several chunks. */
export async function* skipBytes(
  chunks: AsyncIterable<Buffer>,
  count: number,
): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}
