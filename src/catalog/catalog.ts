import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PathParam } from "./naming.js";

/** A documented request body field of an operation. */
export interface BodyField {
  /** Dotted path, `[]` for array items: `properties.outputs[].assetName`. */
  path: string;
  type: string;
  required?: boolean;
  enum?: string[];
  format?: string;
  secret?: boolean;
  readOnly?: boolean;
  freeform?: boolean;
}

/** One MK/IO operation of the catalog. */
export interface CatalogOperation {
  id: string;
  name: string;
  resource: string;
  api: string;
  method: string;
  pathTemplate: string;
  legacyPathTemplates: string[];
  pathParams: PathParam[];
  successStatus: number[];
  queryParams: string[];
  uncertain: boolean;
  bodyFields: BodyField[];
}

const CATALOG_URL = new URL("../../catalog/operations.json", import.meta.url);

/** Loads the catalog shipped in `catalog/operations.json`. */
export function loadCatalog(): CatalogOperation[] {
  return JSON.parse(readFileSync(fileURLToPath(CATALOG_URL), "utf8")) as CatalogOperation[];
}
