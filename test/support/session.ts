import { Readable } from "node:stream";
import { convert } from "../../src/cli/convert.js";
import type { SessionModel } from "../../src/model/types.js";
import { DEFAULT_HOSTS, parseStatusFilter, WRITE_METHODS } from "../../src/select/filters.js";
import { WarningList } from "../../src/warnings.js";

/** Converts one capture with the default selection and returns its session model. */
export function sessionOf(file: string): Promise<SessionModel> {
  return convert({
    paths: [file],
    selection: {
      hosts: [...DEFAULT_HOSTS],
      methods: [...WRITE_METHODS],
      statuses: parseStatusFilter("2xx"),
    },
    strict: false,
    stdin: Readable.from([]),
    warnings: new WarningList(),
  });
}
