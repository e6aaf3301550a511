import { uniqueName } from "../../model/names.js";
import type { SessionModel } from "../../model/types.js";
import type { CollectionVariable } from "./types.js";

/** Name of the variable with the API's base URL. */
export const BASE_URL = "baseUrl";
/** Name of the variable with the MK/IO token, which is always empty in the collection. */
export const TOKEN = "mkioToken";

const SECRET_NOTE = "Secret: empty here; set it in an environment or with --env-var.";

/**
 * Maps each session variable to its collection variable name: the same name, unless it is
 * `baseUrl` or `mkioToken`, which then get a number (`mkioToken2`).
 */
export function collectionNames(session: SessionModel): Map<string, string> {
  const usedNames = new Set([BASE_URL, TOKEN]);
  const names = new Map<string, string>();
  for (const variable of session.variables) {
    const name = uniqueName(variable.name, (candidate) => usedNames.has(candidate));
    usedNames.add(name);
    names.set(variable.name, name);
  }
  return names;
}

/** Lists the collection variables: the base URL, the token and one per session variable. */
export function collectionVariables(
  session: SessionModel,
  names: ReadonlyMap<string, string>,
  baseUrl: string,
): CollectionVariable[] {
  const variables: CollectionVariable[] = [
    { key: BASE_URL, value: baseUrl, type: "string" },
    { key: TOKEN, value: "", type: "string", description: SECRET_NOTE },
  ];
  for (const variable of session.variables) {
    const key = names.get(variable.name) ?? variable.name;
    if (variable.secret) {
      variables.push({ key, value: "", type: "string", description: SECRET_NOTE });
    } else {
      variables.push({ key, value: variable.value ?? "", type: "string" });
    }
  }
  return variables;
}
