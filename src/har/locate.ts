import { startsWithBom } from "./input.js";
import { openCapture } from "./source.js";

const LINE_FEED = 0x0a;

/** Counts the UTF-16 units that UTF-8 bytes decode to, as `String.length` would. */
function utf16Units(bytes: Buffer, from: number, to: number): number {
  let units = 0;
  for (let index = from; index < to; index++) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) !== 0x80) units++;
    if (byte >= 0xf0) units++;
  }
  return units;
}

/** A line and column counter fed with the bytes before the offset being located. */
class LineCounter {
  line = 1;
  /** UTF-16 units between the start of the current line and the end of the bytes fed. */
  units = 0;

  feed(bytes: Buffer, to: number): void {
    let lineStart = -1;
    for (let index = bytes.indexOf(LINE_FEED); index !== -1 && index < to; ) {
      this.line++;
      lineStart = index + 1;
      index = bytes.indexOf(LINE_FEED, lineStart);
    }
    if (lineStart !== -1) this.units = 0;
    this.units += utf16Units(bytes, Math.max(lineStart, 0), to);
  }
}

/**
 * Finds the line, column and character at a byte offset of a capture file by reading it again,
 * which costs one more pass but only after a syntax error. Columns count UTF-16 units from 1 and
 * leave out a byte-order mark, as the whole-file reader does.
 */
export async function locateInFile(
  path: string,
  byte: number,
): Promise<{ line: number; column: number; found: string }> {
  const source = await openCapture(path);
  const counter = new LineCounter();
  const tail: Buffer[] = [];
  let position = 0;
  let bom = false;
  let tailLength = 0;
  for await (const chunk of source.chunks) {
    if (position === 0) bom = startsWithBom(chunk);
    const before = Math.min(chunk.length, Math.max(byte - position, 0));
    if (before > 0) counter.feed(chunk, before);
    if (before < chunk.length) {
      tail.push(chunk.subarray(before, before + 4 - tailLength));
      tailLength = tail.reduce((sum, piece) => sum + piece.length, 0);
    }
    position += chunk.length;
    if (tailLength >= 4) break;
  }
  const column = counter.units + 1 - (bom && counter.line === 1 ? 1 : 0);
  return { line: counter.line, column, found: Buffer.concat(tail).toString("utf8").charAt(0) };
}
