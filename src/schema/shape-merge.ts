import { MAX_TRACKED_VALUES, type Shape, type StringStats } from "./shape.js";

function mergeStrings(a?: StringStats, b?: StringStats): StringStats | undefined {
  if (!a || !b) return a ?? b;
  let values: Map<string, number> | undefined;
  if (a.values && b.values) {
    values = new Map(a.values);
    for (const [value, count] of b.values) values.set(value, (values.get(value) ?? 0) + count);
    if (values.size > MAX_TRACKED_VALUES) values = undefined;
  }
  const formats = new Set([...a.formats].filter((format) => b.formats.has(format)));
  return { count: a.count + b.count, values, formats };
}

function mergeObjects(a: Shape["objects"], b: Shape["objects"]): Shape["objects"] {
  if (!a || !b) return a ?? b;
  const properties = new Map(a.properties);
  for (const [key, shape] of b.properties) {
    const existing = properties.get(key);
    properties.set(key, existing ? mergeShapes(existing, shape) : shape);
  }
  return { count: a.count + b.count, properties };
}

function mergeArrays(a: Shape["arrays"], b: Shape["arrays"]): Shape["arrays"] {
  if (!a || !b) return a ?? b;
  const items = a.items && b.items ? mergeShapes(a.items, b.items) : (a.items ?? b.items);
  return { count: a.count + b.count, empty: a.empty + b.empty, items };
}

/**
 * Merges two shapes into a new one, as if all their values had been seen at one place. Used for
 * the values of a free-form map, whose keys are data rather than fields. Sub-shapes that only
 * one side has are shared with the result, not copied.
 */
export function mergeShapes(a: Shape, b: Shape): Shape {
  return {
    samples: new Set([...a.samples, ...b.samples]),
    count: a.count + b.count,
    nulls: a.nulls + b.nulls,
    booleans: a.booleans + b.booleans,
    integers: a.integers + b.integers,
    fractions: a.fractions + b.fractions,
    strings: mergeStrings(a.strings, b.strings),
    objects: mergeObjects(a.objects, b.objects),
    arrays: mergeArrays(a.arrays, b.arrays),
    secret: a.secret || b.secret,
    example: a.example ?? b.example,
  };
}

/** Merges the shapes of every value of an object, such as the values of `labels`. */
export function mergeAll(shapes: Iterable<Shape>): Shape | undefined {
  let merged: Shape | undefined;
  for (const shape of shapes) merged = merged ? mergeShapes(merged, shape) : shape;
  return merged;
}
