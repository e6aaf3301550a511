import { constants } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Har2MkioError } from "../errors.js";
import { TempFiles } from "./temp-files.js";

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
async function writeAtomic(path: string, content: string, temps: TempFiles): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  temps.add(temporary);
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
  } finally {
    temps.delete(temporary);
  }
}

/** Gives each file a safe name that no other file in the list has. */
function uniqueTargets(dir: string, files: OutFile[]) {
  const taken = new Set<string>();
  return files.map((file) => {
    const safe = safeFileName(file.name);
    const dot = safe.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ""];
    let name = safe;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem}-${n}${extension}`;
    taken.add(name.toLowerCase());
    return { ...file, path: join(dir, name) };
  });
}

/**
 * Writes the files into `dir`, creating it if needed. Existing files are replaced only with
 * `force`; a symlink in place of an output file is replaced, never followed.
 */
export async function writeOutDir(
  dir: string,
  files: OutFile[],
  force: boolean,
  temps = new TempFiles(),
): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const reason =
      code === "EEXIST" || code === "ENOTDIR" ? "is not a folder" : "cannot be created";
    throw new Har2MkioError(
      "output-failed",
      `${dir}: ${reason} (${code}); give --out a folder path`,
    );
  }
  const targets = uniqueTargets(dir, files);
  const clashing: string[] = [];
  for (const target of targets) {
    if (await exists(target.path)) clashing.push(target.path);
  }
  if (clashing.length > 0 && !force) {
    const more = clashing.length > 1 ? ` (and ${clashing.length - 1} more)` : "";
    throw new Har2MkioError(
      "output-exists",
      `${clashing[0]}: already exists${more}; use --force to overwrite or choose another --out folder`,
    );
  }

  for (const target of targets) {
    try {
      await writeAtomic(target.path, target.content, temps);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new Har2MkioError("output-failed", `${target.path}: cannot be written (${code})`);
    }
  }
  return targets.map((target) => target.path);
}
