/**
 * Shortest value that is looked for wherever it is copied. Shorter ones would also match ordinary
 * text, such as a number or a word.
 */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** Length of the chunks that the search index is built from. No known value is shorter. */
const CHUNK_LENGTH = MIN_KNOWN_SECRET_LENGTH;

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

/** Writes the hex digits of every percent escape in lower case (`%2F` to `%2f`). */
function lowerCaseEscapes(encoded: string): string {
  return encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
}

/**
 * Returns the forms in which URL and form encoders write a value: `encodeURIComponent`, the same
 * with `+` for a space, and the `application/x-www-form-urlencoded` serializer of `URLSearchParams`
 * (which also escapes `!'()~`). Each comes with upper-case and lower-case hex digits, because
 * some encoders (.NET's `HttpUtility.UrlEncode`) write `%2b`.
 */
function percentEncodedForms(value: string): string[] {
  const component = encodeURIComponent(value);
  const form = new URLSearchParams([["", value]]).toString().slice(1);
  const forms = [component, component.replaceAll("%20", "+"), form];
  return forms.flatMap((encoded) => [encoded, lowerCaseEscapes(encoded)]);
}

/**
 * Maximum number of known values (encoded forms included) that are searched one at a time with
 * `indexOf`, which skips through text natively. Each value costs one pass over the text, so past
 * a few dozen values one pass with the chunk index is faster.
 */
const NATIVE_SEARCH_LIMIT = 24;

function pairKey(text: string, index: number): number {
  return ((text.charCodeAt(index) & 0xff) << 8) | (text.charCodeAt(index + 1) & 0xff);
}

/** A known value found in a text: where it starts and how long it is. */
export interface Occurrence {
  index: number;
  length: number;
}

/**
 * A node of the search index, a trie over chunks of `CHUNK_LENGTH` characters. The node at depth
 * `d` stands for the first `d` chunks that some known values share.
 */
interface ChunkNode {
  /**
   * The nodes one chunk deeper, by that chunk. A string child is the rest of the only value
   * below, from that chunk on, so that a value that shares no chunk with another costs one entry.
   */
  children: Map<string, ChunkNode | string>;
  /**
   * The rests of the values that end less than a chunk below this node, by their length (0 to
   * `CHUNK_LENGTH - 1`).
   */
  endings: (Set<string> | undefined)[];
}

function emptyNode(): ChunkNode {
  return { children: new Map(), endings: [] };
}

/** Adds the rest of a value, starting at this node, to the node's endings or children. */
function placeRest(node: ChunkNode, rest: string): void {
  if (rest.length < CHUNK_LENGTH) {
    const endings = node.endings[rest.length] ?? new Set<string>();
    endings.add(rest);
    node.endings[rest.length] = endings;
    return;
  }
  node.children.set(rest.slice(0, CHUNK_LENGTH), rest);
}

/**
 * Secret values already seen in a capture (a token from a header, a key from a secret field),
 * found again wherever the capture copies them: in a description, a response, another entry. A
 * value is also found in its URL-encoded, form-encoded and JSON-escaped forms.
 *
 * The search steps through the text once. At each place it follows the index one chunk at a
 * time, so its cost there grows with the length of the longest known value that starts like the
 * text there, not with the number of known values. Thousands of JWTs that all start `eyJhbG`
 * share their first nodes.
 */
export class KnownSecrets {
  private readonly root = emptyNode();
  /** Flags the first two characters of known values, to pass over most positions at once. */
  private readonly pairs = new Uint8Array(65536);
  private readonly values = new Set<string>();
  /** The same values in the order they were added. */
  private readonly list: string[] = [];

  /** Number of distinct values looked for, encoded forms included. */
  get size(): number {
    return this.list.length;
  }

  /**
   * Adds a secret value. One that is short or made of one kind of character (`default`) is not
   * looked for, because it would match ordinary text.
   */
  add(value: string): void {
    if (!isDistinctive(value)) return;
    this.addForm(value);
    for (const encoded of percentEncodedForms(value)) this.addForm(encoded);
    const escaped = JSON.stringify(value).slice(1, -1);
    this.addForm(escaped);
    // Some JSON writers also escape `/`.
    this.addForm(escaped.replaceAll("/", "\\/"));
  }

  private addForm(value: string): void {
    if (this.values.has(value)) return;
    this.values.add(value);
    this.list.push(value);
    this.pairs[pairKey(value, 0)] = 1;
    let node = this.root;
    for (let at = 0; ; at += CHUNK_LENGTH) {
      const rest = value.slice(at);
      if (rest.length < CHUNK_LENGTH) {
        placeRest(node, rest);
        return;
      }
      const chunk = rest.slice(0, CHUNK_LENGTH);
      const child = node.children.get(chunk);
      if (child === undefined) {
        node.children.set(chunk, rest);
        return;
      }
      if (typeof child === "string") {
        // A second value below this chunk: the first one moves one node down.
        const split = emptyNode();
        placeRest(split, child.slice(CHUNK_LENGTH));
        node.children.set(chunk, split);
        node = split;
      } else {
        node = child;
      }
    }
  }

  /** Tells whether the text contains a known secret. */
  foundIn(text: string): boolean {
    return !this.occurrences(text).next().done;
  }

  /** Returns the text with every known secret in it replaced by `marker`. */
  replaceIn(text: string, marker: string): string {
    let out = "";
    let last = 0;
    for (const found of this.occurrences(text)) {
      out += text.slice(last, found.index) + marker;
      last = found.index + found.length;
    }
    return last === 0 ? text : out + text.slice(last);
  }

  /**
   * Returns every known secret in the text with its place, first to last, without overlaps. Where
   * several start at one place, the longest is returned.
   */
  occurrences(text: string): Generator<Occurrence> {
    if (this.list.length <= NATIVE_SEARCH_LIMIT) return this.occurrencesByIndexOf(text);
    return this.occurrencesByChunks(text);
  }

  /**
   * Searches for each value with `indexOf`, which is faster while few values are known. The next
   * place of each value is kept between matches and searched again only once a match has passed
   * it, so a text with many copies of one value is still read about once per value.
   */
  private *occurrencesByIndexOf(text: string): Generator<Occurrence> {
    const values = this.list;
    const next = values.map((value) => text.indexOf(value));
    for (;;) {
      let best = -1;
      for (let i = 0; i < values.length; i++) {
        const index = next[i] as number;
        if (index === -1) continue;
        const bestIndex = best === -1 ? -1 : (next[best] as number);
        const longer =
          index === bestIndex && (values[i] as string).length > (values[best] as string).length;
        if (best === -1 || index < bestIndex || longer) best = i;
      }
      if (best === -1) return;
      const found = { index: next[best] as number, length: (values[best] as string).length };
      yield found;
      const end = found.index + found.length;
      for (let i = 0; i < values.length; i++) {
        const index = next[i] as number;
        if (index !== -1 && index < end) next[i] = text.indexOf(values[i] as string, end);
      }
    }
  }

  private *occurrencesByChunks(text: string): Generator<Occurrence> {
    for (let index = 0; index <= text.length - MIN_KNOWN_SECRET_LENGTH; index++) {
      if (this.pairs[pairKey(text, index)] === 0) continue;
      const length = this.longestAt(text, index);
      if (length === 0) continue;
      yield { index, length };
      index += length - 1;
    }
  }

  /** Returns the length of the longest known value that starts at `start`, or 0 if none does. */
  private longestAt(text: string, start: number): number {
    let longest = 0;
    let node = this.root;
    for (let at = start; ; at += CHUNK_LENGTH) {
      // Endings are shorter than a chunk, and a longer ending makes a longer match.
      for (let length = 0; length < node.endings.length; length++) {
        if (node.endings[length]?.has(text.slice(at, at + length))) longest = at + length - start;
      }
      if (at + CHUNK_LENGTH > text.length) return longest;
      const child = node.children.get(text.slice(at, at + CHUNK_LENGTH));
      if (child === undefined) return longest;
      if (typeof child === "string") {
        return text.startsWith(child, at) ? at + child.length - start : longest;
      }
      node = child;
    }
  }
}
