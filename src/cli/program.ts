import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, Option } from "commander";
import { Har2MkioError } from "../errors.js";
import type { FormatRegistry } from "../formats/registry.js";
import { checkFormatName } from "../render/user-templates.js";
import type { CliIo } from "./io.js";
import { addSelectionOptions } from "./options.js";
import { addSchemaCommand } from "./schema-options.js";

/** Command and arguments of a run, once commander has parsed them. */
export type Invocation =
  | { command: "convert"; paths: string[]; flags: Record<string, unknown> }
  | { command: "validate"; paths: string[]; flags: Record<string, unknown> }
  | { command: "schema"; paths: string[]; flags: Record<string, unknown> }
  | { command: "sanitize"; paths: string[]; flags: Record<string, unknown> };

/** Reads the version from the package.json shipped beside `src/` and `dist/`. */
function packageVersion(): string {
  const path = fileURLToPath(new URL("../../package.json", import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

/** Rejects a list of captures that names standard input twice: it can be read only once. */
function checkStdinOnce(paths: readonly string[]): void {
  if (paths.filter((path) => path === "-").length > 1) {
    throw new Har2MkioError("usage", "standard input (-) can be read only once; give - once");
  }
}

/** Builds the commander program; `onInvoke` receives the parsed command. */
export function buildProgram(
  registry: FormatRegistry,
  io: CliIo,
  onInvoke: (inv: Invocation) => void,
) {
  const program = new Command("har2mkio")
    .version(packageVersion(), "-V, --version", "print the version of har2mkio")
    .description(
      "Turn the MK/IO API calls of a HAR capture (saved from the browser's network tab) into " +
        "reusable request templates.",
    )
    .argument("<files...>", "HAR files of one session, in order; - reads standard input")
    .addOption(
      // No commander choices: the name of a template in --templates is a format too.
      new Option(
        "-f, --format <name>",
        "output format, or the name of a --templates template",
      ).default("curl"),
    )
    .option("-o, --out <dir>", "write every format into DIR, with an index, instead of stdout")
    .option("--force", "let --out replace existing files");
  addSelectionOptions(program, "also keep GET and HEAD calls")
    .option(
      "--strict",
      "fail on any HAR 1.2 schema violation instead of skipping what cannot be read",
    )
    .option("--base-url <url>", "default base URL written into the output", "https://api.mk.io")
    .option("--templates <dir>", "render text formats with the Handlebars templates in DIR")
    .option("-q, --quiet", "print no summary on stderr")
    .option("--verbose", "print stack traces of unexpected errors")
    .addHelpText(
      "after",
      `\nFormats:\n${registry
        .list()
        .map((f) => `  ${f.name.padEnd(12)}${f.description}`)
        .join("\n")}\n\nExit codes: 0 success, 1 bad input or nothing found, 2 usage error.`,
    )
    .showHelpAfterError("(run har2mkio --help for usage)")
    // Options after a subcommand name belong to the subcommand, not to the conversion.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .action((paths: string[], flags: Record<string, unknown>) => {
      checkFormatName(String(flags.format), registry, flags.templates as string | undefined);
      checkStdinOnce(paths);
      onInvoke({ command: "convert", paths, flags });
    });

  program
    .command("validate")
    .description(
      "check HAR files against the HAR 1.2 schema and list the first 100 violations of each",
    )
    .argument("<files...>", "HAR files; - reads standard input")
    .exitOverride()
    .action((paths: string[], flags: Record<string, unknown>) => {
      checkStdinOnce(paths);
      onInvoke({ command: "validate", paths, flags });
    });

  program
    .command("sanitize")
    .description("write a copy of a capture with every secret replaced, to share with support")
    .argument("<file>", "HAR file; - reads standard input")
    .requiredOption(
      "-o, --output <file>",
      "where to write the sanitized copy (required; - for stdout)",
    )
    .option("--strip-bodies", "also drop response bodies of media and static files")
    .option("--force", "replace the output file if it exists")
    .exitOverride()
    .action((path: string, flags: Record<string, unknown>) => {
      onInvoke({ command: "sanitize", paths: [path], flags });
    });

  addSchemaCommand(program, (paths, flags) => {
    checkStdinOnce(paths);
    onInvoke({ command: "schema", paths, flags });
  });

  return program;
}
