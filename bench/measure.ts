import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";

/** One run of a command: how long it took, its peak memory and how it ended. */
export interface Measurement {
  wallMs: number;
  /** Peak resident set size in KiB, as the kernel counted it. */
  peakRssKiB: number;
  exitCode: number | null;
  /** For a failed command, the error code it printed (such as `ERR_STRING_TOO_LONG`) or its last line. */
  lastError: string;
}

const TIME = "/usr/bin/time";
const POLL_INTERVAL_MS = 5;

/** Reads the peak resident set size (VmHWM) of a running process, in KiB. */
function highWaterMark(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Picks the error code out of a Node.js stack trace, or else the last line. */
function errorOf(lines: string[]): string {
  const code = lines.map((line) => /code: '([A-Z_]+)'/.exec(line)?.[1]).find(Boolean);
  return code ?? lines.at(-1) ?? "";
}

/**
 * Runs a command with stdout sent to /dev/null and measures it from outside. Peak RSS comes from
 * GNU time's `%M` (the kernel's maxrss of the child) where /usr/bin/time exists. Otherwise
 * /proc/<pid>/status VmHWM is polled every 5 ms, which can miss growth in the last interval.
 */
export function measure(command: string, args: string[]): Promise<Measurement> {
  const useTime = existsSync(TIME);
  const devNull = openSync("/dev/null", "w");
  const started = performance.now();
  const child = useTime
    ? spawn(TIME, ["-f", "%M", command, ...args], { stdio: ["ignore", devNull, "pipe"] })
    : spawn(command, args, { stdio: ["ignore", devNull, "pipe"] });
  let stderr = "";
  let polled = 0;
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const poll = useTime
    ? undefined
    : setInterval(() => {
        polled = Math.max(polled, highWaterMark(child.pid ?? 0));
      }, POLL_INTERVAL_MS);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      closeSync(devNull);
      // GNU time adds its own lines: `%M` last, and a note on a failed command before it.
      const lines = stderr.trimEnd().split("\n");
      const peakRssKiB = useTime ? Number(lines.pop() ?? 0) : polled;
      if (useTime && /^Command (exited|terminated)/.test(lines.at(-1) ?? "")) lines.pop();
      resolve({ wallMs, peakRssKiB, exitCode, lastError: errorOf(lines) });
    });
  });
}

/** Returns the median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}
