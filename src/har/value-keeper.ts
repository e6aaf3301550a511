import { childNode, type FieldNode, memberNode, SKIP, WHOLE } from "./entry-fields.js";
import { numberStart } from "./json-tokens.js";
import { KeptBytes } from "./kept-bytes.js";
import { LONG_STRING_BYTES, type StringRange } from "./long-strings.js";

/** A key longer than this, in bytes with its quotes, names no field that the reader reads. */
const MAX_FIELD_KEY_BYTES = 128;

/** A whitespace run at least this long is padding, which is not kept. */
const MAX_KEPT_SPACE = 128;

/**
 * A value that is not to be kept is kept anyway until it reaches this many bytes, and only then
 * cut out, because cutting out every small value costs more time than keeping it.
 */
const SKIP_AFTER = LONG_STRING_BYTES;

const EMPTY: Buffer = Buffer.alloc(0);
const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const PLACEHOLDER = {
  zero: Buffer.from("0"),
  string: Buffer.from('""'),
  object: Buffer.from("{}"),
  array: Buffer.from("[]"),
};

/** A string that goes on past a chunk: its input offset, and whether it is a key. */
export interface OpenString {
  start: number;
  isKey: boolean;
}

/** Options of a `ValueKeeper`. */
export interface KeepOptions {
  /** Fields of the value to keep (default `WHOLE`, all of it). */
  keep?: FieldNode;
  /** Keeps `""` in place of a value that grows longer than this many bytes. */
  dropLongerThan?: number;
  /** Tells from the kept bytes of an entry's `request` whether its response body is needed. */
  needsBody?: (request: Buffer) => boolean;
}

/** Returns the placeholder for a value at `node` that starts with `byte`, or undefined. */
function placeholderFor(node: FieldNode, byte: number): Buffer | undefined {
  if (node.kind === "whole") return undefined;
  if (node.kind === "skip") return PLACEHOLDER.zero;
  if (byte === OPEN_BRACE) return node.kind === "object" ? undefined : PLACEHOLDER.object;
  if (byte === OPEN_BRACKET) return node.kind === "array" ? undefined : PLACEHOLDER.array;
  // A string or number where a container belongs is kept only as its type.
  if (node.kind !== "object" && node.kind !== "array") return undefined;
  if (byte === QUOTE) return PLACEHOLDER.string;
  return numberStart(byte) === undefined ? undefined : PLACEHOLDER.zero;
}

/**
 * Decides which bytes of a JSON value to keep, as `JsonValueReader` reports its tokens. It keeps
 * the fields that `keep` names and puts a placeholder of the same JSON type in place of any other
 * value once that value grows long. A long response body is kept only if `needsBody` accepts
 * its request.
 */
export class ValueKeeper {
  /** Kept strings of `LONG_STRING_BYTES` or more with their quotes, as offsets in `bytes()`. */
  readonly longStrings: StringRange[] = [];
  private readonly kept = new KeptBytes();
  /** The node of each open container, and the kept offset where it starts. */
  private readonly nodes: FieldNode[] = [];
  private readonly keptStarts: number[] = [];
  /** The node of the next value. */
  private node: FieldNode;
  /** Input offset of the current chunk's first byte. */
  private base = 0;
  /** Container depth at which a value that is not kept started, or -1 while keeping. */
  private skipDepth = -1;
  /**
   * A value to be replaced by `placeholder` once it is long enough to be worth cutting out, at
   * container depth `depth`, or none while that is -1. One object serves the whole value.
   */
  private readonly pending = { depth: -1, keptStart: 0, inputStart: 0, placeholder: EMPTY };
  private stringKeptStart = -1;
  private keyParts: Buffer[] = [];
  private keyDropped = false;
  private requestRange: StringRange | undefined;
  private bodyNeeded: boolean | undefined;
  private overflowed = false;

  constructor(private readonly options: KeepOptions) {
    this.node = options.keep ?? WHOLE;
    if (this.node.kind === "skip") this.skipDepth = 0;
  }

  /** Returns the kept bytes. */
  bytes(): Buffer {
    return this.overflowed ? PLACEHOLDER.string : this.kept.bytes();
  }

  /** Copies the kept bytes out of the chunks, which the reader may reuse. */
  detach(): void {
    this.kept.detach();
  }

  /** Starts on a chunk at index `from`, whose first byte has input offset `base`. */
  begin(chunk: Buffer, from: number, base: number): void {
    this.base = base;
    this.kept.begin(chunk, from, this.keeping());
  }

  /** Notes a value that starts with `byte` at `index`, which may get a placeholder. */
  startValue(byte: number, index: number): void {
    if (this.node.kind === "whole") return;
    const placeholder = placeholderFor(this.node, byte);
    if (!placeholder) return;
    // What is inside a value that gets a placeholder is never used.
    this.node = SKIP;
    const pending = this.pending;
    if (pending.depth !== -1 || !this.keeping()) return;
    pending.depth = this.nodes.length;
    pending.keptStart = this.kept.offsetAt(index);
    pending.inputStart = this.base + index;
    pending.placeholder = placeholder;
  }

  /** Notes an object or array that opens at `index`. */
  open(isArray: boolean, index: number): void {
    this.nodes.push(this.node);
    this.keptStarts.push(this.kept.offsetAt(index));
    this.node = isArray ? childNode(this.node) : SKIP;
  }

  /** Notes the closing bracket at `index`, after which `endValue` follows. */
  close(index: number): void {
    const node = this.nodes.pop() as FieldNode;
    const keptStart = this.keptStarts.pop() as number;
    if (node.kind === "object" && node.isRequest && this.keeping()) {
      this.requestRange = [keptStart, this.kept.offsetAt(index + 1)];
    }
  }

  /** Notes a comma between array items. */
  nextItem(): void {
    this.node = childNode(this.frameNode());
  }

  /** Notes a whitespace run, which is not kept if it is long. */
  space(from: number, to: number): void {
    if (to - from >= MAX_KEPT_SPACE) this.kept.leaveOut(from, to);
  }

  /** Notes a string or a key that starts at `index`. */
  startString(index: number): void {
    this.stringKeptStart = this.keeping() ? this.kept.offsetAt(index) : -1;
    if (this.keyParts.length > 0) this.keyParts = [];
  }

  /** Notes the end of a string value before `index`, which began at input offset `start`. */
  endString(index: number, start: number): void {
    if (this.base + index - start < LONG_STRING_BYTES) return;
    this.settleValueString(index, start);
    if (this.skipDepth === -1 && this.stringKeptStart >= 0) {
      this.longStrings.push([this.stringKeptStart, this.kept.offsetAt(index)]);
    }
  }

  /** Finds the node of the member value after a key that ends before `index`. */
  endKey(chunk: Buffer, index: number, start: number): void {
    const frame = this.frameNode();
    if (this.skipDepth !== -1 || frame.kind !== "object") {
      this.node = childNode(frame);
      return;
    }
    if (this.keyDropped || this.base + index - start > MAX_FIELD_KEY_BYTES) {
      if (!this.keyDropped) this.dropKey(index);
      this.keyDropped = false;
      this.kept.resume(index);
      this.node = SKIP;
      return;
    }
    if (this.keyParts.length === 0) {
      this.node = memberNode(frame, chunk, start - this.base + 1, index - 1);
      return;
    }
    const key = Buffer.concat([...this.keyParts, chunk.subarray(0, index)]);
    this.node = memberNode(frame, key, 1, key.length - 1);
  }

  /** Notes the end of a value just before `index`, at container depth `depth`. */
  endValue(index: number, depth: number): void {
    if (this.pending.depth === depth) this.settlePending(index, false);
    if (this.skipDepth === depth) {
      this.skipDepth = -1;
      this.kept.resume(index);
    }
  }

  /**
   * Ends a chunk at `index`, settling first a string that goes on past it, and returns false if
   * more than `limit` bytes are kept.
   */
  endChunk(chunk: Buffer, index: number, string: OpenString | undefined, limit: number): boolean {
    if (string?.isKey) this.settleKey(chunk, index, string.start);
    else if (string) this.settleValueString(index, string.start);
    this.settlePending(index, true);
    this.kept.pause(index);
    const dropLimit = this.options.dropLongerThan;
    if (dropLimit !== undefined && this.kept.length > dropLimit && !this.overflowed) {
      this.overflowed = true;
      this.kept.clear();
    }
    return this.kept.length <= limit;
  }

  private keeping(): boolean {
    return this.skipDepth === -1 && !this.keyDropped && !this.overflowed;
  }

  private frameNode(): FieldNode {
    return this.nodes[this.nodes.length - 1] ?? WHOLE;
  }

  /** Keeps `""` in place of a key too long to name a field; its value is then skipped. */
  private dropKey(index: number): void {
    this.cutBack(this.stringKeptStart, index, PLACEHOLDER.string);
    this.stringKeptStart = -1;
  }

  /** Drops what was kept from kept offset `from` on, with the long strings in it. */
  private cutBack(from: number, index: number, placeholder: Buffer): void {
    this.kept.cutBack(from, index, placeholder);
    while ((this.longStrings.at(-1)?.[0] ?? -1) >= from) this.longStrings.pop();
  }

  /**
   * Cuts out a value waiting for a placeholder once it is long enough: one that ended just
   * before `index`, or one that goes on past the chunk, which then is not kept further.
   */
  private settlePending(index: number, goesOn: boolean): void {
    const pending = this.pending;
    const depth = pending.depth;
    if (depth === -1) return;
    if (!goesOn) pending.depth = -1;
    if (this.base + index - pending.inputStart < SKIP_AFTER) return;
    pending.depth = -1;
    this.cutBack(pending.keptStart, index, pending.placeholder);
    if (goesOn) {
      this.skipDepth = depth;
    } else {
      this.kept.resume(index);
    }
  }

  /** Collects a key that goes on past the chunk, or drops it once too long to name a field. */
  private settleKey(chunk: Buffer, index: number, start: number): void {
    if (this.stringKeptStart < 0 || this.skipDepth !== -1) return;
    if (this.frameNode().kind !== "object") return;
    if (this.base + index - start > MAX_FIELD_KEY_BYTES) {
      this.dropKey(index);
      this.keyDropped = true;
      return;
    }
    const from = Math.max(0, start - this.base);
    this.keyParts.push(Buffer.from(chunk.subarray(from, index)));
  }

  /** Leaves out a long response body once the entry's request shows that it is not needed. */
  private settleValueString(index: number, start: number): void {
    if (this.stringKeptStart < 0 || this.skipDepth !== -1 || this.node.kind !== "body") return;
    if (this.base + index - start < LONG_STRING_BYTES || this.needsBody(index)) return;
    this.cutBack(this.stringKeptStart, index, PLACEHOLDER.zero);
    this.stringKeptStart = -1;
    this.skipDepth = this.nodes.length;
  }

  private needsBody(index: number): boolean {
    const range = this.requestRange;
    const needsBody = this.options.needsBody;
    // NOTE: a body that comes before its request is kept, because it is not yet known whether it
    // is needed. Browsers write the request first.
    if (!range || !needsBody) return true;
    this.bodyNeeded ??= needsBody(this.kept.range(range[0], range[1], index));
    return this.bodyNeeded;
  }
}
