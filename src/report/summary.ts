import type { SessionModel } from "../model/types.js";
import { SKIP_REASONS } from "../select/select.js";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/**
 * Escapes control characters of recorded text for a terminal, where an escape sequence in a
 * path could retitle the window or clear the screen.
 */
export function printable(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || (code >= 0x7f && code < 0xa0)
        ? `\\x${code.toString(16).padStart(2, "0")}`
        : char;
    })
    .join("");
}

/** Writes `1 call`, `2 calls`. */
export function plural(count: number, singular: string, several = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : several}`;
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
      printable(operation.method),
      printable(name),
      printable(operation.pathTemplate),
      String(call.status),
    ]);
  }
  return table(rows);
}

/** Lists one line per skip reason with its count, such as `12 not an MK/IO host`. */
export function skippedLines(session: SessionModel): string[] {
  return [...session.stats.skipped].map(
    ([reason, count]) => `${count} ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS] ?? reason}`,
  );
}

/** Writes the summary printed on stderr: what was kept, merged and skipped. */
export function summaryText(session: SessionModel): string {
  const { stats } = session;
  const merged = stats.duplicates > 0 ? ` (${plural(stats.duplicates, "repeat")} merged)` : "";
  const lines = [
    `${plural(stats.entries, "entry", "entries")} read, ${plural(stats.kept, "MK/IO call")} kept` +
      `${merged}, ${plural(session.operations.length, "request template")}`,
  ];
  if (session.calls.length > 0) lines.push("", operationsTable(session));
  const skipped = skippedLines(session);
  if (skipped.length > 0) lines.push("", `skipped: ${skipped.join(", ")}`);
  return lines.join("\n");
}
