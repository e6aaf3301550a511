import {
  isSecretByNeighbours,
  isSecretListName,
  isSecretName,
  isSecretValue,
} from "../model/secrets.js";
import { stringifyJson } from "./json-text.js";
import type { KnownSecrets } from "./known-secrets.js";
import { REDACTED, redactText } from "./redact-text.js";

type Container = unknown[] | Record<string, unknown>;

/** What a redacted copy takes into account besides names and shapes. */
export interface RedactJsonOptions {
  /** Secret fields by dotted path with `[]` for array items (`properties.contentKeys[].value`). */
  secretPaths?: ReadonlySet<string>;
  /** Secret values seen elsewhere in the capture, replaced wherever they appear. */
  known?: KnownSecrets;
  /** Receives each value that is removed for its place, so that its copies can be found. */
  onSecret?: (value: string) => void;
}

/** A container whose members are still to be copied. */
interface PendingCopy {
  source: Container;
  copy: Container;
  /** Dotted path, or undefined once it is longer than every secret path. */
  path: string | undefined;
  /** The key the container is under; items of an array share the array's key. */
  key: string;
}

/** Levels of JSON inside JSON strings that are parsed; deeper text is redacted as text. */
const MAX_EMBEDDED_LEVELS = 4;

function canContainSecret(value: unknown): boolean {
  return value !== null && typeof value !== "boolean";
}

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** Returns an empty container of the same kind as `source`. */
function emptyCopy(source: Container): Container {
  if (Array.isArray(source)) return new Array(source.length);
  // A null prototype keeps a recorded "__proto__" key an ordinary property.
  return Object.create(null) as Record<string, unknown>;
}

/** Calls `report` with every string and number inside a value, without recursion. */
function reportScalars(value: unknown, report: (text: string) => void): void {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === "string") report(next);
    else if (typeof next === "number") report(String(next));
    else if (isContainer(next)) for (const member of Object.values(next)) stack.push(member);
  }
}

/** Walks a parsed value with an explicit stack, so that deep nesting cannot overflow it. */
class RedactingCopier {
  private readonly pending: PendingCopy[] = [];
  private readonly secretPaths: ReadonlySet<string>;
  /** Paths longer than this cannot be in `secretPaths`, so they are no longer built. */
  private readonly maxPathLength: number;

  constructor(
    private readonly options: RedactJsonOptions,
    private readonly level: number,
  ) {
    this.secretPaths = options.secretPaths ?? new Set();
    this.maxPathLength = Math.max(-1, ...[...this.secretPaths].map((path) => path.length));
  }

  copy(value: unknown): unknown {
    const root = this.child(value, this.maxPathLength >= 0 ? "" : undefined, "");
    for (let next = this.pending.pop(); next; next = this.pending.pop()) this.copyMembers(next);
    return root;
  }

  private copyMembers({ source, copy, path, key: ownKey }: PendingCopy): void {
    if (Array.isArray(source)) {
      const itemPath = this.extend(path, `${path}[]`);
      // The strings of a list of keys (`"keys": ["...", "..."]`) are keys themselves.
      const secretItems = isSecretListName(ownKey);
      for (let index = 0; index < source.length; index++) {
        const item = source[index];
        (copy as unknown[])[index] =
          secretItems && typeof item === "string"
            ? this.removed(item)
            : this.child(item, itemPath, ownKey);
      }
      return;
    }
    const target = copy as Record<string, unknown>;
    for (const [key, value] of Object.entries(source)) {
      const childPath = this.extend(path, path ? `${path}.${key}` : key);
      const secret =
        isSecretName(key) ||
        isSecretByNeighbours(key, ownKey, source) ||
        (childPath !== undefined && this.secretPaths.has(childPath));
      const copiedKey = this.redactString(key);
      target[copiedKey] =
        secret && canContainSecret(value) ? this.removed(value) : this.child(value, childPath, key);
    }
  }

  /** Reports a value removed for its place and returns the marker that stands for it. */
  private removed(value: unknown): string {
    const report = this.options.onSecret;
    if (report) reportScalars(value, report);
    return REDACTED;
  }

  /** Returns the redacted scalar, or an empty copy of a container queued for its members. */
  private child(value: unknown, path: string | undefined, key: string): unknown {
    if (typeof value === "string") return this.redactString(value);
    if (!isContainer(value)) return value;
    const copy = emptyCopy(value);
    this.pending.push({ source: value, copy, path, key });
    return copy;
  }

  private redactString(value: string): string {
    const embedded = this.embeddedJson(value);
    if (embedded !== undefined) return embedded;
    const known = this.options.known;
    const scrubbed = known ? known.replaceIn(value, REDACTED) : value;
    if (!isSecretValue(scrubbed)) return scrubbed;
    // Keep the text around a recognised credential. The text patterns do not cover every kind of
    // secret (a PEM certificate, for example), so such a string is replaced whole.
    const partial = redactText(scrubbed);
    return partial !== scrubbed ? partial : REDACTED;
  }

  /**
   * Redacts JSON written inside a string (a WebSocket message, a browser's page field) like the
   * value around it, so that `"{\"streamKey\": \"...\"}"` loses its key too.
   */
  private embeddedJson(value: string): string | undefined {
    if (this.level >= MAX_EMBEDDED_LEVELS || !/^\s*[[{]/.test(value)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
    const inner = new RedactingCopier({ ...this.options, secretPaths: undefined }, this.level + 1);
    const redacted = stringifyJson(inner.copy(parsed));
    // Text with nothing to remove keeps its recorded spacing.
    return redacted === stringifyJson(parsed) ? value : redacted;
  }

  private extend(path: string | undefined, longer: string): string | undefined {
    return path === undefined || longer.length > this.maxPathLength ? undefined : longer;
  }
}

/**
 * Returns a copy of a parsed JSON value with its secrets replaced by the `REDACTED` marker. A
 * property loses its whole value when its name is secret (`accessToken`, `streamKey`), when its
 * neighbours make it one (the `value` of `{"keyName": ..., "value": ...}`), or when its path is in
 * `secretPaths`. A string loses each credential inside it (a JWT, a SAS signature, a PEM key, a
 * known secret), and JSON text inside a string is redacted as JSON. `null` and booleans stay,
 * because they contain no secret. The copy is made with a loop, not recursion, so that nesting of
 * any depth cannot overflow the stack.
 */
export function redactJson(value: unknown, options: RedactJsonOptions = {}): unknown {
  return new RedactingCopier(options, 0).copy(value);
}

/**
 * Tells whether a string holds JSON with a secret by its place, such as `{"streamKey": "..."}`
 * written into a text field, which makes the whole string secret.
 */
export function holdsJsonSecret(value: string): boolean {
  if (!/^\s*[[{]/.test(value)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  let found = false;
  redactJson(parsed, {
    onSecret: () => {
      found = true;
    },
  });
  return found;
}
