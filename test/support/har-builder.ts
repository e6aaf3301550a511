import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One request of a HAR that a test builds, with the status of its response. */
export interface RecordedRequest {
  method: string;
  url: string;
  /** JSON bodies are serialized; strings are recorded as they are. */
  body?: unknown;
  mimeType?: string;
  headers?: { name: string; value: string }[];
  status?: number;
}

function entryOf(request: RecordedRequest, index: number) {
  const mimeType = request.mimeType ?? "application/json";
  const text =
    request.body === undefined || typeof request.body === "string"
      ? request.body
      : JSON.stringify(request.body);
  const headers = [...(request.headers ?? [])];
  if (text !== undefined) headers.push({ name: "content-type", value: mimeType });
  return {
    startedDateTime: new Date(Date.UTC(2024, 0, 1, 12, 0, index)).toISOString(),
    time: 10,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers,
      queryString: [],
      headersSize: -1,
      bodySize: text?.length ?? 0,
      ...(text === undefined ? {} : { postData: { mimeType, text } }),
    },
    response: {
      status: request.status ?? 200,
      statusText: "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: [],
      content: { size: 2, mimeType: "application/json", text: "{}" },
      redirectURL: "",
      headersSize: -1,
      bodySize: 2,
    },
    cache: {},
    timings: { send: 1, wait: 8, receive: 1 },
  };
}

/** Writes a HAR 1.2 file of the given requests into `dir` and returns its path. */
export function writeHar(dir: string, name: string, requests: RecordedRequest[]): string {
  const har = {
    log: {
      version: "1.2",
      creator: { name: "har2mkio tests", version: "1" },
      entries: requests.map(entryOf),
    },
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(har, null, 2));
  return path;
}
