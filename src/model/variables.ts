import { KnownSecrets } from "../redact/known-secrets.js";
import { holdsJsonSecret } from "../redact/redact-json.js";
import { envName, identifierName } from "./names.js";
import { isSecretValue } from "./secrets.js";
import type { Variable } from "./types.js";

/**
 * Environment names that generated scripts must not take over: the shell's own and the ones
 * har2mkio reads. A variable that would get one is numbered instead (`path2`, `PATH_2`).
 */
const RESERVED_ENV_NAMES = new Set([
  "PATH",
  "HOME",
  "USER",
  "SHELL",
  "PWD",
  "OLDPWD",
  "LANG",
  "TERM",
  "TMPDIR",
  "IFS",
  "PS1",
  "HOSTNAME",
  "LOGNAME",
  "UID",
  "EUID",
  "PPID",
  "RANDOM",
  "SECONDS",
  "LINENO",
  "OPTARG",
  "OPTIND",
  "MKIO_TOKEN",
  "MKIO_BASE_URL",
  "NODE_OPTIONS",
  "PYTHONPATH",
  "http_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "PROMPT_COMMAND",
  "PS2",
  "PS3",
  "PS4",
  "ENV",
  "CDPATH",
  "GLOBIGNORE",
  "SHELLOPTS",
  "HISTFILE",
  "TMOUT",
  "FUNCNAME",
  "GROUPS",
  "PIPESTATUS",
  "REPLY",
  "COLUMNS",
  "LINES",
  "MAIL",
  "MAILPATH",
]);

/** Prefixes of environment names that shells, loaders and runtimes read on their own. */
const RESERVED_ENV_PREFIXES = ["BASH", "LD_", "DYLD_", "NODE_", "NPM_", "PYTHON", "COMP_", "HIST"];

function isReservedEnvName(name: string): boolean {
  return RESERVED_ENV_NAMES.has(name) || RESERVED_ENV_PREFIXES.some((p) => name.startsWith(p));
}

/** The text `sanitize` and other redaction tools put in place of a secret. */
const REDACTION_MARKER = /^\s*[[<(]?\s*redacted\s*[\]>)]?\s*$/i;

/**
 * The session's variables, one per distinct recorded value. A value seen in several places (the
 * asset name in a path and in `properties.container`) is one variable.
 */
export class VariableTable {
  private readonly byName = new Map<string, Variable>();
  private readonly lastSuffix = new Map<string, number>();
  private readonly plain = new Map<string, Variable>();
  // Secret values stay here, inside the builder, so that two uses of one secret share a variable.
  private readonly secrets = new Map<string, Variable>();

  /** `known`: secret values seen anywhere in the capture, which make any text containing them secret. */
  constructor(readonly known: KnownSecrets = new KnownSecrets()) {}

  /**
   * Tells whether a recorded value is secret by its shape, because it contains a known secret, or
   * because it is JSON text with a secret field.
   */
  holdsSecret(value: string): boolean {
    return isSecretValue(value) || this.known.foundIn(value) || holdsJsonSecret(value);
  }

  /** Returns the variable of a value, creating it under `base` (or `base2`...) if it is new. */
  intern(recordedBase: string, value: string, secret: boolean): Variable {
    const base = identifierName(recordedBase);
    const index = secret ? this.secrets : this.plain;
    // A sanitized capture has one marker in place of every secret; those stay apart by name.
    const key = secret && REDACTION_MARKER.test(value) ? `\u0000${base}` : value;
    const existing = index.get(key);
    if (existing) return existing;
    const taken = (candidate: string) =>
      this.byName.has(candidate) || isReservedEnvName(envName(candidate));
    // Counting on from the last suffix of a base keeps thousands of `assetName`s linear.
    let suffix = this.lastSuffix.get(base) ?? 1;
    let name = suffix === 1 ? base : `${base}${suffix}`;
    while (taken(name)) {
      suffix += 1;
      name = `${base}${suffix}`;
    }
    this.lastSuffix.set(base, suffix);
    const variable: Variable = { name, value: secret ? null : value, secret };
    this.byName.set(name, variable);
    index.set(key, variable);
    return variable;
  }

  /** Returns the non-secret variable whose value is exactly this one, if any. */
  lookup(value: string): Variable | undefined {
    return this.plain.get(value);
  }

  /**
   * Recorded secret values of at least six characters, longest first, for redaction inside the
   * builder. Shorter ones would also match ordinary text.
   */
  secretValues(): string[] {
    return [...this.secrets.keys()]
      .filter((value) => value.length >= 6 && !value.startsWith("\u0000"))
      .sort((a, b) => b.length - a.length);
  }

  /** Returns all variables in the order they were created. */
  list(): Variable[] {
    return [...this.byName.values()];
  }
}
