import { Har2MkioError } from "../errors.js";

/** The first two bytes of every gzip stream. */
export const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The UTF-8 encoding of U+FEFF, which some tools write at the start of a capture. */
export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Names standard input `<stdin>` in messages and any other path as given. */
export function displayName(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

/** Tells whether the bytes start with a UTF-8 byte-order mark. */
export function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** zlib's messages for a gzip member header that is not valid. */
const HEADER_ERRORS = [
  "incorrect header check",
  "unknown compression method",
  "unknown header flags set",
  "header crc mismatch",
];

/** The deflate method number, the only one gzip defines (RFC 1952, section 2.3.1). */
const DEFLATE = 8;

/**
 * Tells whether the first four bytes of gzip data are a header that zlib accepts: deflate, and
 * no reserved flag bits. A header error after such a start can only come from data that follows
 * a complete member.
 */
export function isGzipHeaderStart(head: Uint8Array): boolean {
  return head[2] === DEFLATE && ((head[3] ?? 0) & 0xe0) === 0;
}

/** Explains zlib's message in plain words and adds what to do. */
function gzipProblem(reason: string, afterMember: boolean): string {
  if (afterMember && HEADER_ERRORS.includes(reason)) {
    return (
      "bytes after the end of the gzip data are not gzip; decompress it with gunzip -c, which " +
      "ignores them, and convert the output"
    );
  }
  if (reason === "incorrect data check" || reason === "incorrect length check") {
    return "its checksum does not match the data, so the file is damaged; download or export it again";
  }
  const detail = reason === "" ? "" : ` (zlib: ${reason})`;
  return `the compressed data is damaged${detail}; check that the download finished`;
}

/** Facts known about a failure to decompress gzip data. */
export interface GzipFailure {
  /** zlib's message, such as `incorrect data check`. */
  reason: string;
  /** Decompressed bytes passed on before the failure, which lies somewhat after them. */
  produced: number;
  /** Set when the first member's header was valid, so that a header error comes after it. */
  afterMember: boolean;
}

/** Builds the error for gzip data that fails to decompress. */
export function gzipError(name: string, failure?: GzipFailure): Har2MkioError {
  const produced = failure?.produced ?? 0;
  const where = produced > 0 ? ` after byte ${produced} of the decompressed data` : "";
  const problem = gzipProblem(failure?.reason ?? "", failure?.afterMember ?? false);
  return new Har2MkioError("file-unreadable", `${name}: gzip data is invalid${where}: ${problem}`);
}
