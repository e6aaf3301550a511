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
    name: "typescript",
    description: "TypeScript module for Node.js 20 with one typed function per operation",
    load: async () => (await import("./typescript/index.js")).typescriptFormat,
  },
  {
    name: "python",
    description: "Python script using requests with one function per operation",
    load: async () => (await import("./python/index.js")).pythonFormat,
  },
  {
    name: "powershell",
    description: "PowerShell script of Invoke-RestMethod calls with one function per operation",
    load: async () => (await import("./powershell/index.js")).powershellFormat,
  },
  {
    name: "postman",
    description: "Postman Collection v2.1.0, with CSV iteration data for repeated operations",
    load: async () => (await import("./postman/index.js")).postmanFormat,
  },
  {
    name: "openapi",
    description: "OpenAPI 3.1 document with schemas learned from the recorded bodies (YAML)",
    load: async () => (await import("./openapi/index.js")).openapiFormat,
  },
  {
    name: "http",
    description: ".http file of the requests for the VS Code REST Client and httpyac",
    load: async () => (await import("./http/index.js")).httpFormat,
  },
  {
    name: "json",
    description: "one JSON object with the calls, variables and counts",
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

  /** Returns a registry with `extra` after these entries, such as the user's templates. */
  withEntries(extra: readonly FormatEntry[]): FormatRegistry {
    return new FormatRegistry([...this.entries, ...extra]);
  }
}
