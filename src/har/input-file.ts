import type { Stats } from "node:fs";
import { lstat, readlink, stat } from "node:fs/promises";
import { Har2MkioError } from "../errors.js";

/** Kind and size of the file that a capture path names. */
export interface InputFile {
  /** Size on disk, or undefined for a pipe or a device, whose size is not known in advance. */
  size: number | undefined;
  /** True for a regular file, which can be read a second time to locate an error. */
  regular: boolean;
}

function unreadable(path: string, problem: string): Har2MkioError {
  return new Har2MkioError("file-unreadable", `${path}: ${problem}`);
}

/** Turns a failure to open or read a capture file into a message naming the file. */
export function fileError(path: string, error: unknown): Har2MkioError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new Har2MkioError("file-not-found", `${path}: file not found; check the path`);
    case "EISDIR":
      return unreadable(path, "is a directory; give a .har file");
    case "EACCES":
    case "EPERM":
      return unreadable(path, "permission denied; check the file's permissions");
    case "ELOOP":
      return unreadable(path, "symbolic links form a loop; fix the link");
    case "ENXIO":
      return socketError(path);
    default:
      return unreadable(path, `cannot be read (${code ?? "error"})`);
  }
}

function socketError(path: string): Har2MkioError {
  return unreadable(
    path,
    "is a socket, not a file; save the capture to a file, or pipe it in and give - as the path",
  );
}

/** Explains a path that is not found: a symbolic link whose target is missing, or nothing. */
async function notFoundError(path: string, error: unknown): Promise<Har2MkioError> {
  const link = await lstat(path).catch(() => undefined);
  if (!link?.isSymbolicLink()) return fileError(path, error);
  const target = await readlink(path).catch(() => "?");
  return new Har2MkioError(
    "file-not-found",
    `${path}: symbolic link to ${target}, which does not exist; fix the link or give the capture's path`,
  );
}

function kindOf(path: string, stats: Stats): InputFile {
  if (stats.isDirectory()) throw fileError(path, { code: "EISDIR" });
  if (stats.isSocket()) throw socketError(path);
  const regular = stats.isFile();
  return { size: regular ? stats.size : undefined, regular };
}

/**
 * Finds what a capture path names. A directory, a socket or a path that cannot be found raises
 * an error with what to do. A FIFO or a device is read as a stream, like standard input.
 */
export async function inspectInputFile(path: string): Promise<InputFile> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === "ENOENT" ? await notFoundError(path, error) : fileError(path, error);
  }
  return kindOf(path, stats);
}
