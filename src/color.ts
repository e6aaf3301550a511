import { Chalk, type ChalkInstance } from "chalk";

/** Returns a chalk instance that colours only a terminal, and never when `NO_COLOR` is set. */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): ChalkInstance {
  const disabled = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return new Chalk({ level: stream.isTTY && !disabled ? 1 : 0 });
}
