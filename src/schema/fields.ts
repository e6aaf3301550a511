import type { Shape } from "./shape.js";

/** One named field of a learned body, as the report lists it. */
export interface FieldRow {
  /** Dotted path with `[]` for array items: `properties.outputs[].preset`. */
  path: string;
  shape: Shape;
  /** Present in every object that could hold it. */
  required: boolean;
}

function walk(shape: Shape, path: string, rows: FieldRow[]): void {
  const objects = shape.objects;
  if (objects) {
    for (const [key, child] of objects.properties) {
      const childPath = path === "" ? key : `${path}.${key}`;
      rows.push({ path: childPath, shape: child, required: child.count === objects.count });
      walk(child, childPath, rows);
    }
  }
  const items = shape.arrays?.items;
  if (items) walk(items, `${path}[]`, rows);
}

/** Lists every named field of a body shape, parents before their children. */
export function fieldRows(shape: Shape): FieldRow[] {
  const rows: FieldRow[] = [];
  walk(shape, "", rows);
  return rows;
}

/** Collects every path a body shape contains: fields and array items (`outputs[]`). */
export function observedPaths(shape: Shape): Set<string> {
  const paths = new Set<string>();
  const visit = (node: Shape, path: string) => {
    if (path !== "") paths.add(path);
    for (const [key, child] of node.objects?.properties ?? []) {
      visit(child, path === "" ? key : `${path}.${key}`);
    }
    const items = node.arrays?.items;
    if (items) visit(items, `${path}[]`);
  };
  visit(shape, "");
  return paths;
}
