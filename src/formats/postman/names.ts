import { camelCase } from "../../catalog/naming.js";
import type { Operation } from "../../model/types.js";

function words(camel: string): string[] {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .split(" ")
    .filter((word) => word.length > 0);
}

/** Names the folder of a resource: `streamingLocator` becomes "Streaming Locator". */
export function folderName(resource: string): string {
  return words(resource)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/**
 * Returns what the model added to an operation's key to make it unique, in words: "legacy" for
 * `createOrUpdateAssetLegacy`, "2" for `createOrUpdateAsset2`, "" for the first of its name.
 */
function keySuffix(operation: Operation): string {
  const base = operation.catalogId ?? camelCase(operation.name);
  const suffix = operation.key.startsWith(base) ? operation.key.slice(base.length) : "";
  return words(suffix)
    .map((word) => word.toLowerCase())
    .join(" ");
}

/**
 * Names each operation's request after the operation, adding the key's suffix when several
 * operations share a name ("Create or Update Asset (2)"), so that `newman --folder` can pick one.
 * Returns the names by operation key.
 */
export function requestNames(operations: readonly Operation[]): Map<string, string> {
  const names = new Map<string, string>();
  const usedNames = new Set<string>();
  for (const operation of operations) {
    const suffix = keySuffix(operation);
    const base = suffix ? `${operation.name} (${suffix})` : operation.name;
    let name = base;
    for (let n = 2; usedNames.has(name); n += 1) name = `${base} (${n})`;
    usedNames.add(name);
    names.set(operation.key, name);
  }
  return names;
}
