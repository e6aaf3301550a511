import { operationsTable } from "../../report/summary.js";
import type { Format } from "../format.js";

/** The summary format: the table of operations alone. */
export const summaryFormat: Format = {
  fileName: "summary.txt",
  async render(session) {
    return { main: `${operationsTable(session)}\n` };
  },
};
