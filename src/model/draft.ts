import { camelCase, singular } from "../catalog/naming.js";
import { identifierName, uniqueName } from "./names.js";
import type { Parameter, Variable } from "./types.js";

/** Parameters of one operation being built from one call, with the call's arguments. */
export class OperationDraft {
  readonly parameters: Parameter[] = [];
  readonly args: Record<string, string> = {};

  /** Tells whether a parameter already carries this variable, such as a name from the path. */
  carries(variable: Variable): boolean {
    return Object.values(this.args).includes(variable.name);
  }

  /**
   * Returns the parameter that carries `variable`, adding one named `base` if there is none.
   * A name already taken by another variable gets the prefix (`inputAssetName`) or a number.
   */
  use(variable: Variable, base: string, where: Omit<Parameter, "name" | "secret">, prefix = "") {
    const existing = this.parameters.find((param) => this.args[param.name] === variable.name);
    if (existing) return existing.name;
    const taken = (name: string) => name in this.args;
    let name = identifierName(base);
    if (taken(name) && prefix) name = identifierName(camelCase(`${singular(prefix)} ${base}`));
    name = uniqueName(name, taken);
    this.parameters.push({ name, secret: variable.secret, ...where });
    this.args[name] = variable.name;
    return name;
  }
}
