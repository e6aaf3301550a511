import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { Har2MkioError } from "../errors.js";

const BUILTIN_TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Helpers a template may call; quoting and escaping live here, never in the template text. */
export type HelperMap = Record<string, (...args: never[]) => unknown>;

/**
 * Renders `templates/<file>` (or the same file in the user's folder when it has one) with
 * `noEscape`, so output is not HTML-escaped, and `strict`, so a misspelt field fails loudly.
 */
export async function renderTemplate(
  file: string,
  view: unknown,
  helpers: HelperMap,
  userDir?: string,
): Promise<string> {
  const userPath = userDir ? join(userDir, file) : undefined;
  const path = userPath && existsSync(userPath) ? userPath : join(BUILTIN_TEMPLATES, file);
  const source = await readFile(path, "utf8");
  const handlebars = Handlebars.create();
  handlebars.registerHelper(helpers as Record<string, Handlebars.HelperDelegate>);
  try {
    const template = handlebars.compile(source, { noEscape: true, strict: true });
    return template(view);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Har2MkioError("usage", `${path}: template failed: ${reason}`);
  }
}
