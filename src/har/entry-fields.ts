/**
 * How much of a JSON value the streaming reader keeps for `JSON.parse`. A value that is not kept
 * is still checked byte by byte, but costs no memory however long it is.
 */
export type FieldNode =
  /** Kept as it is, with everything inside. */
  | { kind: "whole" }
  /** Not kept: the number `0` replaces it. */
  | { kind: "skip" }
  /** A field read as a string or number: scalars are kept, an object or array is kept empty. */
  | { kind: "text" }
  /** Like `text`, but a long string may be left out once the request shows it is not needed. */
  | { kind: "body" }
  /** An object whose listed members are kept as their nodes define, and others skipped. */
  | {
      kind: "object";
      fields: ReadonlyMap<string, FieldNode>;
      /** The UTF-8 bytes of the field names, to match keys without decoding them. */
      names: readonly Buffer[];
      /** The fields' nodes, in the order of `names`. */
      nodes: readonly FieldNode[];
      isRequest?: boolean;
    }
  /** An array whose items are kept as `item` defines. */
  | { kind: "array"; item: FieldNode };

/** Keeps a value as it is. */
export const WHOLE: FieldNode = { kind: "whole" };

/** Keeps nothing of a value but its syntax check. */
export const SKIP: FieldNode = { kind: "skip" };

const BACKSLASH = 0x5c;
const TEXT: FieldNode = { kind: "text" };
const BODY: FieldNode = { kind: "body" };

function object(fields: Record<string, FieldNode>, isRequest = false): FieldNode {
  const entries = Object.entries(fields);
  const names = entries.map(([name]) => Buffer.from(name));
  const nodes = entries.map(([, node]) => node);
  return { kind: "object", fields: new Map(entries), names, nodes, isRequest };
}

const PAIRS: FieldNode = { kind: "array", item: object({ name: TEXT, value: WHOLE }) };

/**
 * The fields of a `log.entries` element that `readRawEntry` in entry-schema.ts reads. Every other
 * field is skipped, and a kept field of the wrong type is kept empty, because the entry check looks
 * only at its type. Keep this tree in step with entry-schema.ts.
 */
export const ENTRY_FIELDS: FieldNode = object({
  startedDateTime: TEXT,
  request: object(
    {
      method: TEXT,
      url: TEXT,
      headers: PAIRS,
      postData: object({ mimeType: TEXT, text: TEXT, encoding: TEXT, params: PAIRS }),
    },
    true,
  ),
  response: object({
    status: TEXT,
    headers: PAIRS,
    content: object({ mimeType: TEXT, text: BODY, encoding: TEXT }),
  }),
});

function startsWithName(bytes: Buffer, from: number, name: Buffer): boolean {
  for (let index = 0; index < name.length; index++) {
    if (bytes[from + index] !== name[index]) return false;
  }
  return true;
}

/**
 * Returns the node of the member whose key is `bytes` from `from` to `to`, quotes left out, in an
 * object at `node`. Only a key with escapes is decoded.
 */
export function memberNode(node: FieldNode, bytes: Buffer, from: number, to: number): FieldNode {
  if (node.kind !== "object") return childNode(node);
  const { names, nodes } = node;
  for (let field = 0; field < names.length; field++) {
    const name = names[field] as Buffer;
    if (name.length === to - from && startsWithName(bytes, from, name)) {
      return nodes[field] as FieldNode;
    }
  }
  let escaped = false;
  for (let index = from; index < to && !escaped; index++) escaped = bytes[index] === BACKSLASH;
  if (!escaped) return SKIP;
  const key = JSON.parse(`"${bytes.toString("utf8", from, to)}"`) as string;
  return childNode(node, key);
}

/** Returns the node of an array item or of an object member named `key`. */
export function childNode(node: FieldNode, key?: string): FieldNode {
  switch (node.kind) {
    case "object":
      return (key !== undefined && node.fields.get(key)) || SKIP;
    case "array":
      return node.item;
    case "whole":
      return WHOLE;
    default:
      return SKIP;
  }
}
