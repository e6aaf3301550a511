import type { RecordedEntry } from "../har/types.js";
import type { RecordedResponse } from "./types.js";

/** Keeps a call's response status and text body; base64 bodies are decoded when they are text. */
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
  const bytes = Buffer.from(content.text, "base64");
  const text = bytes.toString("utf8");
  if (Buffer.from(text, "utf8").equals(bytes)) response.text = text;
  return response;
}
