import { type Command, Option } from "commander";
import { addSelectionOptions } from "./options.js";

/** Options of the `schema` command as commander parses them. */
export interface SchemaFlags {
  format: "markdown" | "json";
  host?: string[];
  defaultHosts: boolean;
  includeReads?: boolean;
  method?: string;
  status: string;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** Adds the `schema` subcommand; `onInvoke` receives its files and options. */
export function addSchemaCommand(
  program: Command,
  onInvoke: (paths: string[], flags: Record<string, unknown>) => void,
): void {
  const command = program
    .command("schema")
    .description(
      "learn the request and response body schemas of each operation from one or more " +
        "captures and compare them with the MK/IO API reference",
    )
    .argument("<files...>", "HAR files, in order; - reads standard input")
    .addOption(
      new Option("-f, --format <name>", "report format: a Markdown report or the JSON schemas")
        .choices(["markdown", "json"])
        .default("markdown"),
    );
  addSelectionOptions(command, "also keep GET and HEAD calls, whose responses get schemas too")
    .option("--strict", "fail on any HAR 1.2 schema violation")
    .option("-q, --quiet", "print no summary on stderr")
    .option("--verbose", "print stack traces of unexpected errors")
    .exitOverride()
    .action((paths: string[], flags: Record<string, unknown>) => {
      onInvoke(paths, flags);
    });
}
