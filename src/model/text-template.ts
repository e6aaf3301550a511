import { camelCase } from "../catalog/naming.js";
import { holdsJsonSecret } from "../redact/redact-json.js";
import { decodeFormComponent } from "../select/url.js";
import { ANTI_XSSI_PREFIX, jsonLineStart } from "./body.js";
import type { OperationDraft } from "./draft.js";
import { findInexactNumber } from "./json-numbers.js";
import { templateJsonText } from "./json-text-template.js";
import { mergeSpans, type Span, secretSpans } from "./secret-spans.js";
import { isSecretQueryName } from "./secrets.js";
import type { SlotEncoding, TemplatePart } from "./types.js";
import type { VariableTable } from "./variables.js";

/**
 * Percent-encodes spaces and control characters, which some tools write into a HAR URL as they
 * are but no HTTP client sends so: curl rejects them, and browsers and fetch send `%20`.
 */
export function encodeUrlSpaces(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    const control = code <= 0x20 || code === 0x7f;
    out += control ? `%${code.toString(16).toUpperCase().padStart(2, "0")}` : char;
  }
  return out;
}

/**
 * Appends literal text, merging it with a literal before it. The merged part is a new object,
 * because part lists are copied shallowly and shared between formats.
 */
export function pushText(parts: TemplatePart[], text: string): void {
  if (text === "") return;
  const last = parts.at(-1);
  if (last && "text" in last) parts[parts.length - 1] = { text: last.text + text };
  else parts.push({ text });
}

function secretSlot(
  value: string,
  base: string,
  encoding: SlotEncoding,
  location: { in: "query" | "body" | "header"; location: string },
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart {
  const variable = variables.intern(base, value, true);
  return { slot: { param: draft.use(variable, variable.name, location), encoding } };
}

/**
 * Templates a form-encoded or raw query: values of secret names (`sig`, `token`, `api_key`)
 * become secret parameters, the rest stays byte for byte as recorded.
 */
export function templateForm(
  raw: string,
  where: "query" | "body",
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const [index, pair] of raw.split("&").entries()) {
    if (index > 0) pushText(parts, "&");
    const equals = pair.indexOf("=");
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const name = decodeFormComponent(rawName);
    const value = equals === -1 ? "" : decodeFormComponent(pair.slice(equals + 1));
    const location = { in: where, location: name };
    // A name that contains a secret (a token used as a parameter name) becomes a secret slot too.
    const nameIsSecret = variables.holdsSecret(name);
    if (nameIsSecret) {
      const base = where === "query" ? "queryName" : "fieldName";
      const secretLocation = { in: where, location: `name of parameter ${index + 1}` };
      parts.push(secretSlot(name, base, "query", secretLocation, draft, variables));
    } else pushText(parts, where === "query" ? encodeUrlSpaces(rawName) : rawName);
    if (equals === -1) continue;
    pushText(parts, "=");
    if (!(isSecretQueryName(name) || nameIsSecret || variables.holdsSecret(value))) {
      const rawValue = pair.slice(equals + 1);
      pushText(parts, where === "query" ? encodeUrlSpaces(rawValue) : rawValue);
      continue;
    }
    const base = nameIsSecret
      ? `${where === "query" ? "query" : "field"}Value`
      : camelCase(`${name} ${where === "query" ? "query" : "field"}`);
    const valueLocation = nameIsSecret
      ? { in: where, location: `parameter ${index + 1}` }
      : location;
    parts.push(secretSlot(value, base, "query", valueLocation, draft, variables));
  }
  return parts;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the secrets in a text, by shape and known values, in order of their places. Secrets that
 * overlap are merged into one, so that no part of either stays as text.
 */
function secretsInText(text: string, variables: VariableTable): Span[] {
  return mergeSpans([...variables.known.occurrences(text), ...secretSpans(text)]);
}

/** Appends parts to a list, merging literal text with the literal before it. */
function appendParts(parts: TemplatePart[], more: readonly TemplatePart[]): void {
  for (const part of more) {
    if ("text" in part) pushText(parts, part.text);
    else parts.push(part);
  }
}

/** Templates free text: secrets found by shape or as known values become secret slots. */
function templatePlainText(
  text: string,
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const { index, length } of secretsInText(text, variables)) {
    pushText(parts, text.slice(last, index));
    const location = { in: "body" as const, location: "body" };
    const value = text.slice(index, index + length);
    parts.push(secretSlot(value, "bodyToken", "raw", location, draft, variables));
    last = index + length;
  }
  pushText(parts, text.slice(last));
  return parts;
}

/**
 * Templates text that contains JSON one value a line (newline-delimited JSON, `data:` lines of an
 * event stream), or returns undefined when no line does. JSON follows the rules of JSON bodies.
 */
function templateJsonLines(
  text: string,
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  let found = false;
  for (const [index, line] of text.split("\n").entries()) {
    if (index > 0) pushText(parts, "\n");
    const start = jsonLineStart(line);
    if (start === -1 || !isJsonText(line.slice(start))) {
      appendParts(parts, templatePlainText(line, draft, variables));
      continue;
    }
    found = true;
    appendParts(parts, templatePlainText(line.slice(0, start), draft, variables));
    appendParts(parts, templateJsonText(line.slice(start), draft, variables));
  }
  return found ? parts : undefined;
}

/**
 * Templates a raw text body, replacing secrets found inside it with secret parameters. Some JSON
 * reaches here as text: with a number that parsing would change, after an anti-XSSI prefix such as
 * `)]}'`, or one value a line. It is templated token by token with the rules of JSON bodies, so
 * that every byte outside a parameter stays as recorded.
 */
export function templateText(
  text: string,
  draft: OperationDraft,
  variables: VariableTable,
): TemplatePart[] {
  if (findInexactNumber(text) !== undefined && isJsonText(text)) {
    return templateJsonText(text, draft, variables);
  }
  const prefix = ANTI_XSSI_PREFIX.exec(text)?.[0] ?? "";
  if (prefix !== "" && isJsonText(text.slice(prefix.length))) {
    const parts: TemplatePart[] = [{ text: prefix }];
    appendParts(parts, templateJsonText(text.slice(prefix.length), draft, variables));
    return parts;
  }
  const lines = text.includes("\n") ? templateJsonLines(text, draft, variables) : undefined;
  if (lines) return lines;
  // JSON in a framing (a socket.io packet, JSON encoded twice) with a secret field cannot be
  // templated field by field, so the whole body becomes one secret.
  const plainJson = /^\s*[[{]/.test(text) && isJsonText(text);
  if (!plainJson && holdsJsonSecret(text)) {
    const location = { in: "body" as const, location: "body" };
    return [secretSlot(text, "bodyText", "raw", location, draft, variables)];
  }
  return templatePlainText(text, draft, variables);
}
