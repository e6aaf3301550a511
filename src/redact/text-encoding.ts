import { isUtf8 } from "node:buffer";

/** Text encoding in which the bytes of a base64 body are read, and written back after redaction. */
export type BodyEncoding = "utf8" | "utf16le" | "utf16be" | "latin1";

/** Tells whether a control character is one that text commonly contains: tab or a line break. */
function isTextControl(unit: number): boolean {
  return unit === 0x09 || unit === 0x0a || unit === 0x0d;
}

/**
 * Returns the byte order of UTF-16 text, or undefined when the bytes do not look like it. A byte
 * order mark decides. Without one, the text must have no control characters but tab and line
 * breaks, and at least a quarter of its characters must be below U+0100, whose high byte is zero.
 * JSON and other text whose markup is ASCII pass. UTF-8 text fails, because ASCII in UTF-8 has no
 * zero byte. Media usually fails too, because its bytes read as control characters in either order.
 */
function utf16ByteOrder(bytes: Uint8Array): "utf16le" | "utf16be" | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf16be";
  let littleEndian = true;
  let bigEndian = true;
  let highZeroLittle = 0;
  let highZeroBig = 0;
  for (let index = 0; index < bytes.length && (littleEndian || bigEndian); index += 2) {
    const first = bytes[index] as number;
    const second = bytes[index + 1] as number;
    if (second === 0) {
      highZeroLittle++;
      if (first < 0x20 && !isTextControl(first)) littleEndian = false;
    }
    if (first === 0) {
      highZeroBig++;
      if (second < 0x20 && !isTextControl(second)) bigEndian = false;
    }
  }
  const quarter = bytes.length / 8;
  if (littleEndian && highZeroLittle >= quarter && highZeroLittle > highZeroBig) return "utf16le";
  if (bigEndian && highZeroBig >= quarter && highZeroBig > highZeroLittle) return "utf16be";
  return undefined;
}

/**
 * Returns how to read the bytes of a body as text: UTF-16 (with or without a byte order mark), else
 * UTF-8, else one character a byte (Latin-1), which keeps every byte of media as recorded.
 */
export function bodyEncodingOf(bytes: Uint8Array): BodyEncoding {
  return utf16ByteOrder(bytes) ?? (isUtf8(bytes) ? "utf8" : "latin1");
}

/**
 * Reads the bytes of a body as text in the encoding `bodyEncodingOf` returns. A byte order mark
 * stays at the start of the text, so that writing the text back writes it again.
 */
export function decodeBodyBytes(
  bytes: Buffer,
  encoding = bodyEncodingOf(bytes),
): { text: string; encoding: BodyEncoding } {
  if (encoding === "utf16be") {
    return { text: Buffer.from(bytes).swap16().toString("utf16le"), encoding };
  }
  return { text: bytes.toString(encoding), encoding };
}

/** Writes text back in the encoding `decodeBodyBytes` read it in. */
export function encodeBodyText(text: string, encoding: BodyEncoding): Buffer {
  if (encoding === "utf16be") return Buffer.from(text, "utf16le").swap16();
  return Buffer.from(text, encoding);
}
