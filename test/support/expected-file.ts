import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const EXPECTED_DIR = join(import.meta.dirname, "..", "expected");

/**
 * Reads a reviewed expected output from test/expected/. With `UPDATE_EXPECTED=1` it writes the
 * actual output there first, for a deliberate change that is then reviewed in the diff.
 */
export function expectedFile(name: string, actual: string): string {
  const path = join(EXPECTED_DIR, name);
  if (process.env.UPDATE_EXPECTED === "1" || !existsSync(path)) {
    if (process.env.UPDATE_EXPECTED !== "1")
      throw new Error(`${path} is missing; run with UPDATE_EXPECTED=1 and review it`);
    writeFileSync(path, actual);
  }
  return readFileSync(path, "utf8");
}
