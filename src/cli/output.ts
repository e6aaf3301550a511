import type { ChalkInstance } from "chalk";
import type { RenderOptions } from "../formats/format.js";
import type { FormatRegistry } from "../formats/registry.js";
import type { SessionModel } from "../model/types.js";
import { withUserTemplates } from "../render/user-templates.js";
import { summaryText } from "../report/summary.js";
import type { WarningList } from "../warnings.js";
import type { CliIo } from "./io.js";
import type { ConvertFlags } from "./options.js";
import { type OutFile, writeOutDir } from "./write-out.js";

/** How many warnings are printed before the rest are only counted. */
const MAX_PRINTED_WARNINGS = 20;

/** Prints collected warnings on stderr, at most `MAX_PRINTED_WARNINGS` of them. */
export function printWarnings(warnings: WarningList, io: CliIo, color: ChalkInstance): void {
  for (const warning of warnings.items.slice(0, MAX_PRINTED_WARNINGS)) {
    io.stderr.write(`${color.yellow("warning:")} ${warning.where}: ${warning.message}\n`);
  }
  const rest = warnings.items.length - MAX_PRINTED_WARNINGS;
  if (rest > 0) io.stderr.write(`${color.yellow("warning:")} ${rest} more warnings not shown\n`);
}

function authWarning(session: SessionModel): string | undefined {
  if (!session.authMissing) return undefined;
  return (
    "the capture has no Authorization or x-mkio-token header (Chrome leaves them out of exports " +
    "by default); the templates send the token from MKIO_TOKEN in the scheme each API shape uses"
  );
}

async function renderAll(session: SessionModel, options: RenderOptions, registry: FormatRegistry) {
  const files: OutFile[] = [];
  for (const entry of registry.list()) {
    const format = await entry.load();
    const rendered = await format.render(session, options);
    files.push({ name: format.fileName, content: rendered.main, description: entry.description });
    for (const extra of rendered.extraFiles ?? []) {
      files.push({ ...extra, description: `data for ${format.fileName}` });
    }
  }
  const index = files.map((file) => `${file.name}\t${file.description}`).join("\n");
  files.push({ name: "INDEX.txt", content: `${index}\n`, description: "this list" });
  return files;
}

/** Renders the requested format to stdout, or every format into `--out`, then the summary. */
export async function renderOutputs(
  session: SessionModel,
  flags: ConvertFlags,
  options: RenderOptions,
  io: CliIo,
  registry: FormatRegistry,
  color: ChalkInstance,
): Promise<void> {
  const formats = withUserTemplates(registry, options.templatesDir);
  if (flags.out) {
    const written = await writeOutDir(
      flags.out,
      await renderAll(session, options, formats),
      flags.force === true,
    );
    if (!flags.quiet) io.stderr.write(`wrote ${written.length} files to ${flags.out}\n`);
  } else {
    const format = await formats.get(flags.format)?.load();
    const rendered = format ? await format.render(session, options) : undefined;
    if (rendered) io.stdout.write(rendered.main);
    const extra = rendered?.extraFiles?.length ?? 0;
    if (extra > 0 && !flags.quiet) {
      io.stderr.write(`${extra} data file(s) of this format are written only with --out\n`);
    }
  }
  const auth = authWarning(session);
  if (auth) io.stderr.write(`${color.yellow("warning:")} ${auth}\n`);
  if (!flags.quiet) io.stderr.write(`${summaryText(session)}\n`);
}
