import type { AuthScheme, SessionModel } from "../../model/types.js";
import { placeholder } from "./placeholders.js";
import type { Auth } from "./types.js";
import { TOKEN } from "./variables.js";

/** Builds the Postman auth helper that sends the token in the given scheme. */
export function authFor(scheme: AuthScheme): Auth {
  const token = placeholder(TOKEN);
  if (scheme === "bearer") {
    return { type: "bearer", bearer: [{ key: "token", value: token, type: "string" }] };
  }
  return {
    type: "apikey",
    apikey: [
      { key: "key", value: "x-mkio-token", type: "string" },
      { key: "value", value: token, type: "string" },
      { key: "in", value: "header", type: "string" },
    ],
  };
}

/** Returns the one scheme every operation uses, or undefined when the session mixes both. */
export function sharedScheme(session: SessionModel): AuthScheme | undefined {
  const schemes = new Set(session.operations.map((operation) => operation.auth));
  return schemes.size === 1 ? [...schemes][0] : undefined;
}
