import { type CatalogOperation, loadCatalog } from "../catalog/catalog.js";
import type { Call, Operation, SessionModel, Variable } from "../model/types.js";
import { CatalogFields } from "./catalog-fields.js";
import { groupOperations, type OperationGroup } from "./groups.js";
import { type JsonSchema, type SchemaCatalog, toJsonSchema } from "./json-schema.js";
import type { SampleValue } from "./sample.js";
import { bareMimeType, requestSample, responseSample } from "./samples.js";
import { type Shape, shapeOf } from "./shape.js";

/** A body schema learned from recorded samples. */
export interface LearnedBody {
  shape: Shape;
  schema: JsonSchema;
  /** Number of samples: distinct recorded calls, since identical repeats are merged. */
  samples: number;
  /** Media types of the samples, without parameters, in order of first use. */
  mimeTypes: string[];
  /** Response statuses that gave samples; empty for request bodies. */
  statuses: number[];
}

/** One operation with the request and response schemas learned from its calls. */
export interface LearnedOperation {
  /** Catalog id, or the key of the first template for an undocumented call. */
  id: string;
  name: string;
  method: string;
  resource: string;
  catalog: CatalogOperation | undefined;
  /** The catalog's fields of this operation; an undocumented operation has none. */
  fields: CatalogFields;
  operations: Operation[];
  calls: Call[];
  request?: LearnedBody;
  response?: LearnedBody;
}

interface Collected {
  values: SampleValue[];
  mimeTypes: Set<string>;
  statuses: Set<number>;
}

function learnBody(collected: Collected, catalog: SchemaCatalog): LearnedBody | undefined {
  if (collected.values.length === 0) return undefined;
  const shape = shapeOf(collected.values);
  return {
    shape,
    schema: toJsonSchema(shape, catalog),
    samples: collected.values.length,
    mimeTypes: [...collected.mimeTypes],
    statuses: [...collected.statuses].sort((a, b) => a - b),
  };
}

function emptyCollected(): Collected {
  return { values: [], mimeTypes: new Set(), statuses: new Set() };
}

/** Collects the request and successful response samples of a group's calls. */
function collectSamples(
  group: OperationGroup,
  variables: ReadonlyMap<string, Variable>,
  secretPaths: ReadonlySet<string>,
): { requests: Collected; responses: Collected } {
  const byKey = new Map(group.operations.map((operation) => [operation.key, operation]));
  const requests = emptyCollected();
  const responses = emptyCollected();
  for (const call of group.calls) {
    const operation = byKey.get(call.operationKey);
    const request = operation && requestSample(call, operation, variables, secretPaths);
    if (request !== undefined && operation?.body) {
      requests.values.push(request);
      requests.mimeTypes.add(bareMimeType(operation.body.mimeType));
    }

    const response = responseSample(call, secretPaths);
    if (response !== undefined) {
      responses.values.push(response);
      responses.mimeTypes.add(bareMimeType(call.response.mimeType));
      responses.statuses.add(call.status);
    }
  }
  return { requests, responses };
}

function learnGroup(
  group: OperationGroup,
  catalog: ReadonlyMap<string, CatalogOperation>,
  variables: ReadonlyMap<string, Variable>,
): LearnedOperation {
  const first = group.operations[0] as Operation;
  const catalogOperation = group.catalogId ? catalog.get(group.catalogId) : undefined;
  const fields = new CatalogFields(catalogOperation?.bodyFields);
  const learned: LearnedOperation = {
    id: group.id,
    name: catalogOperation?.name ?? first.name,
    method: first.method,
    resource: first.resource,
    catalog: catalogOperation,
    fields,
    operations: group.operations,
    calls: group.calls,
  };

  const { requests, responses } = collectSamples(group, variables, fields.secretPaths());
  const request = learnBody(requests, { fields, labels: true });
  // The catalog documents request bodies only, so response fields get no catalog labels. Its
  // free-form maps (`labels`, `systemData`) are still maps in the echoed resource.
  const response = learnBody(responses, { fields, labels: false });
  if (request) learned.request = request;
  if (response) learned.response = response;
  return learned;
}

/**
 * Learns the request and response body schemas of every operation of a session. Calls are
 * grouped by catalog id, or by method and path template when undocumented. Every recorded
 * request body of a group is one sample, and so is every successful (2xx) JSON response.
 */
export function learnOperations(
  session: SessionModel,
  catalog: readonly CatalogOperation[],
): LearnedOperation[] {
  const byId = new Map(catalog.map((operation) => [operation.id, operation]));
  const variables = new Map(session.variables.map((variable) => [variable.name, variable]));
  return groupOperations(session).map((group) => learnGroup(group, byId, variables));
}

/** The learned schemas of one template's operation. */
export interface LearnedSchemas {
  request?: JsonSchema;
  response?: JsonSchema;
}

/**
 * Returns the learned request and response schemas for each template key of a session
 * (`Operation.key`). Templates of the same operation share one schema learned from all their
 * calls. A property is in `required` only when every sample had it, and a string field with a
 * few repeating values has `enum` (see `ENUM_RULE`). Code formats can turn the other properties
 * into optional fields and each `enum` into a union of string literals.
 */
export function learnedSchemas(
  session: SessionModel,
  catalog: readonly CatalogOperation[] = loadCatalog(),
): Map<string, LearnedSchemas> {
  const schemas = new Map<string, LearnedSchemas>();
  for (const learned of learnOperations(session, catalog)) {
    const entry: LearnedSchemas = {};
    if (learned.request) entry.request = learned.request.schema;
    if (learned.response) entry.response = learned.response.schema;
    for (const operation of learned.operations) schemas.set(operation.key, entry);
  }
  return schemas;
}
