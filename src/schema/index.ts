/**
 * Schema inference: what the recorded request and response bodies of each operation have in
 * common, written as JSON Schema draft 2020-12 and compared with the catalog.
 */
export type { FieldInfo, FieldLabel } from "./catalog-fields.js";
export { JSON_SCHEMA_DIALECT, type JsonSchema } from "./json-schema.js";
export {
  type LearnedBody,
  type LearnedOperation,
  type LearnedSchemas,
  learnedSchemas,
  learnOperations,
} from "./learn.js";
export { ENUM_RULE } from "./summary.js";
