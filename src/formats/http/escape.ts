/**
 * Escaping for `.http` files as the VS Code REST Client and httpyac 6 read them. Both runners
 * replace `{{...}}` anywhere in a request. Both also read a line by its first characters: `#` and
 * `//` start comments, `@name = value` defines a variable and `###` separates requests, and
 * httpyac adds `<` file imports and `>>` output redirection. Recorded text is therefore written
 * in a form that carries the same data but none of that syntax.
 */

import { percentEncode } from "../../render/percent-encode.js";

function percentEncodeEach(text: string, pattern: RegExp): string {
  return text.replace(pattern, (char) => percentEncode(char));
}

/** Percent-encodes every UTF-8 byte of `char`, letters and digits too. */
function percentEncodeAll(char: string): string {
  return [...Buffer.from(char, "utf8")]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
    .join("");
}

/**
 * Escapes literal URL text as recorded: braces, whitespace and control characters are
 * percent-encoded, which a server decodes to the same path and query.
 */
export function escapeUrlText(text: string): string {
  return percentEncodeEach(text, /[{}\s\p{Cc}]/gu);
}

/**
 * Escapes JSON text whose strings may contain `{{`. Pretty-printed JSON puts structural braces on
 * separate lines, so a run of two or more braces is inside a string, and each of its braces
 * becomes the `\u` escape of the same character. The `<` of `<--->` is escaped too, because
 * httpyac drops a body's last line when it contains that marker.
 */
export function escapeJsonText(text: string): string {
  return text
    .replace(/\{{2,}|\}{2,}/g, (run) => [...run].map((brace) => jsonUnicode(brace)).join(""))
    .replaceAll("<--->", `${jsonUnicode("<")}--->`);
}

function jsonUnicode(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Returns the content of the JSON string of `value`, without its quotes, escaped for `.http`. */
export function jsonStringContent(value: string): string {
  return escapeJsonText(JSON.stringify(value).slice(1, -1));
}

/**
 * Escapes literal text of an `application/x-www-form-urlencoded` body, which a server decodes
 * the same way after percent-encoding. Whitespace is encoded because httpyac trims it around
 * `=` and `&` and joins lines, and braces are encoded so that no `{{` remains.
 */
export function escapeFormText(text: string): string {
  return percentEncodeEach(text, /[{}\s\p{Cc}]/gu);
}

/**
 * Escapes the start and end of a whole form body. A first character other than a letter, digit,
 * `%`, `&` or `=`, or a body starting with `HTTP/`, could start a comment, variable, file import
 * or response. A body ending in `===` would be split there by httpyac, which reads it as a
 * separator of streamed messages.
 */
export function escapeFormEdges(body: string): string {
  let out = body.replaceAll("<--->", "%3C--->");
  const [first = ""] = out;
  if (first !== "" && (!/[A-Za-z0-9%&=]/.test(first) || /^HTTP\//i.test(out))) {
    out = percentEncodeAll(first) + out.slice(first.length);
  }
  if (out.endsWith("===")) out = `${out.slice(0, -1)}%3D`;
  return out;
}

/**
 * Tells whether both runners read `@name = value` back as exactly `value`: REST Client trims
 * it and removes backslashes as escapes, httpyac drops a leading `"` and keeps trailing spaces,
 * both expand `{{`, and neither accepts an empty or multi-line value.
 */
export function isPortableVariableValue(value: string): boolean {
  if (value === "" || value.trim() !== value) return false;
  if (value.startsWith('"')) return false;
  return !/[\\{}\p{Cc}\u2028\u2029]/u.test(value);
}

/** Makes an operation name safe for a `### name` separator line. */
export function separatorTitle(name: string): string {
  return name.replace(/[\p{Cc}\u2028\u2029\s]+/gu, " ").trim();
}
