/** An array or object being written, with the index of its next item or key. */
interface OpenContainer {
  value: readonly unknown[] | Record<string, unknown>;
  /** Keys of an object, or undefined for an array. */
  keys: string[] | undefined;
  next: number;
  written: number;
}

/** Writes a scalar, or opens an array or object and leaves its members to the caller's loop. */
function begin(value: unknown, out: string[], stack: OpenContainer[]): void {
  if (typeof value !== "object" || value === null) {
    // `undefined` only reaches here as an array item, which JSON.stringify writes as null.
    out.push(JSON.stringify(value) ?? "null");
    return;
  }
  if (Array.isArray(value)) {
    out.push("[");
    stack.push({ value, keys: undefined, next: 0, written: 0 });
    return;
  }
  out.push("{");
  const record = value as Record<string, unknown>;
  stack.push({ value: record, keys: Object.keys(record), next: 0, written: 0 });
}

/** Writes the separator and key of the container's next member and returns its value. */
function nextMember(open: OpenContainer, out: string[]): { value: unknown } | undefined {
  const separator = open.written > 0 ? "," : "";
  if (open.keys === undefined) {
    const items = open.value as readonly unknown[];
    if (open.next >= items.length) return undefined;
    out.push(separator);
    open.written++;
    return { value: items[open.next++] };
  }
  const record = open.value as Record<string, unknown>;
  while (open.next < open.keys.length) {
    const key = open.keys[open.next++] as string;
    const value = record[key];
    // JSON.stringify leaves out object members that have no JSON value.
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    out.push(`${separator}${JSON.stringify(key)}:`);
    open.written++;
    return { value };
  }
  return undefined;
}

/**
 * Serializes a JSON value like `JSON.stringify` without indentation, but with a loop instead of
 * recursion, so that a value nested 100,000 levels deep does not overflow the stack. Handles the
 * data that `JSON.parse` returns and copies of it: no `toJSON`, no cycles. Objects with a null
 * prototype are written like plain ones.
 */
export function stringifyJson(value: unknown): string {
  const out: string[] = [];
  const stack: OpenContainer[] = [];
  begin(value, out, stack);
  while (stack.length > 0) {
    const open = stack[stack.length - 1] as OpenContainer;
    const member = nextMember(open, out);
    if (member) {
      begin(member.value, out, stack);
      continue;
    }
    out.push(open.keys === undefined ? "]" : "}");
    stack.pop();
  }
  return out.join("");
}
