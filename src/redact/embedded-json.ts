/** A piece of a string that contains JSON: recorded text around the JSON, or one JSON value. */
export type EmbeddedPart = { text: string } | { json: string; value: unknown };

/** Ends each record of SignalR's JSON hub protocol, and parts Engine.IO 4 polling payloads. */
const RECORD_SEPARATOR = "\u001e";

/**
 * The header of a socket.io packet before its JSON: the Engine.IO and socket.io packet types, the
 * number of binary attachments with `-`, a namespace with `,` and an acknowledgement id, as in
 * `42["event",{...}]` or `451-/admin,7[...]`.
 */
const PACKET_HEADER = /^\d+(?:-)?(?:\/[^,[{"\s]*,)?\d*/;

/** A string that may contain JSON in one of the forms `parseEmbeddedJson` reads. */
const MAY_CONTAIN_JSON = /^\s*[[{"0-9]/;

function parsedJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * Adds the parts of one record: an array or object, optionally after a socket.io packet header.
 * Returns whether the record contains JSON, or undefined when it is not such a record.
 */
function addRecord(record: string, parts: EmbeddedPart[]): boolean | undefined {
  const header = PACKET_HEADER.exec(record)?.[0] ?? "";
  const json = record.slice(header.length);
  // A blank record, or a packet without data such as a ping (`2`) or a connect (`40`).
  if (json.trim() === "" && (header !== "" || record.trim() === "")) {
    parts.push({ text: record });
    return false;
  }
  if (!/^\s*[[{]/.test(json)) return undefined;
  const parsed = parsedJson(json);
  if (!parsed) return undefined;
  if (header !== "") parts.push({ text: header });
  parts.push({ json, value: parsed.value });
  return true;
}

/**
 * Splits a string that contains JSON into its JSON values and the recorded text around them. It
 * reads JSON text of an array or object (`{"streamKey": "..."}`), a JSON string literal whose value
 * is itself text (JSON encoded twice), socket.io packets (`42["event",{...}]`), and records each
 * ended or parted by U+001E (SignalR's JSON hub protocol, Engine.IO 4 polling). Returns undefined
 * for any other string, so that ordinary text is read as text.
 */
export function parseEmbeddedJson(text: string): EmbeddedPart[] | undefined {
  if (!MAY_CONTAIN_JSON.test(text)) return undefined;
  if (/^\s*"/.test(text)) {
    const parsed = parsedJson(text);
    return typeof parsed?.value === "string" ? [{ json: text, value: parsed.value }] : undefined;
  }
  const parts: EmbeddedPart[] = [];
  let containsJson = false;
  for (const [index, record] of text.split(RECORD_SEPARATOR).entries()) {
    if (index > 0) parts.push({ text: RECORD_SEPARATOR });
    const added = addRecord(record, parts);
    if (added === undefined) return undefined;
    containsJson ||= added;
  }
  return containsJson ? parts : undefined;
}
