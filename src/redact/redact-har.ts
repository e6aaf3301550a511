import { headerSecretValues, urlSecretValues } from "../model/capture-secrets.js";
import { isSecretHeader, isSecretName, isSecretQueryName } from "../model/secrets.js";
import { decodeFormComponent } from "../select/url.js";
import type { KnownSecrets } from "./known-secrets.js";
import { collectBodySecrets, redactFreeText, redactRecordedBody } from "./redact-body.js";
import {
  canContainSecret,
  collectJsonSecrets,
  memberOf,
  redactJson,
  redactJsonMember,
  reportScalars,
} from "./redact-json.js";
import { REDACTED } from "./redact-text.js";
import { redactUrl } from "./redact-url.js";

export { redactBodyText } from "./redact-body.js";

type Json = Record<string, unknown>;

/** Settings of one sanitized copy. */
export interface RedactHarOptions {
  /** Drop the response bodies of media and static files to make the copy smaller. */
  stripBodies: boolean;
  /** Secret body fields of the request's catalog operation, if it matched one. */
  secretPaths?: ReadonlySet<string>;
  /** Secret values seen in the capture, replaced wherever they appear. */
  known?: KnownSecrets;
}

const MEDIA_OR_STATIC =
  /^(image|video|audio|font)\/|^text\/(css|html|javascript)|javascript|mpegurl|dash\+xml|octet-stream/i;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Names of the members that HAR 1.2 defines in entries and the objects inside them. None is a
 * secret name, so a number, boolean or null under one is copied as recorded.
 */
const HAR_MEMBER_NAMES = new Set([
  ...["startedDateTime", "time", "request", "response", "cache", "timings", "pageref"],
  ...["serverIPAddress", "connection", "comment", "method", "url", "httpVersion", "cookies"],
  ...["headers", "queryString", "postData", "headersSize", "bodySize", "status", "statusText"],
  ...["content", "redirectURL", "size", "compression", "mimeType", "text", "encoding"],
  ...["params", "name", "value", "fileName", "contentType", "path", "domain", "expires"],
  ...["httpOnly", "secure", "blocked", "dns", "connect", "send", "wait", "receive", "ssl"],
]);

/** Returned by a member rule for a value of a type that the rule does not take. */
const UNHANDLED = Symbol("unhandled");

/** Copies the value of one member of a HAR object, or returns `UNHANDLED`. */
type MemberRule = (value: unknown) => unknown;

/**
 * Copies a HAR object member by member, in recorded order. A member with a rule is copied by it.
 * Every other member is copied like a JSON body: one that HAR does not define (`_initiator`,
 * `comment`), and one of a type its rule does not take (a header value that is an array). Such a
 * member loses its whole value under a secret name, and each secret inside it otherwise.
 */
function copyObject(
  object: Json,
  rules: Readonly<Record<string, MemberRule>>,
  known: KnownSecrets | undefined,
): Json {
  // A null prototype keeps a recorded "__proto__" key an ordinary member.
  const out = Object.create(null) as Json;
  for (const [key, value] of Object.entries(object)) {
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    const copied = rule ? rule(value) : UNHANDLED;
    if (copied !== UNHANDLED) {
      out[key] = copied;
      continue;
    }
    if (HAR_MEMBER_NAMES.has(key) && (typeof value === "number" || !canContainSecret(value))) {
      out[key] = value;
      continue;
    }
    const [copiedKey, copiedValue] = redactJsonMember(key, value, { known });
    out[copiedKey] = copiedValue;
  }
  return out;
}

/** Copies one `{name, value}` item of headers, query parameters or form parameters. */
function redactPair(
  item: unknown,
  isSecret: (name: string) => boolean,
  known: KnownSecrets | undefined,
): unknown {
  if (!isRecord(item)) return redactJson(item, { known });
  const secret = typeof item.name === "string" && isSecret(decodeFormComponent(item.name));
  const rules: Record<string, MemberRule> = {
    // A name can contain a secret too, and a query name can be percent-encoded (`si%67`).
    name: (name) => (typeof name === "string" ? redactFreeText(name, known) : UNHANDLED),
    value: (value) => {
      if (secret) return canContainSecret(value) ? REDACTED : value;
      if (typeof value !== "string") return UNHANDLED;
      // A query value can hide a credential behind its escapes (`Bearer%20...`).
      const decoded = decodeFormComponent(value);
      if (decoded !== value && redactFreeText(decoded, known) !== decoded) return REDACTED;
      return redactFreeText(value, known);
    },
  };
  return copyObject(item, rules, known);
}

/**
 * Copies a list of `{name, value}` items. An object in place of the list (invalid HAR) is read as
 * names mapped to values, with the same test of the names. Returns `UNHANDLED` for other values.
 */
function redactPairs(
  list: unknown,
  isSecret: (name: string) => boolean,
  known: KnownSecrets | undefined,
): unknown {
  if (Array.isArray(list)) return list.map((item) => redactPair(item, isSecret, known));
  if (!isRecord(list)) return UNHANDLED;
  const out = Object.create(null) as Json;
  for (const [name, value] of Object.entries(list)) {
    const [copiedName, copiedValue] = redactJsonMember(name, value, { known });
    const secret = isSecret(decodeFormComponent(name)) && canContainSecret(value);
    out[copiedName] = secret ? REDACTED : copiedValue;
  }
  return out;
}

/** Copies a list of cookies, each of which loses its value. */
function redactCookies(list: unknown, known: KnownSecrets | undefined): unknown {
  if (!Array.isArray(list)) return redactPairs(list, () => true, known);
  const rules: Record<string, MemberRule> = {
    value: (value) => (canContainSecret(value) ? REDACTED : value),
  };
  return list.map((item) => {
    if (isRecord(item)) return copyObject(item, rules, known);
    return canContainSecret(item) ? REDACTED : item;
  });
}

function redactUrlText(url: string, known: KnownSecrets | undefined): string {
  return redactFreeText(redactUrl(url), known);
}

function redactPostData(postData: Json, options: RedactHarOptions): Json {
  const { known, secretPaths } = options;
  const mimeType = typeof postData.mimeType === "string" ? postData.mimeType : "";
  return copyObject(
    postData,
    {
      text: (text) =>
        typeof text === "string"
          ? redactRecordedBody(text, postData.encoding, mimeType, { secretPaths, known })
          : redactJson(text, { secretPaths, known }),
      params: (params) => redactPairs(params, isSecretName, known),
    },
    known,
  );
}

function redactRequest(request: Json, options: RedactHarOptions): Json {
  const { known } = options;
  return copyObject(
    request,
    {
      url: (url) => (typeof url === "string" ? redactUrlText(url, known) : UNHANDLED),
      headers: (headers) => redactPairs(headers, isSecretHeader, known),
      cookies: (cookies) => redactCookies(cookies, known),
      queryString: (query) => redactPairs(query, isSecretQueryName, known),
      postData: (postData) => (isRecord(postData) ? redactPostData(postData, options) : UNHANDLED),
    },
    known,
  );
}

function redactResponseContent(content: Json, options: RedactHarOptions): Json {
  const { known } = options;
  const mimeType = typeof content.mimeType === "string" ? content.mimeType : "";
  if (options.stripBodies && MEDIA_OR_STATIC.test(mimeType)) {
    const { text: _text, encoding: _encoding, ...rest } = content;
    return copyObject(rest, {}, known);
  }
  return copyObject(
    content,
    {
      text: (text) =>
        typeof text === "string"
          ? redactRecordedBody(text, content.encoding, mimeType, { known })
          : UNHANDLED,
    },
    known,
  );
}

function redactResponse(response: Json, options: RedactHarOptions): Json {
  const { known } = options;
  return copyObject(
    response,
    {
      headers: (headers) => redactPairs(headers, isSecretHeader, known),
      cookies: (cookies) => redactCookies(cookies, known),
      redirectURL: (url) => (typeof url === "string" ? redactUrlText(url, known) : UNHANDLED),
      content: (content) =>
        isRecord(content) ? redactResponseContent(content, options) : UNHANDLED,
    },
    known,
  );
}

/**
 * Returns a copy of one raw HAR entry with every secret replaced by `[REDACTED]`: secret headers,
 * cookies, secret query values, user info in URLs, and secrets inside request and response bodies
 * (base64 text bodies are decoded, redacted and encoded again). Every other member, such as a
 * browser's `_webSocketMessages` or a value of the wrong type, is redacted like a JSON body.
 * Structure and timings are kept.
 */
export function redactEntry(entry: unknown, options: RedactHarOptions): unknown {
  if (!isRecord(entry)) return redactJson(entry, { known: options.known });
  return copyObject(
    entry,
    {
      request: (request) => (isRecord(request) ? redactRequest(request, options) : UNHANDLED),
      response: (response) => (isRecord(response) ? redactResponse(response, options) : UNHANDLED),
    },
    options.known,
  );
}

/**
 * Returns a copy of `log.pages` redacted like a JSON body, with each page title also redacted as a
 * URL, because browsers fill titles with the page URL.
 */
export function redactPages(pages: unknown, known?: KnownSecrets): unknown {
  if (!Array.isArray(pages)) return redactJson(pages, { known });
  return pages.map((page) => {
    const redacted = redactJson(page, { known });
    if (!isRecord(page) || typeof page.title !== "string") return redacted;
    return { ...(redacted as Json), title: redactUrlText(page.title, known) };
  });
}

/** Returns the items of a list of `{name, value}` pairs, or of an object written in its place. */
function pairsOf(list: unknown): { name: unknown; value: unknown; item: Json | undefined }[] {
  if (Array.isArray(list)) {
    return list.filter(isRecord).map((item) => ({ name: item.name, value: item.value, item }));
  }
  if (!isRecord(list)) return [];
  return Object.entries(list).map(([name, value]) => ({ name, value, item: undefined }));
}

/** Adds to `known` what the members of an object outside `handled` carry by their places. */
function collectOtherMembers(object: Json, handled: readonly string[], known: KnownSecrets): void {
  const onSecret = (value: string) => known.add(value);
  for (const [key, value] of Object.entries(object)) {
    if (!handled.includes(key)) collectJsonSecrets(memberOf(key, value), onSecret);
  }
}

/**
 * Adds the values of the secret pairs of a list to `known`. `secretsOf` returns the secrets of a
 * string value, such as the token after `Bearer`. Every string and number inside a value of
 * another type is added.
 */
function collectPairSecrets(
  list: unknown,
  isSecret: (name: string) => boolean,
  secretsOf: (name: string, value: string) => string[],
  known: KnownSecrets,
): void {
  for (const { name, value, item } of pairsOf(list)) {
    if (item) collectOtherMembers(item, ["name", "value"], known);
    if (typeof name !== "string" || !isSecret(decodeFormComponent(name))) continue;
    if (typeof value === "string") {
      for (const secret of secretsOf(name, value)) known.add(secret);
    } else {
      reportScalars(value, (secret) => known.add(secret));
    }
  }
}

/** Adds to `known` the secrets of a `postData` or `content` object by their places. */
function collectContentSecrets(
  content: Json,
  known: KnownSecrets,
  secretPaths: ReadonlySet<string> | undefined,
): void {
  const { text, encoding, mimeType } = content;
  const mime = typeof mimeType === "string" ? mimeType : "";
  if (typeof text === "string") collectBodySecrets(text, encoding, mime, known, secretPaths);
  else collectJsonSecrets(text, (value) => known.add(value), secretPaths);
  const handled = ["text"];
  if (Array.isArray(content.params) || isRecord(content.params)) {
    collectPairSecrets(content.params, isSecretName, (_name, value) => [value], known);
    handled.push("params");
  }
  collectOtherMembers(content, handled, known);
}

/** Adds to `known` the user info and the values of the secret query parameters of a URL. */
function collectUrlSecrets(url: string, known: KnownSecrets): void {
  for (const secret of urlSecretValues(url)) known.add(secret);
}

/** Adds to `known` the secrets of a request or response object by their places. */
function collectPartSecrets(
  part: Json,
  known: KnownSecrets,
  secretPaths: ReadonlySet<string> | undefined,
): void {
  const handled: string[] = [];
  const lists = [
    { key: "headers", isSecret: isSecretHeader, secretsOf: headerSecretValues },
    { key: "cookies", isSecret: () => true, secretsOf: (_name: string, value: string) => [value] },
    {
      key: "queryString",
      isSecret: isSecretQueryName,
      secretsOf: (_name: string, value: string) => [decodeFormComponent(value)],
    },
  ];
  for (const { key, isSecret, secretsOf } of lists) {
    const list = part[key];
    // A list of another type is learned from like any other member.
    if (!Array.isArray(list) && !isRecord(list)) continue;
    collectPairSecrets(list, isSecret, secretsOf, known);
    handled.push(key);
  }
  for (const key of ["url", "redirectURL"]) {
    const url = part[key];
    if (typeof url !== "string") continue;
    collectUrlSecrets(url, known);
    handled.push(key);
  }
  for (const key of ["postData", "content"]) {
    const content = part[key];
    if (!isRecord(content)) continue;
    collectContentSecrets(content, known, key === "postData" ? secretPaths : undefined);
    handled.push(key);
  }
  collectOtherMembers(part, handled, known);
}

/**
 * Adds to `known` the secret values one raw HAR entry carries by their places: secret headers and
 * cookies, secret query and form parameters, secret fields of its bodies and of every other
 * member. A sanitized copy then removes every other copy of them, such as a token pasted into a
 * description.
 */
export function collectEntrySecrets(
  entry: unknown,
  known: KnownSecrets,
  secretPaths?: ReadonlySet<string>,
): void {
  if (!isRecord(entry)) {
    collectJsonSecrets(entry, (value) => known.add(value));
    return;
  }
  const handled: string[] = [];
  if (isRecord(entry.request)) {
    collectPartSecrets(entry.request, known, secretPaths);
    handled.push("request");
  }
  if (isRecord(entry.response)) {
    collectPartSecrets(entry.response, known, undefined);
    handled.push("response");
  }
  collectOtherMembers(entry, handled, known);
}

/** Adds to `known` the secrets a member of the root object or of `log` carries by their places. */
export function collectMemberSecrets(key: string, value: unknown, known: KnownSecrets): void {
  collectJsonSecrets(memberOf(key, value), (secret) => known.add(secret));
}
