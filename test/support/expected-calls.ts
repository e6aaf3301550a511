import { readFileSync } from "node:fs";
import { splitUrl } from "../../src/select/url.js";

/** A call as a replay must send it, taken from the HAR independently of the converter. */
export interface ExpectedCall {
  method: string;
  path: string;
  query: string;
  /** Parsed JSON body, the raw text of another body, or undefined without one. */
  body: unknown;
}

/** Decodes each path segment so that equivalent percent-encodings compare equal. */
export function decodedPath(path: string): string {
  return path
    .split("/")
    .map((segment) => decodeURIComponent(segment))
    .join("/");
}

interface RecordedPostData {
  text?: string;
  encoding?: string;
  params?: { name: string; value: string }[];
}

function bodyOf(postData: RecordedPostData | undefined) {
  // A form recorded only as `params` is sent as the fields joined with `&`, as recorded.
  if (!postData?.text && postData?.params?.length) {
    return postData.params.map((param) => `${param.name}=${param.value}`).join("&");
  }
  if (!postData?.text) return undefined;
  const text =
    postData.encoding === "base64"
      ? Buffer.from(postData.text, "base64").toString("utf8")
      : postData.text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Lists the distinct calls of a capture on the given hosts with the given methods and 2xx status,
 * in recorded order: what a replay of the generated output must send.
 */
export function expectedCalls(
  file: string,
  hosts = ["api.mk.io", "app.mk.io", "api.io.mediakind.com"],
  methods = ["PUT", "POST", "PATCH", "DELETE"],
): ExpectedCall[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  // biome-ignore lint/suspicious/noExplicitAny: fixtures are read loosely, like the product does.
  const entries = JSON.parse(text).log.entries as any[];
  const seen = new Set<string>();
  const calls: ExpectedCall[] = [];
  for (const entry of entries) {
    if (typeof entry !== "object" || !entry?.request?.url || !entry.response) continue;
    const url = splitUrl(entry.request.url);
    const status = entry.response.status as number;
    if (!hosts.includes(url.hostname) || !methods.includes(entry.request.method)) continue;
    if (status < 200 || status > 299 || /telemetry/.test(url.path)) continue;
    const key = JSON.stringify([
      entry.request.method,
      entry.request.url,
      entry.request.postData?.text ?? "",
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    calls.push({
      method: entry.request.method,
      path: url.path,
      query: url.query,
      body: bodyOf(entry.request.postData),
    });
  }
  return calls;
}
