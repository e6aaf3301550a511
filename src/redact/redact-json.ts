import {
  isSecretByNeighbours,
  isSecretListName,
  isSecretName,
  isSecretValue,
} from "../model/secrets.js";
import { parseEmbeddedJson } from "./embedded-json.js";
import { stringifyJson } from "./json-text.js";
import type { KnownSecrets } from "./known-secrets.js";
import { REDACTED, redactText } from "./redact-text.js";

type Container = unknown[] | Record<string, unknown>;

/** Options of a redacted copy: what it takes into account besides names and shapes. */
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

/**
 * Levels of JSON inside JSON strings that are parsed. Standard escaping at least doubles the
 * backslashes at each level, so text this deep is over 4 GB unless it was written with `\u0022`
 * escapes. A string that still contains JSON at this depth is replaced whole, because its secrets
 * cannot be found without parsing deeper. The limit also bounds the recursion, one copier a level.
 */
const MAX_EMBEDDED_LEVELS = 32;

/**
 * How much larger than the recorded string its redacted copy may grow: the marker is longer than
 * a short secret. The copy escapes quotes as `\"`, so recorded text that escaped them as
 * `\u0022` would double in size at each level. Past this size the string is replaced whole.
 */
const MAX_GROWTH_FACTOR = 4;
const MAX_GROWTH_ALLOWANCE = 1024;

/** Tells whether a value can carry a secret: `null` and booleans cannot. */
export function canContainSecret(value: unknown): boolean {
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
export function reportScalars(value: unknown, report: (text: string) => void): void {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === "string") report(next);
    else if (typeof next === "number") report(String(next));
    else if (isContainer(next)) for (const member of Object.values(next)) stack.push(member);
  }
}

const NO_PATHS: ReadonlySet<string> = new Set();

/** Maximum length of a string whose `isSecretValue` result is cached. */
const MAX_CACHED_LENGTH = 64;
const MAX_CACHED_STRINGS = 10_000;
/**
 * `isSecretValue` of short strings. The same ones (`GET`, `HTTP/1.1`, `application/json`) recur
 * in every entry of a capture, and each check runs several patterns.
 */
const secretTextCache = new Map<string, boolean>();

/** Returns `isSecretValue(text)`, from a cache for short strings. */
export function isSecretText(text: string): boolean {
  if (text.length > MAX_CACHED_LENGTH) return isSecretValue(text);
  let secret = secretTextCache.get(text);
  if (secret === undefined) {
    secret = isSecretValue(text);
    // A capture with endless distinct strings only empties the cache.
    if (secretTextCache.size >= MAX_CACHED_STRINGS) secretTextCache.clear();
    secretTextCache.set(text, secret);
  }
  return secret;
}

/** Walks a parsed value with an explicit stack, so that deep nesting cannot overflow it. */
class RedactingCopier {
  private readonly pending: PendingCopy[] = [];
  /** Whether the copy differs from the source: something was removed or replaced. */
  changed = false;
  private readonly secretPaths: ReadonlySet<string>;
  /** Paths longer than this cannot be in `secretPaths`, so they are no longer built. */
  private readonly maxPathLength: number;

  /**
   * `searchText`: whether strings are searched for known and secret-shaped values. Without it, the
   * copier only finds values secret by their place, for passes that learn secrets and write
   * nothing.
   */
  constructor(
    private readonly options: RedactJsonOptions,
    private readonly level: number,
    private readonly searchText = true,
  ) {
    this.secretPaths = options.secretPaths ?? NO_PATHS;
    let maxPathLength = -1;
    for (const path of this.secretPaths) maxPathLength = Math.max(maxPathLength, path.length);
    this.maxPathLength = maxPathLength;
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
      const copiedKey = this.redactScalar(key);
      // The value under a key that contains a secret (a token used as a key) is secret too.
      const secret =
        isSecretName(key) ||
        copiedKey !== key ||
        isSecretByNeighbours(key, ownKey, source) ||
        (childPath !== undefined && this.secretPaths.has(childPath));
      target[copiedKey] =
        secret && canContainSecret(value) ? this.removed(value) : this.child(value, childPath, key);
    }
  }

  /** Reports a value removed for its place and returns the marker that stands for it. */
  private removed(value: unknown): string {
    this.changed = true;
    const report = this.options.onSecret;
    if (report) reportScalars(value, report);
    return REDACTED;
  }

  /** Returns the redacted scalar, or an empty copy of a container queued for its members. */
  private child(value: unknown, path: string | undefined, key: string): unknown {
    if (typeof value === "string") return this.redactScalar(value);
    if (!isContainer(value)) return value;
    const copy = emptyCopy(value);
    this.pending.push({ source: value, copy, path, key });
    return copy;
  }

  /** Returns the redacted copy of a string value or key, and notes whether it changed. */
  private redactScalar(value: string): string {
    const redacted = this.redactString(value);
    if (redacted !== value) this.changed = true;
    return redacted;
  }

  private redactString(value: string): string {
    return this.redactEmbedded(value) ?? this.redactText(value);
  }

  /** Replaces known secrets and secret-shaped text in a string that is read as plain text. */
  private redactText(value: string): string {
    if (!this.searchText) return value;
    const known = this.options.known;
    const scrubbed = known ? known.replaceIn(value, REDACTED) : value;
    if (!isSecretText(scrubbed)) return scrubbed;
    // Keep the text around a recognised credential. The text patterns do not cover every kind of
    // secret (a PEM certificate, for example), so such a string is replaced whole.
    const partial = redactText(scrubbed);
    return partial !== scrubbed ? partial : REDACTED;
  }

  /**
   * Redacts JSON written inside a string (a WebSocket message, a browser's page field, a value
   * encoded twice) like the value around it, so that `"{\"streamKey\": \"...\"}"` loses its key
   * too. Returns undefined when the string contains no JSON that `parseEmbeddedJson` reads.
   */
  redactEmbedded(value: string): string | undefined {
    const parts = parseEmbeddedJson(value);
    if (!parts) return undefined;
    if (this.level >= MAX_EMBEDDED_LEVELS) return this.removed(value);
    let out = "";
    let changed = false;
    for (const part of parts) {
      if ("text" in part) {
        out += this.redactText(part.text);
        continue;
      }
      const innerOptions = { ...this.options, secretPaths: undefined };
      const inner = new RedactingCopier(innerOptions, this.level + 1, this.searchText);
      const copy = inner.copy(part.value);
      out += inner.changed ? stringifyJson(copy) : part.json;
      changed ||= inner.changed;
    }
    // Text with nothing to remove keeps its recorded spacing. It is still searched as text, which
    // also finds a secret that parsing hides, such as the first of two members with one name.
    if (!changed) return this.redactText(value);
    if (out.length > MAX_GROWTH_FACTOR * value.length + MAX_GROWTH_ALLOWANCE) {
      return this.removed(value);
    }
    return out;
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

/** Returns an object with one member, with a null prototype so that any key is ordinary. */
export function memberOf(key: string, value: unknown): Record<string, unknown> {
  const member = Object.create(null) as Record<string, unknown>;
  member[key] = value;
  return member;
}

/**
 * Returns the redacted copy of one member of an object, key and value, as `redactJson` copies it
 * inside that object: a secret name removes the whole value.
 */
export function redactJsonMember(
  key: string,
  value: unknown,
  options: RedactJsonOptions = {},
): [string, unknown] {
  const copy = redactJson(memberOf(key, value), { ...options, secretPaths: undefined });
  return Object.entries(copy as Record<string, unknown>)[0] as [string, unknown];
}

/**
 * Calls `onSecret` with each value that `redactJson` removes for its place: under a secret name,
 * by its neighbours, at a secret path, or in JSON nested too deep inside strings. It skips the
 * search of strings for known and secret-shaped values, which report nothing, so it is faster
 * than `redactJson` with `onSecret` when the copy is not needed.
 */
export function collectJsonSecrets(
  value: unknown,
  onSecret: (value: string) => void,
  secretPaths?: ReadonlySet<string>,
): void {
  new RedactingCopier({ onSecret, secretPaths }, 0, false).copy(value);
}

/** Calls `onSecret` like `collectJsonSecrets` for a text that `redactEmbeddedJson` reads. */
export function collectEmbeddedJsonSecrets(text: string, onSecret: (value: string) => void): void {
  new RedactingCopier({ onSecret }, 0, false).redactEmbedded(text);
}

/**
 * Tells whether a string contains JSON with a secret by its place, such as `{"streamKey": "..."}`
 * written into a text field, which makes the whole string secret. The JSON may be in any of the
 * forms that `parseEmbeddedJson` reads: framed as a WebSocket message or encoded twice.
 */
export function holdsJsonSecret(value: string): boolean {
  let found = false;
  collectEmbeddedJsonSecrets(value, () => {
    found = true;
  });
  return found;
}

/**
 * Returns a copy of a text that contains JSON in one of the forms `parseEmbeddedJson` reads,
 * with the secrets of that JSON removed like those of a JSON body. Returns undefined for other
 * text.
 */
export function redactEmbeddedJson(
  text: string,
  options: RedactJsonOptions = {},
): string | undefined {
  return new RedactingCopier(options, 0).redactEmbedded(text);
}
