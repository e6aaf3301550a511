import { firstNonSpace } from "./document-head.js";
import { SKIP } from "./entry-fields.js";
import { JsonValueReader, type ValueFailure } from "./json-value.js";

/** Outcome of a document that `DocumentCheck` read to its end. */
export type DocumentEnd =
  | { kind: "complete" }
  | { kind: "empty" }
  | { kind: "truncated" }
  | { kind: "failed"; failure: ValueFailure };

/**
 * Checks a whole JSON document as it arrives in chunks, keeping none of it: whitespace, one
 * value, whitespace. It stops at the first byte that makes the document invalid.
 */
export class DocumentCheck {
  /** The first problem found. */
  failure: ValueFailure | undefined;
  private reader: JsonValueReader | undefined;
  private ended = false;

  /** @param offset byte offset in the input of the first byte pushed */
  constructor(private offset: number) {}

  /** Checks the next chunk. */
  push(chunk: Buffer): void {
    if (this.failure) return;
    const from = this.ended ? 0 : this.readValue(chunk);
    if (this.failure || from === -1) return;
    const extra = firstNonSpace(chunk, from);
    if (extra !== -1) {
      const found = chunk
        .subarray(extra, extra + 4)
        .toString("utf8")
        .charAt(0);
      this.failure = { kind: "syntax", offset: this.offset + extra, found };
      return;
    }
    this.offset += chunk.length;
  }

  /** Tells how the input ended, once it has. */
  finish(): DocumentEnd {
    if (this.failure) return { kind: "failed", failure: this.failure };
    const reader = this.reader;
    if (!reader) return { kind: "empty" };
    if (this.ended || reader.completeAtEnd()) return { kind: "complete" };
    const cut = reader.cutTokenAtTop();
    return cut ? { kind: "failed", failure: cut } : { kind: "truncated" };
  }

  /** Feeds the value and returns the index just past it, or -1 if it goes on past the chunk. */
  private readValue(chunk: Buffer): number {
    let from = 0;
    if (!this.reader) {
      from = firstNonSpace(chunk);
      if (from === -1) {
        this.offset += chunk.length;
        return -1;
      }
      this.reader = new JsonValueReader(this.offset + from, { keep: SKIP });
    }
    const end = this.reader.feed(chunk, from);
    this.failure = this.reader.failure;
    this.ended = end !== -1;
    if (!this.ended) this.offset += chunk.length;
    return end;
  }
}
