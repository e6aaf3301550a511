/** Exit codes of the command line, documented in the README. */
export const ExitCode = { ok: 0, badInput: 1, usage: 2 } as const;

/** Kinds of failure that a user can act on. */
export type ErrorCode =
  | "file-not-found"
  | "file-unreadable"
  | "not-json"
  | "truncated"
  | "not-har"
  | "invalid-har"
  | "nothing-found"
  | "output-exists"
  | "output-failed"
  | "usage";

/** A failure caused by the input or the options, reported as one line without a stack trace. */
export class Har2MkioError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "Har2MkioError";
    this.code = code;
  }

  /** The exit code for this failure: 2 for usage errors, 1 for everything else. */
  get exitCode(): number {
    return this.code === "usage" ? ExitCode.usage : ExitCode.badInput;
  }
}
