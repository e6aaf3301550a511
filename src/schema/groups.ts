import type { Call, Operation, SessionModel } from "../model/types.js";

/**
 * The templates and calls of one API operation. The model splits one operation into several
 * templates when bodies differ in layout or the URL shape differs (`createOrUpdateAsset2`,
 * `createOrUpdateAssetLegacy`); schema inference merges them again.
 */
export interface OperationGroup {
  /** Catalog id, or the key of the first template for an undocumented call. */
  id: string;
  catalogId: string | null;
  operations: Operation[];
  calls: Call[];
}

function groupKey(operation: Operation): string {
  return operation.catalogId ?? `${operation.method} ${operation.pathTemplate}`;
}

/**
 * Groups a session's templates by catalog id, or by method and path template for calls that
 * match no documented operation. Groups keep the order in which the session first used them.
 */
export function groupOperations(session: SessionModel): OperationGroup[] {
  const groups = new Map<string, OperationGroup>();
  const byKey = new Map<string, OperationGroup>();
  for (const operation of session.operations) {
    const key = groupKey(operation);
    let group = groups.get(key);
    if (!group) {
      const id = operation.catalogId ?? operation.key;
      group = { id, catalogId: operation.catalogId, operations: [], calls: [] };
      groups.set(key, group);
    }
    group.operations.push(operation);
    byKey.set(operation.key, group);
  }
  for (const call of session.calls) byKey.get(call.operationKey)?.calls.push(call);
  return [...groups.values()];
}
