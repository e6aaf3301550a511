/**
 * Postman replaces `{{name}}` anywhere in a request, and again inside the values it inserts, so
 * recorded text must never contain `{{` where it should stay literal. These helpers write
 * variable references and escape literal braces in the forms the server reads back unchanged.
 */

/** Writes a reference to a Postman variable: `{{assetName}}`. */
export function placeholder(name: string): string {
  return `{{${name}}}`;
}

/**
 * Percent-encodes the braces of literal URL or form text, which the server decodes back, so that
 * no literal `{{` remains for Postman to resolve.
 */
export function urlLiteral(text: string): string {
  return text.replaceAll("{", "%7B").replaceAll("}", "%7D");
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * Writes each `{` of a JSON string that contains `{{` as the escape `\u007b`, which a JSON parser
 * reads back as `{`. Structural braces stay, because only string contents can contain `{{`.
 */
export function jsonLiteral(jsonText: string): string {
  return jsonText.replace(JSON_STRING, (token) =>
    token.includes("{{") ? token.replaceAll("{", "\\u007b") : token,
  );
}
