import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Options every built-in template is compiled with; see `renderTemplateFile`. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

async function templateFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".hbs"))
      found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}

/**
 * Compiles every template under `dir` to JavaScript and returns the text of a module whose
 * default export maps each file, as `curl/script.sh.hbs`, to its compiled form. The build writes
 * it next to the renderer, so that a run loads the small Handlebars runtime instead of the
 * compiler.
 */
export async function precompiledModule(dir: string): Promise<string> {
  const { default: Handlebars } = await import("handlebars");
  const lines = ["// Written by the build from templates/; do not edit.", "export default {"];
  for (const path of await templateFiles(dir)) {
    const name = relative(dir, path).split(sep).join("/");
    const spec = Handlebars.precompile(await readFile(path, "utf8"), COMPILE_OPTIONS);
    lines.push(`${JSON.stringify(name)}: ${spec},`);
  }
  lines.push("};", "");
  return lines.join("\n");
}
