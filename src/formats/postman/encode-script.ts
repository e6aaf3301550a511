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

/** Builds the collection-level pre-request event that encodes variable values. */
export function encodeEvent(): Event {
  return { listen: "prerequest", script: { type: "text/javascript", exec: [...SCRIPT_LINES] } };
}
