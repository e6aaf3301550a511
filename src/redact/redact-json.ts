import { isSecretName, isSecretValue } from "../model/secrets.js";
import { REDACTED, redactText } from "./redact-text.js";

type Container = unknown[] | Record<string, unknown>;

/** A container whose members are still to be copied, with its path for `secretPaths`. */
interface PendingCopy {
  source: Container;
  copy: Container;
  /** Dotted path, or undefined once it is longer than every secret path. */
  path: string | undefined;
}

function redactString(value: string): string {
  if (!isSecretValue(value)) return value;
  // Keep the text around a recognised credential. The text patterns do not cover every kind of
  // secret (a PEM certificate, for example), so such a string is replaced whole.
  const partial = redactText(value);
  return partial !== value ? partial : REDACTED;
}

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

/** Walks a parsed value with an explicit stack, so that deep nesting cannot overflow it. */
class RedactingCopier {
  private readonly pending: PendingCopy[] = [];
  /** Paths longer than this cannot be in `secretPaths`, so they are no longer built. */
  private readonly maxPathLength: number;

  constructor(private readonly secretPaths: ReadonlySet<string>) {
    this.maxPathLength = Math.max(-1, ...[...secretPaths].map((path) => path.length));
  }

  copy(value: unknown): unknown {
    const root = this.child(value, this.maxPathLength >= 0 ? "" : undefined);
    for (let next = this.pending.pop(); next; next = this.pending.pop()) this.copyMembers(next);
    return root;
  }

  private copyMembers({ source, copy, path }: PendingCopy): void {
    if (Array.isArray(source)) {
      const itemPath = this.extend(path, `${path}[]`);
      for (let index = 0; index < source.length; index++) {
        (copy as unknown[])[index] = this.child(source[index], itemPath);
      }
      return;
    }
    const target = copy as Record<string, unknown>;
    for (const [key, value] of Object.entries(source)) {
      const childPath = this.extend(path, path ? `${path}.${key}` : key);
      const secret =
        isSecretName(key) || (childPath !== undefined && this.secretPaths.has(childPath));
      target[key] = secret && canContainSecret(value) ? REDACTED : this.child(value, childPath);
    }
  }

  /** Returns the redacted scalar, or an empty copy of a container queued for its members. */
  private child(value: unknown, path: string | undefined): unknown {
    if (typeof value === "string") return redactString(value);
    if (!isContainer(value)) return value;
    const copy = emptyCopy(value);
    this.pending.push({ source: value, copy, path });
    return copy;
  }

  private extend(path: string | undefined, longer: string): string | undefined {
    return path === undefined || longer.length > this.maxPathLength ? undefined : longer;
  }
}

/**
 * Returns a copy of a parsed JSON value with its secrets replaced by the `REDACTED` marker. A
 * property loses its whole value when its name is secret (`accessToken`, `streamKey`) or its path
 * is in `secretPaths`, written dotted with `[]` for array items (`properties.contentKeys[].value`).
 * A string loses each credential inside it (a JWT, a SAS signature, a PEM key). `null` and
 * booleans stay, because they contain no secret. The copy is made with a loop, not recursion, so
 * that nesting of any depth cannot overflow the stack.
 */
export function redactJson(value: unknown, secretPaths: ReadonlySet<string> = new Set()): unknown {
  return new RedactingCopier(secretPaths).copy(value);
}
