import type { SessionModel } from "../model/types.js";
import { SKIP_REASONS } from "../select/select.js";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** Renders rows as aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) => pad(cell, index === row.length - 1 ? 0 : (widths[index] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

/** The table of kept calls: count, method, operation, path template and status. */
export function operationsTable(session: SessionModel): string {
  const byKey = new Map(session.operations.map((operation) => [operation.key, operation]));
  const rows = [["COUNT", "METHOD", "OPERATION", "PATH", "STATUS"]];
  for (const call of session.calls) {
    const operation = byKey.get(call.operationKey);
    if (!operation) continue;
    const name = operation.undocumented ? `${operation.name} (undocumented)` : operation.name;
    rows.push([
      String(call.count),
      operation.method,
      name,
      operation.pathTemplate,
      String(call.status),
    ]);
  }
  return table(rows);
}

/** One line per skip reason with its count, such as `12 not an MK/IO host`. */
export function skippedLines(session: SessionModel): string[] {
  return [...session.stats.skipped].map(
    ([reason, count]) => `${count} ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS] ?? reason}`,
  );
}

/** The summary printed on stderr: what was kept, merged and skipped. */
export function summaryText(session: SessionModel): string {
  const { stats } = session;
  const lines = [
    `${stats.entries} entries read, ${stats.kept} MK/IO calls kept` +
      (stats.duplicates > 0 ? ` (${stats.duplicates} repeats merged)` : "") +
      `, ${session.operations.length} templates`,
  ];
  if (session.calls.length > 0) lines.push("", operationsTable(session));
  const skipped = skippedLines(session);
  if (skipped.length > 0) lines.push("", `skipped: ${skipped.join(", ")}`);
  return lines.join("\n");
}
