/** Naming rules shared by the catalog builder and the matcher of undocumented calls. */

/** A path parameter of a catalog operation and the camelCase variable that carries it. */
export interface PathParam {
  /** Name in the catalog's path template, such as `asset_name`. */
  param: string;
  /** Variable name in generated templates, such as `assetName`. */
  variable: string;
}

/** Converts `asset_name` or `Asset-Name` to `assetName`. */
export function camelCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
}

/** Turns a plural collection segment (`liveEvents`, `contentKeyPolicies`) into its singular. */
export function singular(segment: string): string {
  if (/ies$/.test(segment)) return `${segment.slice(0, -3)}y`;
  if (/[^s]s$/.test(segment)) return segment.slice(0, -1);
  return segment;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Names the variable of one path parameter from the literal segment before it, so that
 * `contentKeyPolicies/{policy_name}` and `streamingPolicies/{policy_name}` get different names.
 */
export function variableForParam(param: string, previous: string | undefined, resource: string) {
  const collection = previous && !previous.startsWith("{") ? lowerFirst(singular(previous)) : "";
  if (param === "name") return `${collection || camelCase(resource)}Name`;
  if (param.endsWith("_name")) {
    const stem = param.slice(0, -5).replaceAll("_", "");
    const named = collection.toLowerCase().endsWith(stem);
    return named ? `${collection}Name` : camelCase(param);
  }
  if (param.endsWith("_id") && collection) {
    const stem = param.slice(0, -3).replaceAll("_", "");
    if (stem === collection.toLowerCase()) return `${collection}Id`;
  }
  return camelCase(param);
}

/** Lists the path parameters of a template with their variable names. */
export function pathVariableNames(template: string, resource: string): PathParam[] {
  const segments = template.split("/").filter((segment) => segment.length > 0);
  const params: PathParam[] = [];
  segments.forEach((segment, index) => {
    const match = /^\{(.+)\}$/.exec(segment);
    if (!match?.[1]) return;
    params.push({
      param: match[1],
      variable: variableForParam(match[1], segments[index - 1], resource),
    });
  });
  return params;
}
