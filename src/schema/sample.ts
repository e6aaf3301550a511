/** Recorded JSON values as schema inference takes them, with secret strings already hidden. */

/** Stands for a secret string whose value must not reach any output. */
export class SecretString {
  private constructor() {}

  /** The one instance; secrets carry no data, so they need no more. */
  static readonly instance = new SecretString();
}

/** A JSON value in which secret strings are `SecretString.instance`. */
export type SampleValue =
  | null
  | boolean
  | number
  | string
  | SecretString
  | SampleValue[]
  | { [key: string]: SampleValue };

/** Tells whether a sample value is a JSON object (not an array, not a secret). */
export function isSampleObject(value: SampleValue): value is { [key: string]: SampleValue } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof SecretString)
  );
}

/** The text that stands for a secret in examples: it shows where a value was left out. */
export const REDACTED = "<redacted>";

/** Converts a sample to plain JSON, writing `REDACTED` in place of each secret. */
export function redactedJson(value: SampleValue): unknown {
  if (value instanceof SecretString) return REDACTED;
  if (Array.isArray(value)) return value.map(redactedJson);
  if (!isSampleObject(value)) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, child] of Object.entries(value)) out[key] = redactedJson(child);
  return out;
}
