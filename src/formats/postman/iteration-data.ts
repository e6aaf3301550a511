import type { Call, Operation, Variable } from "../../model/types.js";
import type { ExtraFile } from "../format.js";

/**
 * Quotes one CSV field as RFC 4180 specifies: in double quotes, with each quote doubled. Every field
 * is quoted, because newman 6 reads an unquoted `007` as the number 7 and trims spaces around
 * unquoted fields.
 */
export function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Joins quoted fields into one CSV record. */
export function csvRecord(values: readonly string[]): string {
  return values.map(csvField).join(",");
}

/** Names the iteration data file of an operation. */
export function dataFileName(operation: Operation): string {
  return `${operation.key}.postman-data.csv`;
}

/** Lists the calls of an operation with distinct arguments, in recorded order. */
export function distinctCalls(operation: Operation, calls: readonly Call[]): Call[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const key = JSON.stringify(operation.parameters.map((param) => call.args[param.name]));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Writes the iteration data of an operation recorded with several argument sets: one column per
 * variable the request uses, named as in the request, and one row per recorded call. Secret
 * variables get no column, because an empty cell would override the value set with `--env-var`.
 * Returns undefined for an operation recorded with one argument set. `calls` are the operation's
 * calls with distinct arguments, as `distinctCalls` lists them.
 */
export function iterationData(
  operation: Operation,
  calls: readonly Call[],
  variables: ReadonlyMap<string, Variable>,
  names: ReadonlyMap<string, string>,
): ExtraFile | undefined {
  const [first] = calls;
  if (!first || calls.length < 2) return undefined;

  const params = operation.parameters.filter((param) => !param.secret);
  const columnOf = (param: string) => {
    const variable = first.args[param] ?? param;
    return names.get(variable) ?? variable;
  };
  const cellOf = (call: Call, param: string) => {
    const name = call.args[param];
    return (name === undefined ? undefined : variables.get(name)?.value) ?? "";
  };

  const header = csvRecord(params.map((param) => columnOf(param.name)));
  const rows = calls.map((call) => csvRecord(params.map((param) => cellOf(call, param.name))));
  return { name: dataFileName(operation), content: `${[header, ...rows].join("\r\n")}\r\n` };
}
