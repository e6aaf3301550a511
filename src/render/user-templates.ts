import { type Dirent, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Har2MkioError } from "../errors.js";
import type { Format } from "../formats/format.js";
import type { FormatEntry, FormatRegistry } from "../formats/registry.js";
import { BUILTIN_TEMPLATES, renderTemplateFile } from "./handlebars.js";
import { sessionView } from "./session-view.js";
import { TEMPLATE_HELPERS } from "./template-helpers.js";

/** A template in the `--templates` folder that adds an output of its own. */
export interface UserTemplate {
  /** Format name: the file name up to its first dot, `az-rest` for `az-rest.sh.hbs`. */
  name: string;
  /** Output file name: the file name without `.hbs`, `az-rest.sh`. */
  fileName: string;
  path: string;
}

/** Folders of the built-in templates folder that hold examples, not templates of a format. */
const NOT_FORMAT_TEMPLATES = new Set(["examples"]);

function readFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "folder not found" : `cannot be read (${code ?? "error"})`;
    throw new Har2MkioError("usage", `--templates: ${dir}: ${reason}`);
  }
}

/** Lists `*.hbs` files under `dir` as paths relative to it, with `/` separators. */
function templateFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".hbs")) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/");
    if (!skip.has(path.split("/")[0] ?? "")) found.push(path);
  }
  return found.sort();
}

/** Lists the built-in templates a user file can replace: `curl/script.sh.hbs` and the like. */
export function builtinTemplates(root = BUILTIN_TEMPLATES): string[] {
  return templateFiles(root, NOT_FORMAT_TEMPLATES);
}

/**
 * Checks that each file in a subfolder of `dir` replaces a built-in template. An `examples`
 * folder is skipped, so that a copy of the whole built-in templates folder is accepted.
 */
function checkReplacements(dir: string): void {
  const builtin = new Set(builtinTemplates());
  for (const file of templateFiles(dir, NOT_FORMAT_TEMPLATES)) {
    if (!file.includes("/") || builtin.has(file)) continue;
    throw new Har2MkioError(
      "usage",
      `${join(dir, file)}: matches no built-in template; name it like one of ` +
        `${[...builtin].join(", ")} to replace it, or move it to ${dir} to add an output`,
    );
  }
}

function templateOf(dir: string, file: string): UserTemplate {
  const fileName = file.slice(0, -".hbs".length);
  const name = fileName.split(".")[0] ?? "";
  return { name, fileName, path: join(dir, file) };
}

/**
 * Reads the `--templates` folder. Files directly in it add outputs, and files in its subfolders
 * replace the built-in template of the same path. A missing folder, a subfolder file that
 * replaces nothing, a built-in format's name, or one name for two files is a usage error.
 */
export function scanUserTemplates(dir: string, builtinNames: readonly string[]): UserTemplate[] {
  const files = readFolder(dir)
    .filter((entry) => entry.isFile() && entry.name.endsWith(".hbs") && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  checkReplacements(dir);
  const templates: UserTemplate[] = [];
  for (const template of files.map((file) => templateOf(dir, file))) {
    const clash = builtinNames.includes(template.name)
      ? `the built-in format ${template.name}`
      : templates.find((other) => other.name === template.name)?.path;
    if (template.name === "" || clash) {
      const problem = clash
        ? `its format name "${template.name}" is taken by ${clash}`
        : "its format name is empty";
      throw new Har2MkioError("usage", `${template.path}: ${problem}; rename the file`);
    }
    templates.push(template);
  }
  return templates;
}

/** Creates the format of one user template, which renders the session view with the helpers. */
export function userTemplateFormat(template: UserTemplate): Format {
  return {
    fileName: template.fileName,
    async render(session, options) {
      const view = sessionView(session, options.baseUrl);
      return { main: await renderTemplateFile(template.path, view, TEMPLATE_HELPERS) };
    },
  };
}

/** Returns the registry with the templates of `dir` added, or the registry itself without one. */
export function withUserTemplates(
  registry: FormatRegistry,
  dir: string | undefined,
): FormatRegistry {
  if (dir === undefined) return registry;
  const entries: FormatEntry[] = scanUserTemplates(dir, registry.names()).map((template) => ({
    name: template.name,
    description: `output of the user template ${template.path}`,
    load: async () => userTemplateFormat(template),
  }));
  return registry.withEntries(entries);
}

/** Throws a usage error when `format` is neither a registered format nor a template in `dir`. */
export function checkFormatName(format: string, registry: FormatRegistry, dir?: string): void {
  const formats = withUserTemplates(registry, dir);
  if (formats.get(format)) return;
  throw new Har2MkioError(
    "usage",
    `--format: unknown format "${format}"; use one of ${formats.names().join(", ")}`,
  );
}
