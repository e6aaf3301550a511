import type { Command } from "commander";
import { Har2MkioError } from "../errors.js";
import {
  DEFAULT_HOSTS,
  parseStatusFilter,
  READ_METHODS,
  type SelectionOptions,
  WRITE_METHODS,
} from "../select/filters.js";

/** Appends each value of a repeatable option, such as `--host`, to the earlier ones. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Adds the options that choose which calls are kept, shared by conversion and `schema`:
 * `--host`, `--no-default-hosts`, `--include-reads`, `--method` and `--status`.
 */
export function addSelectionOptions(command: Command, includeReadsHelp: string): Command {
  return (
    command
      // No commander default, which help would print as `(default: [])` after the real defaults.
      .option(
        "--host <host>",
        `add an API host (repeatable; defaults: ${DEFAULT_HOSTS.join(", ")})`,
        collect,
      )
      .option("--no-default-hosts", "keep only the hosts given with --host")
      .option("--include-reads", includeReadsHelp)
      .option("--method <list>", "keep only these methods, comma-separated, e.g. PUT,POST")
      .option("--status <list>", "keep calls with these statuses, e.g. 2xx,409 or any", "2xx")
  );
}

/** Options of the conversion command as commander parses them. */
export interface ConvertFlags {
  format: string;
  out?: string;
  force?: boolean;
  host?: string[];
  defaultHosts: boolean;
  includeReads?: boolean;
  method?: string;
  status: string;
  strict?: boolean;
  baseUrl: string;
  templates?: string;
  quiet?: boolean;
  verbose?: boolean;
}

const KNOWN_METHODS = ["GET", "HEAD", "PUT", "POST", "PATCH", "DELETE"];

function parseMethods(text: string): string[] {
  const methods = text
    .split(",")
    .map((method) => method.trim().toUpperCase())
    .filter((method) => method.length > 0);
  for (const method of methods) {
    if (!KNOWN_METHODS.includes(method)) {
      throw new Har2MkioError(
        "usage",
        `--method: unknown method "${method}"; use a list such as PUT,POST (OPTIONS is never kept)`,
      );
    }
  }
  return methods;
}

/** Turns the host, method and status flags into selection options. */
export function selectionFrom(flags: ConvertFlags): SelectionOptions {
  const hosts = [...(flags.defaultHosts ? DEFAULT_HOSTS : []), ...(flags.host ?? [])];
  if (hosts.length === 0) {
    throw new Har2MkioError("usage", "--no-default-hosts needs at least one --host");
  }
  const methods = flags.method
    ? parseMethods(flags.method)
    : [...WRITE_METHODS, ...(flags.includeReads ? READ_METHODS : [])];
  return { hosts, methods, statuses: parseStatusFilter(flags.status) };
}

/** Checks `--base-url`: an http or https URL without a trailing slash. */
export function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Har2MkioError(
      "usage",
      `--base-url: invalid URL "${text}"; use e.g. https://api.mk.io`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Har2MkioError("usage", `--base-url: use an http or https URL, not "${url.protocol}"`);
  }
  return text.replace(/\/+$/, "");
}
