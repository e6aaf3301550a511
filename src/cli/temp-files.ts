import { rmSync } from "node:fs";

/** Temporary files being written; removed if the process is interrupted before their rename. */
export class TempFiles {
  private readonly paths = new Set<string>();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.removeAll();
    // 128 + signal number is the shell's convention: 130 for SIGINT, 143 for SIGTERM.
    process.exit(signal === "SIGINT" ? 130 : 143);
  };

  /** Starts tracking a temporary file; the first one installs the signal handlers. */
  add(path: string): void {
    if (this.paths.size === 0) {
      process.once("SIGINT", this.onSignal);
      process.once("SIGTERM", this.onSignal);
    }
    this.paths.add(path);
  }

  /** Stops tracking a file that was renamed into place or removed. */
  delete(path: string): void {
    this.paths.delete(path);
    if (this.paths.size === 0) {
      process.off("SIGINT", this.onSignal);
      process.off("SIGTERM", this.onSignal);
    }
  }

  /** Removes every tracked file. */
  removeAll(): void {
    for (const path of this.paths) rmSync(path, { force: true });
    this.paths.clear();
  }
}
