import { uniqueName } from "../../model/names.js";

/** Types and classes that templates/typescript/client.ts.hbs declares in every module. */
const RUNTIME_TYPE_NAMES = ["MkioClient", "MkioErrorBody", "MkioError", "MkioRequest"];

/** Converts an operation key to a type name: `createOrUpdateAsset` to `CreateOrUpdateAsset`. */
export function pascalName(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/**
 * Converts a body key to a part of a type name: `outputs` to `Outputs`, `@odata.type` to
 * `OdataType`. Characters other than ASCII letters and digits are dropped, and a key with none
 * of them becomes `Field`.
 */
export function keyNamePart(key: string): string {
  const words = key.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  return words.map(pascalName).join("") || "Field";
}

/** Hands out the type names of one generated module, each unique within it. */
export class TypeNames {
  private readonly used = new Set(RUNTIME_TYPE_NAMES);
  private readonly nextNumbers = new Map<string, number>();

  /** Returns `name`, or `name2`, `name3`... when it is taken, and marks the result as taken. */
  claim(name: string): string {
    const unique = uniqueName(name, (candidate) => this.used.has(candidate), this.nextNumbers);
    this.used.add(unique);
    return unique;
  }
}
