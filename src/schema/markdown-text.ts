/** Quoting helpers for the Markdown report (GitHub Flavored Markdown tables and code spans). */

/** Wraps text in a code span whose fence is longer than any run of backticks inside it. */
export function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each end when both ends have one, so padding is lossless.
  const padded = longestRun > 0 || text.startsWith(" ") ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

/**
 * Makes text safe inside a table cell: a pipe would end the cell, even inside a code span, and
 * a line break would end the row.
 */
export function tableCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, " ").replaceAll("|", "\\|");
}

/** Shortens text to `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join("")}…`;
}

/** Renders a table: a header row, a separator row and one row per entry, each cell escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(tableCell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
