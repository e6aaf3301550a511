import { isSampleObject, type SampleValue, SecretString } from "./sample.js";
import { formatsOf, STRING_FORMATS, type StringFormat } from "./string-formats.js";

/** Maximum number of distinct string values a shape counts; past it, no enum is possible. */
export const MAX_TRACKED_VALUES = 5;

/** Statistics of the strings seen at one place. */
export interface StringStats {
  count: number;
  /** Count of each distinct value, or undefined once more than `MAX_TRACKED_VALUES` were seen. */
  values: Map<string, number> | undefined;
  /** Formats that every value so far showed; empty once a secret is seen. */
  formats: Set<StringFormat>;
}

/** The merged statistics of every value seen at one place of a body. */
export interface Shape {
  /** Indexes of the samples (bodies) with at least one value here. */
  samples: Set<number>;
  /** Values seen here: one per occurrence, so array items add one each. */
  count: number;
  nulls: number;
  booleans: number;
  integers: number;
  /** Numbers with a fraction; with any of them the type is `number`, not `integer`. */
  fractions: number;
  strings: StringStats | undefined;
  /** Objects seen and the shape of each key's values; a key's count is how often it was there. */
  objects: { count: number; properties: Map<string, Shape> } | undefined;
  /** Arrays seen, how many were empty, and the shape of all their items. */
  arrays: { count: number; empty: number; items: Shape | undefined } | undefined;
  /** True when any value here was a secret. */
  secret: boolean;
  /** The first scalar value seen, kept as an example unless the place turns out secret. */
  example: string | number | boolean | undefined;
}

/** Creates a shape that has seen nothing. */
export function emptyShape(): Shape {
  return {
    samples: new Set(),
    count: 0,
    nulls: 0,
    booleans: 0,
    integers: 0,
    fractions: 0,
    strings: undefined,
    objects: undefined,
    arrays: undefined,
    secret: false,
    example: undefined,
  };
}

function addString(shape: Shape, value: string | SecretString): void {
  const stats = shape.strings ?? {
    count: 0,
    values: new Map<string, number>(),
    formats: new Set(STRING_FORMATS),
  };
  shape.strings = stats;
  stats.count += 1;
  if (value instanceof SecretString) {
    shape.secret = true;
    stats.values = undefined;
    stats.formats.clear();
    return;
  }
  shape.example ??= value;
  const shown = new Set(formatsOf(value));
  for (const format of stats.formats) if (!shown.has(format)) stats.formats.delete(format);
  if (!stats.values) return;
  stats.values.set(value, (stats.values.get(value) ?? 0) + 1);
  if (stats.values.size > MAX_TRACKED_VALUES) stats.values = undefined;
}

function addObject(shape: Shape, value: { [key: string]: SampleValue }, sample: number): void {
  const objects = shape.objects ?? { count: 0, properties: new Map<string, Shape>() };
  shape.objects = objects;
  objects.count += 1;
  for (const [key, child] of Object.entries(value)) {
    const property = objects.properties.get(key) ?? emptyShape();
    objects.properties.set(key, property);
    addValue(property, child, sample);
  }
}

function addArray(shape: Shape, value: SampleValue[], sample: number): void {
  const arrays = shape.arrays ?? { count: 0, empty: 0, items: undefined };
  shape.arrays = arrays;
  arrays.count += 1;
  if (value.length === 0) arrays.empty += 1;
  for (const item of value) {
    arrays.items ??= emptyShape();
    addValue(arrays.items, item, sample);
  }
}

/** Merges one value, found in sample number `sample`, into a shape. */
export function addValue(shape: Shape, value: SampleValue, sample: number): void {
  shape.samples.add(sample);
  shape.count += 1;
  if (value === null) shape.nulls += 1;
  else if (typeof value === "boolean") {
    shape.booleans += 1;
    shape.example ??= value;
  } else if (typeof value === "number") {
    if (Number.isInteger(value)) shape.integers += 1;
    else shape.fractions += 1;
    shape.example ??= value;
  } else if (typeof value === "string" || value instanceof SecretString) addString(shape, value);
  else if (Array.isArray(value)) addArray(shape, value, sample);
  else if (isSampleObject(value)) addObject(shape, value, sample);
}

/** Builds the shape of a list of samples, such as every request body of one operation. */
export function shapeOf(samples: readonly SampleValue[]): Shape {
  const shape = emptyShape();
  samples.forEach((sample, index) => {
    addValue(shape, sample, index);
  });
  return shape;
}
