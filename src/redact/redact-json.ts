import { isSecretName, isSecretValue } from "../model/secrets.js";
import { REDACTED, redactText } from "./redact-text.js";

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

function walk(value: unknown, path: string, secretPaths: ReadonlySet<string>): unknown {
  if (typeof value === "string") return redactString(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, `${path}[]`, secretPaths));
  if (value === null || typeof value !== "object") return value;
  // A null prototype keeps a recorded "__proto__" key an ordinary property.
  const copy: Record<string, unknown> = Object.create(null);
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const secret = isSecretName(key) || secretPaths.has(childPath);
    copy[key] = secret && canContainSecret(child) ? REDACTED : walk(child, childPath, secretPaths);
  }
  return copy;
}

/**
 * Returns a copy of a parsed JSON value with its secrets replaced by the `REDACTED` marker. A
 * property loses its whole value when its name is secret (`accessToken`, `streamKey`) or its path
 * is in `secretPaths`, written dotted with `[]` for array items (`properties.contentKeys[].value`).
 * A string loses each credential inside it (a JWT, a SAS signature, a PEM key). `null` and
 * booleans stay, because they contain no secret.
 */
export function redactJson(value: unknown, secretPaths: ReadonlySet<string> = new Set()): unknown {
  return walk(value, "", secretPaths);
}
