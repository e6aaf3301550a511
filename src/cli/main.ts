import { CommanderError } from "commander";
import { colorFor } from "../color.js";
import { ExitCode, Har2MkioError } from "../errors.js";
import { FormatRegistry } from "../formats/registry.js";
import { displayName } from "../har/input-format.js";
import { validateCapture } from "../har/validate.js";
import { REDACTED } from "../redact/redact-text.js";
import { WarningList } from "../warnings.js";
import { convert } from "./convert.js";
import type { CliIo } from "./io.js";
import { type ConvertFlags, parseBaseUrl, selectionFrom } from "./options.js";
import { printWarnings, renderOutputs } from "./output.js";
import { buildProgram, type Invocation } from "./program.js";
import { createProgress } from "./progress.js";
import type { SchemaFlags } from "./schema-options.js";

async function runConvert(
  paths: string[],
  flags: ConvertFlags,
  io: CliIo,
  registry: FormatRegistry,
) {
  const warnings = new WarningList();
  const color = colorFor(io.stderr, io.env);
  const baseUrl = parseBaseUrl(flags.baseUrl);
  try {
    const session = await convert({
      paths,
      selection: selectionFrom(flags),
      strict: flags.strict === true,
      stdin: io.stdin,
      warnings,
      progress: createProgress(io.stderr, flags.quiet === true),
    });
    await renderOutputs(
      session,
      flags,
      { baseUrl, templatesDir: flags.templates, warnings },
      io,
      registry,
      color,
    );
  } finally {
    printWarnings(warnings, io, color);
  }
  return ExitCode.ok;
}

const COUNT_FORMAT = new Intl.NumberFormat("en-US");

async function runValidate(paths: string[], io: CliIo): Promise<number> {
  let violations = 0;
  for (const path of paths) {
    const found = await validateCapture(path, io.stdin);
    const name = displayName(path);
    for (const violation of found.violations)
      io.stdout.write(`${name}: ${violation.path}: ${violation.message}\n`);
    const unlisted = found.total - found.violations.length;
    if (unlisted > 0) {
      const noun = unlisted === 1 ? "violation" : "violations";
      io.stdout.write(`${name}: ... and ${COUNT_FORMAT.format(unlisted)} more ${noun}\n`);
    }
    if (found.total === 0) io.stderr.write(`${name}: valid HAR 1.2\n`);
    violations += found.total;
  }
  return violations === 0 ? ExitCode.ok : ExitCode.badInput;
}

async function runSanitize(paths: string[], flags: Record<string, unknown>, io: CliIo) {
  const output = String(flags.output);
  const { sanitize } = await import("./sanitize.js");
  const warnings = new WarningList();
  const count = await sanitize({
    input: paths[0] ?? "-",
    output,
    stripBodies: flags.stripBodies === true,
    force: flags.force === true,
    stdin: io.stdin,
    stdout: io.stdout,
    warnings,
  });
  // Printed after a copy only, because a failed run's error already names where the input broke.
  printWarnings(warnings, io, colorFor(io.stderr, io.env));
  io.stderr.write(
    `wrote ${output === "-" ? "<stdout>" : output}: ${count} entries, secrets replaced by ${REDACTED}\n`,
  );
  return ExitCode.ok;
}

function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  const color = colorFor(io.stderr, io.env);
  if (error instanceof Har2MkioError) {
    io.stderr.write(`${color.red("error:")} ${error.message}\n`);
    if (error.code === "usage") io.stderr.write("(run har2mkio --help for usage)\n");
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `${color.red("error:")} unexpected failure: ${message.split("\n")[0]}; rerun with --verbose and report it\n`,
  );
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.badInput;
}

/** Runs the command line with the given arguments (without `node` and the script) and streams. */
export async function run(
  argv: string[],
  io: CliIo,
  registry = new FormatRegistry(),
): Promise<number> {
  let invocation: Invocation | undefined;
  const program = buildProgram(registry, io, (parsed) => {
    invocation = parsed;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(error, io, argv.includes("--verbose"));
  }
  if (!invocation) return ExitCode.usage;
  try {
    if (invocation.command === "validate") return await runValidate(invocation.paths, io);
    if (invocation.command === "schema") {
      const { runSchema } = await import("./schema-command.js");
      return await runSchema(invocation.paths, invocation.flags as unknown as SchemaFlags, io);
    }
    if (invocation.command === "sanitize")
      return await runSanitize(invocation.paths, invocation.flags, io);
    return await runConvert(
      invocation.paths,
      invocation.flags as unknown as ConvertFlags,
      io,
      registry,
    );
  } catch (error) {
    return reportError(error, io, invocation.flags.verbose === true);
  }
}

/** Entry point of the `har2mkio` binary. */
export async function runFromProcess(): Promise<void> {
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
  process.exitCode = await run(process.argv.slice(2), io);
}
