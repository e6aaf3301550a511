import type { RecordedEntry } from "../har/types.js";
import { KnownSecrets } from "../redact/known-secrets.js";
import { collectJsonSecrets } from "../redact/redact-json.js";
import type { SelectedCall } from "../select/select.js";
import { decodeFormComponent, splitUrl } from "../select/url.js";
import { responseOf } from "./response.js";
import { isSecretHeader, isSecretQueryName } from "./secrets.js";

function cookieValue(pair: string): string {
  return pair.slice(pair.indexOf("=") + 1);
}

/**
 * Returns the secret values a header carries: each cookie of `Cookie`, the cookie of
 * `Set-Cookie`, or the value after its scheme (`Bearer`, `Basic`).
 */
export function headerSecretValues(name: string, value: string): string[] {
  const lower = name.trim().toLowerCase();
  const parts =
    lower === "cookie"
      ? value.split(";").map(cookieValue)
      : lower === "set-cookie"
        ? [cookieValue(value.split(";")[0] ?? "")]
        : [value];
  return parts.map((part) => part.replace(/^\s*(bearer|basic)\s+/i, "").trim());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Returns the secret values a URL carries by their places: its user info
 * (`https://user:password@host`) and the values of its secret query parameters, decoded.
 */
export function urlSecretValues(url: string): string[] {
  const values: string[] = [];
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url)?.[1];
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(":");
    values.push(decodeFormComponent(colon === -1 ? userInfo : userInfo.slice(0, colon)));
    if (colon !== -1) values.push(decodeFormComponent(userInfo.slice(colon + 1)));
  }
  for (const pair of splitUrl(url).query.split("&")) {
    const equals = pair.indexOf("=");
    if (equals === -1 || !isSecretQueryName(decodeFormComponent(pair.slice(0, equals)))) continue;
    values.push(decodeFormComponent(pair.slice(equals + 1)));
  }
  return values;
}

/**
 * Adds the secret header values and URL secrets of one recorded entry, kept or not, to `known`:
 * a token sent to another host of the portal is the same token when it is pasted into an API
 * call.
 */
export function collectRequestSecrets(entry: RecordedEntry, known: KnownSecrets): void {
  for (const { name, value } of [...entry.request.headers, ...entry.response.headers]) {
    if (!isSecretHeader(name)) continue;
    for (const secret of headerSecretValues(name, value)) known.add(secret);
  }
  for (const secret of urlSecretValues(entry.request.url)) known.add(secret);
}

/**
 * Collects the secret values the kept calls carry in places that make them secret: secret
 * headers and cookies, secret query parameters, and response fields under secret names (the token
 * a sign-in call returns). Templates and examples then treat every copy of such a value as secret,
 * wherever it is recorded.
 */
export function collectKnownSecrets(
  selected: readonly SelectedCall[],
  known = new KnownSecrets(),
): KnownSecrets {
  for (const { entry } of selected) {
    collectRequestSecrets(entry, known);
    const text = responseOf(entry).text;
    const parsed = text === undefined ? undefined : parseJson(text);
    if (parsed !== undefined) collectJsonSecrets(parsed, (value) => known.add(value));
  }
  return known;
}
