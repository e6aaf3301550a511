import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { run } from "../../src/cli/main.js";
import { BUILTIN_FORMATS, FormatRegistry } from "../../src/formats/registry.js";

/** What `har2mkio --out` wrote for the postman format alone. */
export interface PostmanOutput {
  code: number;
  stderr: string;
  /** Path of the collection file. */
  collectionPath: string;
  /** Text of the collection file. */
  collection: string;
  /** Path of each iteration data file, by file name. */
  dataFiles: Map<string, string>;
}

/**
 * Runs the command line in-process with `--out` into a new temporary folder and a registry that
 * contains only the postman format, then reads back what it wrote.
 */
export async function renderPostman(args: readonly string[]): Promise<PostmanOutput> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-"));
  const registry = new FormatRegistry(BUILTIN_FORMATS.filter((entry) => entry.name === "postman"));
  let stderr = "";
  const code = await run(
    [...args, "--format", "postman", "--out", dir, "--quiet"],
    {
      stdin: Readable.from([]),
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: { NO_COLOR: "1" },
    },
    registry,
  );
  const names = code === 0 ? readdirSync(dir) : [];
  const collectionName = names.find((name) => name.endsWith(".postman_collection.json")) ?? "";
  const collectionPath = join(dir, collectionName);
  const dataFiles = new Map(
    names.filter((name) => name.endsWith(".csv")).map((name) => [name, join(dir, name)]),
  );
  const collection = collectionName ? readFileSync(collectionPath, "utf8") : "";
  return { code, stderr, collectionPath, collection, dataFiles };
}
