import type { RecordedSegment } from "./request.js";
import type { Event } from "./types.js";

/**
 * The collection's pre-request script. Postman resolves `{{name}}` again inside the value it
 * inserts, inserts values without URL or JSON escaping, and re-parses the URL after resolving it.
 * So a recorded value with `{{`, a quote or a slash would change on its way to the server. The
 * script inserts each variable of the URL path, the query and a JSON or form body itself, encoded
 * for its place, before Postman resolves the rest (`baseUrl`, the token, header values).
 */
const SCRIPT_LINES = [
  "// Inserts variables into the URL and body, encoded for where they go, before Postman resolves",
  "// the remaining {{...}} references. Postman would resolve references again inside a value and",
  "// would not escape it, so a value containing {{, a quote or a slash is encoded here instead:",
  "// percent-encoded in the URL and in a form body, a JSON string with { as \\u007b in JSON.",
  "const reference = /\\{\\{([^{}]+)\\}\\}/g;",
  'const jsonReference = /"\\{\\{([^{}]+)\\}\\}"/g;',
  "const encodeUrl = (value) => encodeURIComponent(value);",
  'const encodeJson = (value) => JSON.stringify(value).replace(/\\{/g, "\\\\u007b");',
  "function insert(text, pattern, encode) {",
  "  return text.replace(pattern, (match, name) =>",
  "    pm.variables.has(name) ? encode(String(pm.variables.get(name))) : match,",
  "  );",
  "}",
  "const url = pm.request.url;",
  "url.path = (url.path || []).map((segment) => insert(segment, reference, encodeUrl));",
  "url.query.each((param) => {",
  "  if (param.value) param.value = insert(param.value, reference, encodeUrl);",
  "});",
  "const body = pm.request.body;",
  'if (body && body.mode === "raw" && body.raw) {',
  "  const language = body.options && body.options.raw && body.options.raw.language;",
  '  const form = /x-www-form-urlencoded/i.test(pm.request.headers.get("Content-Type") || "");',
  '  if (language === "json") body.raw = insert(body.raw, jsonReference, encodeJson);',
  "  else if (form) body.raw = insert(body.raw, reference, encodeUrl);",
  "}",
];

/**
 * Lines added to the pre-request script of a collection that keeps recorded `{{` text in header
 * values or text bodies. That text is in variables (see `literals.ts`), so every `{{name}}` in a
 * header or a text body is a reference, which these lines insert as it is. After the script,
 * Postman resolves `{{name}}` in everything it sends, repeatedly (postman-collection 4.4
 * `Substitutor.parse`). So the lines insert the base URL and the auth too. Then they set each name
 * still written `{{name}}` as a local variable with that same text as its value, which Postman
 * replaces with itself, because local variables rank above every other scope. The test script
 * removes these variables again.
 */
const LITERAL_LINES = [
  "// Every {{...}} in a header or a text body refers to a variable, because recorded text with",
  "// {{ is kept in variables. Insert their values as they are, and the base URL and auth too.",
  "const insertRaw = (text) => insert(String(text), reference, (value) => value);",
  'const isForm = /x-www-form-urlencoded/i.test(pm.request.headers.get("Content-Type") || "");',
  "pm.request.headers.each((header) => {",
  "  header.value = insertRaw(header.value);",
  "});",
  'const rawBody = body && body.mode === "raw" && body.raw ? body : undefined;',
  "const rawOptions = rawBody && rawBody.options && rawBody.options.raw;",
  'if (rawBody && !isForm && !(rawOptions && rawOptions.language === "json")) {',
  "  rawBody.raw = insertRaw(rawBody.raw);",
  "}",
  "url.host = (url.host || []).map(insertRaw);",
  "const auth = pm.request.auth;",
  "const authParams = auth && auth.parameters();",
  "if (authParams) authParams.each((param) => {",
  "  param.value = insertRaw(param.value);",
  "});",
  "// Postman would resolve each {{name}} left in what is sent. A local variable whose value is",
  "// its own {{name}} makes Postman replace the text with itself. Names of Object.prototype",
  "// members cannot be set as variables.",
  "const postmanReference = /\\{\\{([^{}]*?)\\}\\}/g;",
  'const sent = [url.toString(), rawBody ? rawBody.raw : ""];',
  "pm.request.headers.each((header) => sent.push(String(header.value)));",
  "if (authParams) authParams.each((param) => sent.push(String(param.value)));",
  "for (const text of sent) {",
  "  for (const [match, name] of text.matchAll(postmanReference)) {",
  "    if (!(name in {})) pm.variables.set(name, match);",
  "  }",
  "}",
];

/**
 * Lines at the end of the pre-request script that make header values reach the server as UTF-8,
 * as curl sends them. Node.js 20, which runs newman 6.2, sends each character of a header value
 * as one Latin-1 byte and rejects any above U+00FF. But it writes the headers of a request with a
 * body together with the body text, as UTF-8. So the lines change header values only in requests
 * without a body, where each value becomes one character per UTF-8 byte.
 */
// NOTE: Postman inserts `{{name}}` references in header values after this script, so a value it
// inserts (a secret header variable) is not converted. In a request without a body, such a value
// outside ASCII goes out as Latin-1, or is rejected above U+00FF.
const HEADER_LINES = [
  "// Node.js sends each character of a header value as one Latin-1 byte, unless the request has a",
  "// body, which it sends with the headers as UTF-8. Without a body, each header value is written",
  "// as one character per UTF-8 byte, so the server receives it as UTF-8, as curl sends it.",
  "const utf8Bytes = (text) =>",
  '  unescape(encodeURIComponent(String(text).replace(/\\p{Surrogate}/gu, "\\ufffd")));',
  'if (!(body && body.mode === "raw" && body.raw)) {',
  "  pm.request.headers.each((header) => {",
  "    header.value = utf8Bytes(header.value);",
  "  });",
  "}",
];

/**
 * The body of a request's pre-request script that encodes path segments as the recording did.
 * It runs after the collection's script, so it encodes the value of each listed segment again.
 */
const SEGMENT_LINES = [
  "const encodeSegment = (value, encoding) =>",
  '  Array.from(String(value).replace(/\\p{Surrogate}/gu, "\\ufffd"), (char) => {',
  "    if (encoding.keep.includes(char)) return char;",
  "    const encoded = encoding.encode.includes(char)",
  '      ? "%" + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")',
  "      : encodeURIComponent(char);",
  "    return encoding.lowerCaseHex && encoded !== char ? encoded.toLowerCase() : encoded;",
  '  }).join("");',
  "for (const segment of segments) {",
  "  if (!pm.variables.has(segment.variable)) continue;",
  "  const value = pm.variables.get(segment.variable);",
  "  pm.request.url.path[segment.index] = encodeSegment(value, segment.encoding);",
  "}",
];

/** Builds the pre-request event of a request whose path segments `SEGMENT_LINES` encodes. */
export function segmentEvent(segments: readonly RecordedSegment[]): Event {
  const exec = [
    "// Encodes the values of these path segments (url.path indexes) as the recording did, where",
    "// that differs from the collection's encodeURIComponent: the characters in encode are",
    "// encoded too, those in keep are kept, and lowerCaseHex writes lower-case hex digits.",
    `const segments = ${JSON.stringify(segments)};`,
    ...SEGMENT_LINES,
  ];
  return { listen: "prerequest", script: { type: "text/javascript", exec } };
}

/** The collection's test script, which removes the local variables `LITERAL_LINES` set. */
const CLEANUP_LINES = [
  "// Removes the local variables that the pre-request script set to their own {{name}}.",
  "const locals = pm.variables.toObject();",
  "for (const name of Object.keys(locals)) {",
  '  if (locals[name] === "{{" + name + "}}") pm.variables.unset(name);',
  "}",
];

/**
 * Builds the collection-level pre-request event that encodes variable values. With
 * `keepLiterals`, the script also sends header values and text bodies as they are inserted.
 */
export function encodeEvent(keepLiterals = false): Event {
  const literalLines = keepLiterals ? LITERAL_LINES : [];
  const exec = [...SCRIPT_LINES, ...literalLines, ...HEADER_LINES];
  return { listen: "prerequest", script: { type: "text/javascript", exec } };
}

/** Builds the collection-level test event that removes what `encodeEvent(true)` set. */
export function cleanupEvent(): Event {
  return { listen: "test", script: { type: "text/javascript", exec: [...CLEANUP_LINES] } };
}
