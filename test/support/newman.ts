import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const NEWMAN = fileURLToPath(new URL("../../node_modules/.bin/newman", import.meta.url));

/** How one newman run ended, with its report for failure messages. */
export interface NewmanResult {
  code: number | null;
  output: string;
}

/**
 * Runs `newman run <collection> ...args` as a child process. It runs asynchronously, because the
 * recording server it talks to lives in the test process. The child gets only `PATH` and `HOME`,
 * so that no proxy variable can send its requests anywhere but the given base URL.
 */
export function runNewman(collection: string, args: readonly string[]): Promise<NewmanResult> {
  const argv = [
    "run",
    collection,
    "--reporters",
    "cli",
    "--color",
    "off",
    "--disable-unicode",
    ...args,
  ];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const child = spawn(NEWMAN, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Turns `{ baseUrl: "http://127.0.0.1:1234" }` into `--env-var baseUrl=...` arguments. */
export function envVarArgs(values: Record<string, string>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ["--env-var", `${key}=${value}`]);
}
