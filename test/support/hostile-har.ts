import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Text that breaks naive quoting in the languages har2mkio writes: quotes of every kind,
 * backslashes, interpolation (`${`, `$(`, `#{`, `{}`), comment ends, here-string markers,
 * line terminators, NUL, a lone surrogate and characters outside the BMP.
 */
export const HOSTILE_TEXT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text tests quoting of a literal `${`.
  'O\'Brien "quoted" \u2018curly\u2019 \\back\\slash ${HOME} $(whoami) `tick` #{x} {0} */ ' +
  "@\" \"@ @' '@ <# #> \u2028\u2029 line\nbreak\r\ttab \u0000 nul \u0085 \ud800 lone \u{1f3ac} ü";

/** A name that needs percent-encoding in a path segment and quoting everywhere else. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the text tests quoting of a literal `${`.
export const HOSTILE_NAME = 'it\'s a ${name} `x` */ 100% "q" ü';

const HEADERS = [
  {
    name: "Authorization",
    value: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.c2lnbmF0dXJl",
  },
  { name: "Content-Type", value: "application/json" },
];

function entry(method: string, url: string, body?: unknown) {
  return {
    startedDateTime: "2024-05-01T10:00:00.000Z",
    time: 10,
    request: {
      method,
      url,
      httpVersion: "HTTP/1.1",
      headers: body === undefined ? HEADERS.slice(0, 1) : HEADERS,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(body === undefined
        ? {}
        : { postData: { mimeType: "application/json", text: JSON.stringify(body) } }),
    },
    response: {
      status: 201,
      statusText: "Created",
      httpVersion: "HTTP/1.1",
      headers: [],
      cookies: [],
      content: { size: 2, mimeType: "application/json", text: "{}" },
      redirectURL: "",
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 8, receive: 1 },
  };
}

/** Builds the body of the hostile call: hostile keys and values, nesting and every JSON type. */
export function hostileBody(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    storageAccountName: HOSTILE_TEXT,
    description: HOSTILE_TEXT,
    container: HOSTILE_NAME,
    "@odata.type": "#Microsoft.Media.Hostile",
    [HOSTILE_TEXT]: "a key as hostile as its value",
    numbers: [0, -1, 2.5, 1e21, 12345678901234],
    flags: [true, false, null],
    nested: [[1, 2]],
    pairs: [[1, 2], [3]],
    empty: { list: [], object: {} },
    deep: { a: { b: { c: { d: { e: { f: ["deepest"] } } } } } },
  };
  // An object literal would set the prototype, so defineProperty makes the key an own property,
  // as JSON.parse does.
  Object.defineProperty(properties, "__proto__", {
    value: "a key that object literals treat as the prototype",
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return { properties };
}

/** Builds a body with keys that differ only in case, which a PowerShell hashtable rejects. */
export function caseKeysBody(): Record<string, unknown> {
  return { properties: { Name: "upper", name: "lower", description: HOSTILE_TEXT } };
}

/** The secret the hostile capture's query carries, decoded, by its environment variable. */
export const HOSTILE_SECRETS = { SIG_QUERY: "CANARY/sig=" };

/**
 * Writes a capture with hostile text in the path, query, keys and values of one call, and keys
 * that differ only in case in a second, to a temporary folder and returns the file's path.
 */
export function writeHostileHar(): string {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-hostile-"));
  const path = join(dir, "hostile-values.har");
  const segment = encodeURIComponent(HOSTILE_NAME);
  const query = "mode=it%27s%20%24%7Bx%7D%60&sig=CANARY%2Fsig%3D";
  const url = `https://api.mk.io/api/v1/projects/demo-project/media/assets/${segment}?${query}`;
  const log = {
    version: "1.2",
    creator: { name: "har2mkio tests", version: "1" },
    entries: [
      entry("PUT", url, hostileBody()),
      entry("PUT", `${url.replace(/\/assets\/.*$/, "/assets/case-keys")}`, caseKeysBody()),
    ],
  };
  writeFileSync(path, JSON.stringify({ log }));
  return path;
}
