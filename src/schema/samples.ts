import { isJsonMime } from "../model/body.js";
import { isSecretName, isSecretValue } from "../model/secrets.js";
import type { Call, Operation, TemplatePart, Variable } from "../model/types.js";
import { fillJson } from "../render/json-parts.js";
import { decodeFormComponent } from "../select/url.js";
import { type SampleValue, SecretString } from "./sample.js";

/** Resolves a parameter of a call to its recorded value, or the secret marker. */
type ParamValue = (param: string) => string | SecretString;

/**
 * Copies a recorded JSON value with every secret string replaced by the secret marker. A string
 * is secret at or below a catalog secret path, under a secret-sounding key (`accessToken`), or
 * when it is shaped like a credential (a JWT, a SAS URL, a PEM block).
 */
export function hideSecrets(
  value: unknown,
  secretPaths: ReadonlySet<string>,
  path = "",
  key = "",
  inSecret = false,
): SampleValue {
  const secretHere = inSecret || secretPaths.has(path);
  if (value instanceof SecretString) return value;
  if (typeof value === "string") {
    const secret = secretHere || isSecretName(key) || isSecretValue(value);
    return secret && value !== "" ? SecretString.instance : value;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    return value.map((item) => hideSecrets(item, secretPaths, `${path}[]`, key, secretHere));
  }
  if (typeof value !== "object") return null;
  const out: Record<string, SampleValue> = Object.create(null);
  for (const [name, child] of Object.entries(value)) {
    const childPath = path === "" ? name : `${path}.${name}`;
    out[name] = hideSecrets(child, secretPaths, childPath, name, secretHere);
  }
  return out;
}

/**
 * Rebuilds a form body or a query string as an object of decoded strings. A value that contains a
 * secret slot becomes the secret marker.
 */
export function formSample(parts: readonly TemplatePart[], resolve: ParamValue): SampleValue {
  const out: Record<string, SampleValue> = Object.create(null);
  let name = "";
  let value = "";
  let inValue = false;
  let secret = false;
  const flush = () => {
    if (name !== "" || value !== "") {
      out[decodeFormComponent(name)] = secret ? SecretString.instance : decodeFormComponent(value);
    }
    [name, value, inValue, secret] = ["", "", false, false];
  };
  for (const part of parts) {
    if ("slot" in part) {
      const resolved = resolve(part.slot.param);
      if (resolved instanceof SecretString) secret = true;
      else if (inValue) value += encodeURIComponent(resolved);
      else name += encodeURIComponent(resolved);
      continue;
    }
    for (const char of part.text) {
      if (char === "&") flush();
      else if (char === "=" && !inValue) inValue = true;
      else if (inValue) value += char;
      else name += char;
    }
  }
  flush();
  return out;
}

/** Joins a raw text body; any secret slot makes the whole text secret. */
function textSample(parts: readonly TemplatePart[], resolve: ParamValue): SampleValue {
  let text = "";
  for (const part of parts) {
    const piece = "slot" in part ? resolve(part.slot.param) : part.text;
    if (piece instanceof SecretString) return piece;
    text += piece;
  }
  return text;
}

/** Placeholder for a secret slot while a JSON text body is parsed, unlikely in any real value. */
const SECRET_SLOT = "Har2mkioSecretSlotQ7x";

/**
 * Parses a text body of a JSON media type, which the model keeps as text when it has numbers a
 * double cannot hold exactly. Such a number becomes the nearest double, and one outside the
 * double range becomes null, as `JSON.stringify` writes it. A string that contains a secret slot
 * becomes the secret marker. Returns undefined when the rebuilt text does not parse, such as when
 * a secret slot stands for a number.
 */
function jsonTextSample(
  parts: readonly TemplatePart[],
  resolve: ParamValue,
): SampleValue | undefined {
  let text = "";
  for (const part of parts) {
    const piece = "slot" in part ? resolve(part.slot.param) : part.text;
    text += piece instanceof SecretString ? SECRET_SLOT : piece;
  }
  try {
    return JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === "number" && !Number.isFinite(value)) return null;
      if (typeof value === "string" && value.includes(SECRET_SLOT)) return SecretString.instance;
      return value;
    }) as SampleValue;
  } catch {
    return undefined;
  }
}

/** Returns a function that gives each parameter of a call its recorded value. */
export function paramValues(call: Call, variables: ReadonlyMap<string, Variable>): ParamValue {
  return (param) => {
    const variable = variables.get(call.args[param] ?? "");
    if (!variable || variable.secret || variable.value === null) return SecretString.instance;
    return variable.value;
  };
}

/** Rebuilds the request body a call sent, with secrets hidden, or undefined when it sent none. */
export function requestSample(
  call: Call,
  operation: Operation,
  variables: ReadonlyMap<string, Variable>,
  secretPaths: ReadonlySet<string>,
): SampleValue | undefined {
  const body = operation.body;
  if (!body) return undefined;
  const resolve = paramValues(call, variables);
  if (body.kind === "json") return hideSecrets(fillJson(body.value, resolve), secretPaths);
  // The model slots only secret-named form fields and JWTs in text, so a SAS URL in a text
  // body or a form value is caught here.
  const json = isJsonMime(body.mimeType) ? jsonTextSample(body.parts, resolve) : undefined;
  if (json !== undefined) return hideSecrets(json, secretPaths);
  const form = /^application\/x-www-form-urlencoded/i.test(body.mimeType);
  const sample = form ? formSample(body.parts, resolve) : textSample(body.parts, resolve);
  return hideSecrets(sample, secretPaths);
}

/** Parses the JSON body of a successful (2xx) response, with secrets hidden. */
export function responseSample(
  call: Call,
  secretPaths: ReadonlySet<string>,
): SampleValue | undefined {
  const { status, mimeType, text } = call.response;
  if (status < 200 || status > 299 || !isJsonMime(mimeType) || !text) return undefined;
  try {
    return hideSecrets(JSON.parse(text), secretPaths);
  } catch {
    return undefined;
  }
}

/** Returns a media type without its parameters, in lower case: `application/json`. */
export function bareMimeType(mimeType: string): string {
  return (mimeType.split(";")[0] ?? "").trim().toLowerCase();
}
