import type { Format } from "./format.js";

/** A format as the command line lists it; its code is loaded only when the format is used. */
export interface FormatEntry {
  name: string;
  description: string;
  load(): Promise<Format>;
}

/** The built-in formats, in the order `--help` and `--out` list them. */
export const BUILTIN_FORMATS: readonly FormatEntry[] = [
  {
    name: "curl",
    description: "bash script of curl calls with one function per operation (default)",
    load: async () => (await import("./curl/index.js")).curlFormat,
  },
  {
    name: "json",
    description: "one JSON object with the calls, operations and variables",
    load: async () => (await import("./json/index.js")).jsonFormat,
  },
  {
    name: "summary",
    description: "the table of operations only",
    load: async () => (await import("./summary/index.js")).summaryFormat,
  },
];

/** Looks formats up by name. */
export class FormatRegistry {
  constructor(private readonly entries: readonly FormatEntry[] = BUILTIN_FORMATS) {}

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  list(): readonly FormatEntry[] {
    return this.entries;
  }

  get(name: string): FormatEntry | undefined {
    return this.entries.find((entry) => entry.name === name);
  }
}
