/**
 * The bytes kept of one value, gathered from chunks. While keeping, a run of the current chunk is
 * open, and it is added as a view when it closes. `detach` copies views before the chunk is
 * reused. Offsets count kept bytes, so they differ from input offsets once something was left out.
 */
export class KeptBytes {
  /** Kept bytes in closed runs and placeholders. */
  length = 0;
  private pieces: Buffer[] = [];
  private copied = 0;
  private chunk: Buffer = Buffer.alloc(0);
  /** Index in the chunk where the open run starts, or -1 while nothing is kept. */
  private runFrom = -1;

  /** Starts on a new chunk at index `from`, keeping from there if `keeping`. */
  begin(chunk: Buffer, from: number, keeping: boolean): void {
    this.chunk = chunk;
    this.runFrom = keeping ? from : -1;
  }

  /** Stops keeping before `index` and adds `placeholder`, if given, in place of what follows. */
  pause(index: number, placeholder?: Buffer): void {
    this.closeRun(index);
    this.runFrom = -1;
    if (placeholder) this.add(placeholder);
  }

  /** Keeps again from `index` on. */
  resume(index: number): void {
    this.runFrom = index;
  }

  /** Leaves out the bytes from `from` to `to`, if they would be kept. */
  leaveOut(from: number, to: number): void {
    if (this.runFrom < 0) return;
    this.closeRun(from);
    this.runFrom = to;
  }

  /** Returns the kept offset that the byte at `index` of the chunk has, or would have. */
  offsetAt(index: number): number {
    return this.length + (this.runFrom >= 0 ? index - this.runFrom : 0);
  }

  /** Drops what was kept from kept offset `from` on, adds `placeholder` and stops keeping. */
  cutBack(from: number, index: number, placeholder: Buffer): void {
    this.closeRun(index);
    this.runFrom = -1;
    while (this.length > from) {
      const last = this.pieces.pop() as Buffer;
      this.length -= last.length;
      if (this.length < from) this.pieces.push(last.subarray(0, from - this.length));
      if (this.length < from) this.length = from;
    }
    this.copied = Math.min(this.copied, this.pieces.length);
    this.add(placeholder);
  }

  /** Returns the kept bytes between two kept offsets, with the open run closed at `index`. */
  range(from: number, to: number, index: number): Buffer {
    this.closeRun(index);
    return this.bytes().subarray(from, to);
  }

  /** Drops everything kept and keeps nothing more. */
  clear(): void {
    this.pieces = [];
    this.copied = 0;
    this.length = 0;
    this.runFrom = -1;
  }

  /** Returns the kept bytes of closed runs. */
  bytes(): Buffer {
    const only = this.pieces[0];
    if (this.pieces.length === 1 && only) return only;
    const joined = Buffer.concat(this.pieces, this.length);
    this.pieces = [joined];
    this.copied = 1;
    return joined;
  }

  /** Copies the views added since the last call out of their chunks. */
  detach(): void {
    for (let index = this.copied; index < this.pieces.length; index++) {
      this.pieces[index] = Buffer.from(this.pieces[index] as Buffer);
    }
    this.copied = this.pieces.length;
  }

  private closeRun(index: number): void {
    if (this.runFrom < 0 || index <= this.runFrom) return;
    this.add(this.chunk.subarray(this.runFrom, index));
    this.runFrom = index;
  }

  private add(bytes: Buffer): void {
    this.pieces.push(bytes);
    this.length += bytes.length;
  }
}
