/**
 * Builds `catalog/operations.json`, the operation catalog that har2mkio ships, from a file of
 * MK/IO API facts (one object per operation, as described in the README's "Catalog" section).
 *
 * Usage: node --import tsx scripts/build-catalog.ts FACTS.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pathVariableNames } from "../src/catalog/naming.js";

interface FactField {
  path: string;
  type: string;
  required?: boolean;
  enum?: string[];
  format?: string;
  secret?: boolean;
  readOnly?: boolean;
  freeform?: boolean;
  variant?: string;
}

interface FactOperation {
  id: string;
  name: string;
  resource: string;
  api?: string;
  method: string;
  pathTemplate: string;
  legacyPathTemplates?: string[];
  pathParams: string[];
  successStatus: number[];
  queryParams?: string[];
  bodyFields: FactField[];
  uncertain?: string;
}

const FIELD_KEYS = ["path", "type", "required", "enum", "format", "secret", "readOnly", "freeform"];

function compactField(field: FactField): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const value = field[key as keyof FactField];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function compactOperation(op: FactOperation): Record<string, unknown> {
  return {
    id: op.id,
    name: op.name,
    resource: op.resource,
    api: op.api ?? "media",
    method: op.method.toUpperCase(),
    pathTemplate: op.pathTemplate,
    legacyPathTemplates: op.legacyPathTemplates ?? [],
    pathParams: pathVariableNames(op.pathTemplate, op.resource),
    successStatus: op.successStatus,
    queryParams: op.queryParams ?? [],
    uncertain: op.uncertain !== undefined,
    bodyFields: op.bodyFields.map(compactField),
  };
}

const [factsPath] = process.argv.slice(2);
if (!factsPath) {
  console.error("usage: node --import tsx scripts/build-catalog.ts FACTS.json");
  process.exit(2);
}
const facts = JSON.parse(readFileSync(factsPath, "utf8")) as FactOperation[];
const lines = facts.map((op) => JSON.stringify(compactOperation(op)));
const target = fileURLToPath(new URL("../catalog/operations.json", import.meta.url));
writeFileSync(target, `[\n${lines.join(",\n")}\n]\n`);
console.error(`wrote ${facts.length} operations to ${target}`);
