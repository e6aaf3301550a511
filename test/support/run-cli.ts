import { Readable } from "node:stream";
import { run } from "../../src/cli/main.js";

/** What one in-process run of the command line printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process with captured streams; `stdin` feeds `-`. */
export async function runCli(
  args: string[],
  stdin = "",
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { NO_COLOR: "1", ...env },
  });
  return { code, stdout, stderr };
}
