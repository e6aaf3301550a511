import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type HandlebarsType from "handlebars";
import { Har2MkioError } from "../errors.js";
import { COMPILE_OPTIONS } from "./precompile.js";
import { TEMPLATE_HELPERS } from "./template-helpers.js";

/** The folder of the built-in templates, one subfolder per format. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Module of compiled built-in templates that the build writes; absent in the sources. */
export const PRECOMPILED_MODULE = new URL("./templates.generated.js", import.meta.url);

/** Helpers a template may call; quoting and escaping live here, never in the template text. */
export type HelperMap = Record<string, (...args: never[]) => unknown>;

/** Place of a Handlebars error, as Handlebars stores it on the error object. */
interface HandlebarsErrorPlace {
  lineNumber?: number;
  column?: number;
}

/**
 * Describes a Handlebars error in one line, led by its place in the template when known. For
 * example `"nme" not defined in [object Object] - 3:16` becomes `3:17: "nme" not defined`, and a
 * multi-line parse error keeps its line and the unexpected token.
 */
export function describeTemplateError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    const token = /got '([^']+)'\s*$/.exec(message)?.[1];
    return `${parse[1]}: parse error${token ? `, unexpected ${token}` : ""}`;
  }
  const first = (message.split("\n")[0] ?? "")
    .replace(/ - \d+:\d+$/, "")
    .replace(/ in (\[object Object\]|undefined|null)$/, "");
  const hint = / not defined$/.test(first) ? "; check the field name against the view model" : "";
  const place = error as HandlebarsErrorPlace;
  // Handlebars counts lines from 1 and columns from 0, but editors count both from 1.
  const where =
    place.lineNumber === undefined ? "" : `${place.lineNumber}:${(place.column ?? 0) + 1}: `;
  return `${where}${first}${hint}`;
}

/**
 * Renders the template at `path` with `noEscape`, so output is not HTML-escaped, and `strict`, so
 * a misspelt field fails loudly. Any failure is a usage error naming the file and the place.
 */
export async function renderTemplateFile(
  path: string,
  view: unknown,
  helpers: HelperMap,
): Promise<string> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new Har2MkioError("usage", `${path}: template cannot be read (${code})`);
  }
  // Loaded here, not at startup, because runs that print JSON or fail early never render text.
  const { default: Handlebars } = await import("handlebars");
  const handlebars = Handlebars.create();
  handlebars.registerHelper(helpers as Record<string, HandlebarsType.HelperDelegate>);
  try {
    const template = handlebars.compile(source, COMPILE_OPTIONS);
    return template(view);
  } catch (error) {
    const reason = describeTemplateError(error);
    // A reason that starts with its line and column continues the file name: `file:3:17: ...`.
    const separator = /^\d/.test(reason) ? ":" : ": ";
    throw new Har2MkioError("usage", `${path}${separator}${reason}`);
  }
}

/**
 * Renders `templates/<file>`, or the same file in the user's folder when it has one. A user file
 * replaces the built-in one, receives the same view and can also call the user template helpers.
 * Built-in templates get only the format's own helpers, so that no shared helper hides a view
 * field of the same name.
 */
export async function renderTemplate(
  file: string,
  view: unknown,
  helpers: HelperMap,
  userDir?: string,
): Promise<string> {
  const userPath = userDir ? join(userDir, file) : undefined;
  if (userPath && existsSync(userPath)) {
    return renderTemplateFile(userPath, view, { ...TEMPLATE_HELPERS, ...helpers });
  }
  const compiled = await precompiled(file, helpers);
  if (compiled) return compiled(view);
  return renderTemplateFile(join(BUILTIN_TEMPLATES, file), view, helpers);
}

/** A template as Handlebars compiles it to JavaScript. */
export type TemplateSpec = ReturnType<typeof HandlebarsType.precompile>;
let specs: Promise<Record<string, TemplateSpec> | undefined> | undefined;

async function loadSpecs(): Promise<Record<string, TemplateSpec> | undefined> {
  try {
    const module = (await import(PRECOMPILED_MODULE.href)) as {
      default: Record<string, TemplateSpec>;
    };
    return module.default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * Returns the built-in template `file` as compiled by the build, bound to the Handlebars runtime
 * and `helpers`, or undefined when there is no build output (when the sources run under test).
 */
async function precompiled(
  file: string,
  helpers: HelperMap,
): Promise<HandlebarsType.TemplateDelegate | undefined> {
  specs ??= loadSpecs();
  const spec = (await specs)?.[file];
  return spec ? bindSpec(spec, helpers) : undefined;
}

/** Binds a compiled template to a fresh Handlebars runtime with `helpers`. */
export async function bindSpec(
  spec: TemplateSpec,
  helpers: HelperMap,
): Promise<HandlebarsType.TemplateDelegate> {
  const runtime = (await import("handlebars/runtime.js")) as unknown as {
    default: typeof HandlebarsType;
  };
  const handlebars = runtime.default.create();
  handlebars.registerHelper(helpers as Record<string, HandlebarsType.HelperDelegate>);
  return handlebars.template(spec);
}
