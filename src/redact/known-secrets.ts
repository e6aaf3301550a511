/**
 * Shortest value that is looked for wherever it is copied. Shorter ones would also match ordinary
 * text, such as a number or a word.
 */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** Values are indexed by their first characters, so that a search costs one look-up a position. */
const PREFIX_LENGTH = MIN_KNOWN_SECRET_LENGTH;

/**
 * Tells whether a value is distinctive enough to look for in other text: a token or a key mixes
 * letters and digits or is long, while a short word (`default`, `secret`) would match ordinary text.
 */
// NOTE: a secret that fails this test (a short all-letter password) is still removed where its
// place makes it secret, but a copy of it elsewhere is kept.
function isDistinctive(value: string): boolean {
  if (value.length < MIN_KNOWN_SECRET_LENGTH || /^\s|\s$/.test(value)) return false;
  if (value.length >= 16) return true;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((kind) => kind.test(value)).length;
  return kinds >= 2;
}

/**
 * Most known values (with their encoded forms) up to which each is searched with `indexOf`. Past
 * it, one pass over the text with the prefix index is faster.
 */
const NATIVE_SEARCH_LIMIT = 24;

function pairKey(text: string, index: number): number {
  return ((text.charCodeAt(index) & 0xff) << 8) | (text.charCodeAt(index + 1) & 0xff);
}

/**
 * Secret values already seen in a capture (a token from a header, a key from a secret field),
 * found again wherever the capture copies them: in a description, a response, another entry. A
 * value is also found in its URL-encoded and JSON-escaped forms. The search takes time linear in
 * the length of the text, however many values are known.
 */
export class KnownSecrets {
  /** Known values by their first characters, longest first. */
  private readonly byPrefix = new Map<string, string[]>();
  /** Flags the first two characters of known values, to pass over most positions at once. */
  private readonly pairs = new Uint8Array(65536);
  private readonly values = new Set<string>();

  /** Number of distinct values looked for, encoded forms included. */
  get size(): number {
    return this.values.size;
  }

  /**
   * Adds a secret value. One that is short or made of one kind of character (`default`) is not
   * looked for, because it would match ordinary text.
   */
  add(value: string): void {
    if (!isDistinctive(value)) return;
    this.addForm(value);
    this.addForm(encodeURIComponent(value));
    const escaped = JSON.stringify(value).slice(1, -1);
    this.addForm(escaped);
    // Some JSON writers also escape `/`.
    this.addForm(escaped.replaceAll("/", "\\/"));
  }

  private addForm(value: string): void {
    if (this.values.has(value)) return;
    this.values.add(value);
    const prefix = value.slice(0, PREFIX_LENGTH);
    const list = this.byPrefix.get(prefix) ?? [];
    list.push(value);
    list.sort((a, b) => b.length - a.length);
    this.byPrefix.set(prefix, list);
    this.pairs[pairKey(value, 0)] = 1;
  }

  /** Tells whether the text contains a known secret. */
  foundIn(text: string): boolean {
    return this.next(text, 0) !== undefined;
  }

  /** Returns the text with every known secret in it replaced by `marker`. */
  replaceIn(text: string, marker: string): string {
    let out = "";
    let last = 0;
    for (let found = this.next(text, 0); found; found = this.next(text, last)) {
      out += text.slice(last, found.index) + marker;
      last = found.index + found.length;
    }
    return last === 0 ? text : out + text.slice(last);
  }

  /** Returns every known secret in the text with its place, first to last, without overlaps. */
  *occurrences(text: string): Generator<{ index: number; length: number }> {
    let last = 0;
    for (let found = this.next(text, 0); found; found = this.next(text, last)) {
      yield found;
      last = found.index + found.length;
    }
  }

  private next(text: string, from: number): { index: number; length: number } | undefined {
    if (this.values.size === 0) return undefined;
    if (this.values.size <= NATIVE_SEARCH_LIMIT) return this.nextByIndexOf(text, from);
    return this.nextByPrefix(text, from);
  }

  /** Searches for each value with `indexOf`, which is faster while few values are known. */
  private nextByIndexOf(text: string, from: number): { index: number; length: number } | undefined {
    let best: { index: number; length: number } | undefined;
    for (const value of this.values) {
      const index = text.indexOf(value, from);
      if (index === -1) continue;
      if (!best || index < best.index || (index === best.index && value.length > best.length)) {
        best = { index, length: value.length };
      }
    }
    return best;
  }

  private nextByPrefix(text: string, from: number): { index: number; length: number } | undefined {
    for (let index = from; index <= text.length - PREFIX_LENGTH; index++) {
      if (this.pairs[pairKey(text, index)] === 0) continue;
      const list = this.byPrefix.get(text.slice(index, index + PREFIX_LENGTH));
      if (!list) continue;
      for (const value of list) {
        if (text.startsWith(value, index)) return { index, length: value.length };
      }
    }
    return undefined;
  }
}
