import type { RecordedEntry } from "../har/types.js";
import { decodeBodyBytes } from "../redact/text-encoding.js";
import type { RecordedResponse } from "./types.js";

/**
 * Keeps a call's response status and text body. A base64 body is decoded when it is UTF-8 or
 * UTF-16 text, and left out otherwise (media).
 */
export function responseOf(entry: RecordedEntry): RecordedResponse {
  const content = entry.response.content;
  const response: RecordedResponse = {
    status: entry.response.status,
    mimeType: content?.mimeType ?? "",
  };
  if (content?.text === undefined) return response;
  if (content.encoding?.toLowerCase() !== "base64") {
    response.text = content.text;
    return response;
  }
  const decoded = decodeBodyBytes(Buffer.from(content.text, "base64"));
  if (decoded.encoding === "utf8") response.text = decoded.text;
  // A UTF-16 body loses its byte order mark, because the formats write the text as UTF-8.
  if (decoded.encoding === "utf16le" || decoded.encoding === "utf16be") {
    response.text = decoded.text.replace(/^\ufeff/, "");
  }
  return response;
}
