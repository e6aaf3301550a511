import { uniqueName } from "./names.js";
import type { Variable } from "./types.js";

/**
 * The session's variables, one per distinct recorded value. A value seen in several places (the
 * asset name in a path and in `properties.container`) is one variable.
 */
export class VariableTable {
  private readonly byName = new Map<string, Variable>();
  private readonly plain = new Map<string, Variable>();
  // Secret values stay here, inside the builder, so that two uses of one secret share a variable.
  private readonly secrets = new Map<string, Variable>();

  /** Returns the variable of a value, creating it under `base` (or `base2`...) if it is new. */
  intern(base: string, value: string, secret: boolean): Variable {
    const index = secret ? this.secrets : this.plain;
    const existing = index.get(value);
    if (existing) return existing;
    const name = uniqueName(base, (candidate) => this.byName.has(candidate));
    const variable: Variable = { name, value: secret ? null : value, secret };
    this.byName.set(name, variable);
    index.set(value, variable);
    return variable;
  }

  /** Returns the non-secret variable that holds exactly this value, if any. */
  lookup(value: string): Variable | undefined {
    return this.plain.get(value);
  }

  /** All variables in the order they were created. */
  list(): Variable[] {
    return [...this.byName.values()];
  }
}
