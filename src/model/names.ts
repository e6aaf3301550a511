/** Converts `assetName2` to `ASSET_NAME_2`, the form of shell and environment variables. */
export function envName(camel: string): string {
  return camel
    .replace(/([a-z])([A-Z0-9])/g, "$1_$2")
    .replace(/([0-9])([A-Za-z])/g, "$1_$2")
    .toUpperCase();
}

/** Converts `createOrUpdateAsset` to `create_or_update_asset`. */
export function snakeName(camel: string): string {
  return envName(camel).toLowerCase();
}

/** Converts `assetName` to `asset-name`, the form of command-line flags. */
export function kebabName(camel: string): string {
  return snakeName(camel).replaceAll("_", "-");
}

/**
 * Returns `base`, or `base2`, `base3`... whichever `taken` does not contain yet. With `next`,
 * the search for each base goes on from the number after the last one it returned, so that
 * thousands of names with one base take linear time.
 */
export function uniqueName(
  base: string,
  taken: (name: string) => boolean,
  next?: Map<string, number>,
): string {
  if (!taken(base)) return base;
  for (let n = next?.get(base) ?? 2; ; n += 1) {
    if (taken(`${base}${n}`)) continue;
    next?.set(base, n + 1);
    return `${base}${n}`;
  }
}

/**
 * Returns a name that can start an identifier in every output language: `base`, or `value4k`
 * for a base that starts with a digit (`4kPresetName` becomes `value4kPresetName`), because shell,
 * Python and TypeScript names cannot start with one.
 */
export function identifierName(base: string): string {
  if (base === "") return "value";
  return /^[0-9]/.test(base) ? `value${base}` : base;
}
