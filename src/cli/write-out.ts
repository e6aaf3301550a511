import { constants } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Har2MkioError } from "../errors.js";

/** One file to write into the output folder. */
export interface OutFile {
  name: string;
  content: string;
  description: string;
}

/** Makes a file name safe: no separators, no `..`, no reserved Windows names, at most 100 chars. */
export function safeFileName(name: string): string {
  const printable = [...name].map((char) => (char.charCodeAt(0) < 0x20 ? "-" : char)).join("");
  let safe = basename(printable.replace(/[\\/:*?"<>|]/g, "-")).replace(/^\.+/, "");
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(safe)) safe = `_${safe}`;
  if (safe.length > 100) safe = safe.slice(0, 100);
  return safe || "output";
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes through a temporary file and a rename, so an interrupted run leaves no partial file. */
async function writeAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
    0o644,
  );
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes the files into `dir`, creating it if needed. Existing files are replaced only with
 * `force`; a symlink in place of an output file is never followed.
 */
export async function writeOutDir(
  dir: string,
  files: OutFile[],
  force: boolean,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const targets = files.map((file) => ({ ...file, path: join(dir, safeFileName(file.name)) }));
  const clashing: string[] = [];
  for (const target of targets) {
    if (await exists(target.path)) clashing.push(target.path);
  }
  if (clashing.length > 0 && !force) {
    throw new Har2MkioError(
      "output-exists",
      `${clashing[0]}: already exists${clashing.length > 1 ? ` (and ${clashing.length - 1} more)` : ""}; use --force to overwrite or choose another --out folder`,
    );
  }
  for (const target of targets) {
    try {
      await writeAtomic(target.path, target.content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new Har2MkioError("output-failed", `${target.path}: cannot be written (${code})`);
    }
  }
  return targets.map((target) => target.path);
}
