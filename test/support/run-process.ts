import { spawn } from "node:child_process";

/** What a finished child process returned and printed. */
export interface ProcessResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of one child process run. */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Runs a command asynchronously and collects its output. Tests that start a loopback server in
 * their own process need this: a synchronous spawn would keep the server from responding.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProcessResult> {
  const child = spawn(command, args, {
    env: options.env ?? { PATH: process.env.PATH },
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
