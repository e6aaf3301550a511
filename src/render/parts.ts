import { pushText } from "../model/text-template.js";
import type { Operation, Parameter, TemplatePart } from "../model/types.js";

/** Appends parts, merging adjacent literal text so each format gets one literal per run. */
export function appendParts(target: TemplatePart[], parts: readonly TemplatePart[]): void {
  for (const part of parts) {
    if ("text" in part) pushText(target, part.text);
    else target.push(part);
  }
}

/** Joins an operation's path and query into the parts of one request target. */
export function urlParts(operation: Operation): TemplatePart[] {
  const parts: TemplatePart[] = [...operation.pathParts];
  if (operation.queryParts.length === 0) return parts;
  pushText(parts, "?");
  appendParts(parts, operation.queryParts);
  return parts;
}

/** Describes where a parameter goes, as a sentence: `Body properties.storageAccountName.` */
export function describeParameter(param: Parameter): string {
  const where = param.in === "path" ? param.location : `${param.in} ${param.location}`;
  const text = `${where}${param.secret ? " (secret)" : ""}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
