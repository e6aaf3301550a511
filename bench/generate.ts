import { randomBytes } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/** Shape of a generated capture. */
export interface CaptureShape {
  /** Approximate size of the file in bytes, as the generator stops at the first entry past it. */
  targetBytes: number;
  /** Size of each media segment before base64 encoding, in bytes. */
  mediaBytes: number;
  /** One entry in this many is an MK/IO API call, and the rest are media segments. */
  mkioEvery: number;
}

/** Size and counts of a written capture. */
export interface CaptureStats {
  bytes: number;
  entries: number;
  mkioCalls: number;
}

const PROJECT = "bench-project";
const MEDIA_POOL_SIZE = 8;
const BROWSER_HEADERS = [
  { name: "accept", value: "application/json, text/plain, */*" },
  { name: "accept-language", value: "en-GB,en;q=0.9" },
  { name: "origin", value: "https://app.mk.io" },
  { name: "referer", value: "https://app.mk.io/" },
  { name: "sec-ch-ua", value: '"Chromium";v="131"' },
  { name: "sec-fetch-mode", value: "cors" },
  { name: "user-agent", value: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0" },
];

function timestamp(index: number): string {
  return new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + index * 250).toISOString();
}

/** Fields that Chrome writes around every request and response. */
function chromeEntry(index: number, request: object, response: object): object {
  return {
    _initiator: { type: "script" },
    _priority: "High",
    _resourceType: "fetch",
    cache: {},
    connection: "443",
    pageref: "page_1",
    request,
    response,
    serverIPAddress: "203.0.113.10",
    startedDateTime: timestamp(index),
    time: 120.5,
    timings: { blocked: 1.2, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 100.1, receive: 2.1 },
  };
}

function pseudoHeaders(method: string, url: URL) {
  return [
    { name: ":authority", value: url.host },
    { name: ":method", value: method },
    { name: ":path", value: url.pathname },
    { name: ":scheme", value: "https" },
  ];
}

/** Builds a PUT that creates an asset, shaped like the portal's calls in the fixtures. */
function mkioCall(index: number): object {
  const name = `asset-${String(index).padStart(7, "0")}`;
  const url = new URL(`https://api.mk.io/api/v1/projects/${PROJECT}/media/assets/${name}`);
  const properties = {
    container: name,
    storageAccountName: "benchstorage",
    description: `Benchmark asset ${index}`,
    containerDeletionPolicy: "Retain",
  };
  const body = JSON.stringify({ properties, labels: { origin: "portal" } });
  const answer = JSON.stringify({ properties: { ...properties, assetId: `id-${index}` }, name });
  const headers = [
    ...pseudoHeaders("PUT", url),
    ...BROWSER_HEADERS,
    { name: "authorization", value: "Bearer bench.token.value" },
    { name: "content-type", value: "application/json;charset=UTF-8" },
  ];
  const request = {
    method: "PUT",
    url: url.href,
    httpVersion: "http/2.0",
    headers,
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: body.length,
    postData: { mimeType: "application/json;charset=UTF-8", text: body },
  };
  const response = {
    status: 201,
    statusText: "",
    httpVersion: "http/2.0",
    headers: [{ name: "content-type", value: "application/json; charset=utf-8" }],
    cookies: [],
    content: { size: answer.length, mimeType: "application/json; charset=utf-8", text: answer },
    redirectURL: "",
    headersSize: -1,
    bodySize: -1,
  };
  return chromeEntry(index, request, response);
}

/** Builds a video segment fetched by the portal's player, with its body in base64. */
function mediaSegment(index: number, body: string, size: number): object {
  const path = `/locator-1/trailer.ism/QualityLevels(2000000)/Fragments(video=${index * 20000000})`;
  const url = new URL(`https://ep-default-bench.mk.io${path}`);
  const request = {
    method: "GET",
    url: url.href,
    httpVersion: "http/2.0",
    headers: [...pseudoHeaders("GET", url), ...BROWSER_HEADERS],
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: 0,
  };
  const response = {
    status: 200,
    statusText: "",
    httpVersion: "http/2.0",
    headers: [
      { name: "content-type", value: "video/mp4" },
      { name: "content-length", value: String(size) },
    ],
    cookies: [],
    content: { size, mimeType: "video/mp4", text: body, encoding: "base64" },
    redirectURL: "",
    headersSize: -1,
    bodySize: size,
  };
  return chromeEntry(index, request, response);
}

const HEADER = `{
  "log": {
    "version": "1.2",
    "creator": {
      "name": "WebInspector",
      "version": "537.36"
    },
    "pages": [
      {
        "startedDateTime": "${timestamp(0)}",
        "id": "page_1",
        "title": "https://app.mk.io/",
        "pageTimings": {
          "onContentLoad": 300,
          "onLoad": 500
        }
      }
    ],
    "entries": [`;
const FOOTER = "\n    ]\n  }\n}\n";

/** Indents an entry as Chrome's 'Save all as HAR' does, two spaces a level. */
function entryText(entry: object): string {
  return `\n      ${JSON.stringify(entry, null, 2).replaceAll("\n", "\n      ")}`;
}

/**
 * Writes a Chrome-style capture of a portal session with a stream preview: media segments with
 * base64 bodies and, among them, MK/IO API calls. The file is written entry by entry, so a 1 GB
 * capture needs little memory.
 */
export function writeCapture(path: string, shape: CaptureShape): CaptureStats {
  const pool = Array.from({ length: MEDIA_POOL_SIZE }, () =>
    randomBytes(shape.mediaBytes).toString("base64"),
  );
  const fd = openSync(path, "w");
  const stats: CaptureStats = { bytes: 0, entries: 0, mkioCalls: 0 };
  const write = (text: string) => {
    stats.bytes += writeSync(fd, text);
  };
  try {
    write(HEADER);
    while (stats.bytes < shape.targetBytes - FOOTER.length) {
      const index = stats.entries;
      const isCall = index % shape.mkioEvery === 0;
      const body = pool[index % pool.length] ?? "";
      const entry = isCall ? mkioCall(index) : mediaSegment(index, body, shape.mediaBytes);
      write(`${index === 0 ? "" : ","}${entryText(entry)}`);
      stats.entries++;
      if (isCall) stats.mkioCalls++;
    }
    write(FOOTER);
  } finally {
    closeSync(fd);
  }
  return stats;
}
