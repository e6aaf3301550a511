import type { RecordedEntry } from "../har/types.js";
import { KnownSecrets } from "../redact/known-secrets.js";
import { redactJson } from "../redact/redact-json.js";
import type { SelectedCall } from "../select/select.js";
import { decodeFormComponent } from "../select/url.js";
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
 * Adds the secret header values and URL user info of one recorded entry, kept or not, to `known`: a token sent to
 * another host of the portal is the same token when it is pasted into an API call.
 */
export function collectHeaderSecrets(entry: RecordedEntry, known: KnownSecrets): void {
  for (const { name, value } of [...entry.request.headers, ...entry.response.headers]) {
    if (!isSecretHeader(name)) continue;
    for (const secret of headerSecretValues(name, value)) known.add(secret);
  }
  // The user info of the URL (`https://user:password@host`) is a credential too.
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(entry.request.url)?.[1];
  if (userInfo === undefined) return;
  const colon = userInfo.indexOf(":");
  known.add(decodeFormComponent(colon === -1 ? userInfo : userInfo.slice(0, colon)));
  if (colon !== -1) known.add(decodeFormComponent(userInfo.slice(colon + 1)));
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
  for (const { entry, url } of selected) {
    collectHeaderSecrets(entry, known);
    for (const pair of url.query.split("&")) {
      const equals = pair.indexOf("=");
      if (equals === -1 || !isSecretQueryName(decodeFormComponent(pair.slice(0, equals)))) continue;
      known.add(decodeFormComponent(pair.slice(equals + 1)));
    }
    const text = responseOf(entry).text;
    const parsed = text === undefined ? undefined : parseJson(text);
    if (parsed !== undefined) redactJson(parsed, { onSecret: (value) => known.add(value) });
  }
  return known;
}
