import { decodeSegment } from "../select/url.js";
import type { CatalogOperation } from "./catalog.js";

/** URL shape of a path: the current `/api/v1/...` or the AMS-compatible legacy one. */
export type ApiShape = "current" | "legacy";

/** A recorded call matched to a catalog operation. */
export interface OperationMatch {
  operation: CatalogOperation;
  shape: ApiShape;
  /** Template as it matched, with catalog names: `/api/ams/{project_name}/assets/{asset_name}`. */
  template: string;
  /** Decoded recorded value of each path parameter, by catalog parameter name. */
  values: Map<string, string>;
}

interface CompiledTemplate {
  operation: CatalogOperation;
  shape: ApiShape;
  template: string;
  segments: string[];
  literalCount: number;
}

/** Splits a path into segments, ignoring empty ones, so trailing slashes do not matter. */
export function pathSegments(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function compile(operation: CatalogOperation, template: string, shape: ApiShape): CompiledTemplate {
  const segments = pathSegments(template);
  const literalCount = segments.filter((segment) => !segment.startsWith("{")).length;
  return { operation, shape, template, segments, literalCount };
}

function matchSegments(compiled: CompiledTemplate, segments: string[]): Map<string, string> | null {
  if (compiled.segments.length !== segments.length) return null;
  const values = new Map<string, string>();
  for (const [index, expected] of compiled.segments.entries()) {
    const actual = segments[index] ?? "";
    if (expected.startsWith("{")) values.set(expected.slice(1, -1), decodeSegment(actual));
    else if (expected !== actual) return null;
  }
  return values;
}

/** Matches recorded method and path against the catalog's current and legacy templates. */
export class OperationMatcher {
  private readonly byMethod = new Map<string, CompiledTemplate[]>();

  constructor(catalog: readonly CatalogOperation[]) {
    for (const operation of catalog) {
      const list = this.byMethod.get(operation.method) ?? [];
      const shape: ApiShape = operation.pathTemplate.startsWith("/api/v1/") ? "current" : "legacy";
      list.push(compile(operation, operation.pathTemplate, shape));
      for (const legacy of operation.legacyPathTemplates) {
        list.push(compile(operation, legacy, "legacy"));
      }
      // The most literal template wins: `/assets/{a}/state` before `/assets/{a}/{x}`.
      list.sort((a, b) => b.literalCount - a.literalCount);
      this.byMethod.set(operation.method, list);
    }
  }

  /** Returns the operation a call matches, or `undefined` when it is undocumented. */
  match(method: string, path: string): OperationMatch | undefined {
    const segments = pathSegments(path);
    for (const compiled of this.byMethod.get(method) ?? []) {
      const values = matchSegments(compiled, segments);
      if (!values) continue;
      return {
        operation: compiled.operation,
        shape: compiled.shape,
        template: compiled.template,
        values,
      };
    }
    return undefined;
  }
}
