import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type JsonSchema, toJsonSchema } from "../../src/schema/json-schema.js";
import type { SampleValue } from "../../src/schema/sample.js";
import { shapeOf } from "../../src/schema/shape.js";

/** Learns the schema of a list of bodies without any catalog. */
export function schemaOf(samples: SampleValue[]): JsonSchema {
  return toJsonSchema(shapeOf(samples));
}

/** Creates a strict draft 2020-12 validator with the formats and `x-` keywords schemas use. */
export function strictAjv(): Ajv2020 {
  // Union types such as ["string", "integer"] are valid draft 2020-12, but strict mode flags them.
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addKeyword("x-samples");
  ajv.addKeyword("x-mkio-catalog");
  return ajv;
}

/**
 * Text that must never reach an output: the fixtures' secret values (a live event access token,
 * a content key, a form API key, a SAS signature), their `CANARY` markers and JWT headers.
 */
export const FIXTURE_SECRETS = [
  "CANARY",
  "Q0FOQVJZQ09OVEVOVEtFWTEyMzQ1Njc4OTA=",
  "sig=",
  "eyJhbGciOi",
];

/** Every HAR fixture, so that a new fixture is checked without editing the tests. */
export function fixturePaths(): string[] {
  return readdirSync("fixtures")
    .filter((name) => name.endsWith(".har"))
    .sort()
    .map((name) => join("fixtures", name));
}
