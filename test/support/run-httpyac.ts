import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const HTTPYAC = resolve("node_modules/.bin/httpyac");

/** What one httpyac run printed and returned. */
export interface HttpyacResult {
  status: number | null;
  output: string;
}

/**
 * Sends every request of an `.http` file with `httpyac send --all`, asynchronously, so that a
 * server in the test process can respond. The file goes into a fresh folder with an empty
 * `.httpyac.json`, which makes that folder httpyac's root: no configuration, `.env` file or
 * plugin from the repository or the home folder is read. The child's environment holds only
 * PATH, a HOME inside that folder and `env`, so no proxy variable reaches it either.
 */
export function runHttpyac(content: string, env: Record<string, string>): Promise<HttpyacResult> {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-http-"));
  const file = join(dir, "requests.http");
  writeFileSync(file, content);
  writeFileSync(join(dir, ".httpyac.json"), "{}\n");
  const childEnv = { PATH: process.env.PATH ?? "", HOME: dir, ...env };
  const child = spawn(HTTPYAC, ["send", file, "--all", "--output", "short"], {
    cwd: dir,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((done) => child.on("close", (status) => done({ status, output })));
}
