import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { Har2MkioError } from "../errors.js";

/** Reads all of a readable stream into one buffer. */
async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Har2MkioError("file-not-found", `${path}: file not found; check the path`);
    }
    if (code === "EISDIR") {
      throw new Har2MkioError("file-unreadable", `${path}: is a directory; give a .har file`);
    }
    throw new Har2MkioError("file-unreadable", `${path}: cannot be read (${code ?? "error"})`);
  }
}

function gunzip(bytes: Buffer, name: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch {
    throw new Har2MkioError(
      "file-unreadable",
      `${name}: starts like gzip but does not decompress; check that the download finished`,
    );
  }
}

/**
 * Loads the text of one capture from a path, or from standard input for `-`. Gzip-compressed
 * input is recognised by its magic bytes and a UTF-8 byte-order mark is dropped.
 */
export async function loadCaptureText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  const name = path === "-" ? "<stdin>" : path;
  let bytes = path === "-" ? await readStream(stdin) : await readFileBytes(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzip(bytes, name);
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
