import { loadCatalog } from "../catalog/catalog.js";
import { colorFor } from "../color.js";
import { ExitCode } from "../errors.js";
import { summaryText } from "../report/summary.js";
import { schemaJson } from "../schema/json-report.js";
import { learnOperations } from "../schema/learn.js";
import { schemaMarkdown } from "../schema/markdown.js";
import { WarningList } from "../warnings.js";
import { convert } from "./convert.js";
import type { CliIo } from "./io.js";
import { selectionFrom } from "./options.js";
import { printWarnings } from "./output.js";
import type { SchemaFlags } from "./schema-options.js";

/** Runs `har2mkio schema`: prints the report on stdout and the summary on stderr. */
export async function runSchema(paths: string[], flags: SchemaFlags, io: CliIo): Promise<number> {
  const warnings = new WarningList();
  const color = colorFor(io.stderr, io.env);
  try {
    // selectionFrom reads only the host, method and status flags; the rest are not used.
    const selection = selectionFrom({ ...flags, baseUrl: "" });
    const session = await convert({
      paths,
      selection,
      strict: flags.strict === true,
      stdin: io.stdin,
      warnings,
    });
    const learned = learnOperations(session, loadCatalog());
    const report =
      flags.format === "json"
        ? `${JSON.stringify(schemaJson(learned), null, 2)}\n`
        : schemaMarkdown(session, learned);
    io.stdout.write(report);
    if (!flags.quiet) io.stderr.write(`${summaryText(session)}\n`);
  } finally {
    printWarnings(warnings, io, color);
  }
  return ExitCode.ok;
}
