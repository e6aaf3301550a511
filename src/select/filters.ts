import { Har2MkioError } from "../errors.js";
import type { RecordedEntry } from "../har/types.js";
import type { SplitUrl } from "./url.js";

/** The MK/IO API hosts, current and older. */
export const DEFAULT_HOSTS = ["api.mk.io", "app.mk.io", "api.io.mediakind.com"];

/** Methods kept by default: the ones that change state. */
export const WRITE_METHODS = ["PUT", "POST", "PATCH", "DELETE"];

/** Methods that `--include-reads` adds. */
export const READ_METHODS = ["GET", "HEAD"];

/** Selection of recorded calls: the hosts, methods and statuses to keep. */
export interface SelectionOptions {
  hosts: string[];
  methods: string[];
  /** Status classes and codes, such as `2xx` and `409`; empty keeps any status. */
  statuses: string[];
}

/** Parses `--status`: `2xx,409`, `any`. */
export function parseStatusFilter(text: string): string[] {
  const items = text
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item.length > 0);
  if (items.includes("any")) return [];
  for (const item of items) {
    if (!/^[1-5](xx|\d\d)$/.test(item)) {
      throw new Har2MkioError(
        "usage",
        `--status: invalid value "${item}"; use codes and classes such as 2xx,409 or "any"`,
      );
    }
  }
  return items;
}

/** Tells whether a status matches the `--status` filter. */
export function statusMatches(status: number, statuses: readonly string[]): boolean {
  if (statuses.length === 0) return true;
  const code = String(status);
  return statuses.some((item) =>
    item.endsWith("xx") ? code[0] === item[0] && code.length === 3 : item === code,
  );
}

/** Tells whether a recorded URL has a host and that host is one of the selected hosts. */
export function isSelectedHost(url: SplitUrl, options: SelectionOptions): boolean {
  return url.hostname !== "" && hostMatches(url.hostname, url.host, options.hosts);
}

/**
 * Tells whether a host matches one of the configured hosts: `*.example.com` matches subdomains,
 * `*` matches every host, and a pattern with a port matches that port only.
 */
export function hostMatches(hostname: string, host: string, hosts: readonly string[]): boolean {
  return hosts.some((pattern) => {
    const wanted = pattern.toLowerCase();
    if (wanted === "*") return true;
    if (wanted.startsWith("*.")) return hostname.endsWith(wanted.slice(1));
    return wanted.includes(":") ? host.toLowerCase() === wanted : hostname === wanted;
  });
}

const STATIC_EXTENSION =
  /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|eot|html?|txt|m3u8|mpd|ts|m4s|mp4|webm|vtt)$/i;
const STATIC_MIME = /^(image|font|audio|video)\/|^text\/(css|html|javascript)|javascript/i;

/** Tells whether an entry fetched a static file: a page, script, style, image, font or media. */
export function isStatic(entry: RecordedEntry, path: string): boolean {
  if (STATIC_EXTENSION.test(path)) return true;
  const mime = entry.response.content?.mimeType ?? "";
  return entry.request.method === "GET" && STATIC_MIME.test(mime);
}

const TELEMETRY_PATH =
  /\/(telemetry|track|collect|analytics|beacon|rum|v2\/track|log(s|ging)?|events?\/client)(\/|$)/i;

/** Tells whether a path that matched no operation looks like telemetry or client logging. */
export function isTelemetry(path: string): boolean {
  return TELEMETRY_PATH.test(path);
}
