import { expect } from "vitest";
import { decodedPath, expectedCalls } from "./expected-calls.js";
import type { ReceivedRequest } from "./recording-server.js";

/**
 * Checks that a replay sent the capture's kept calls in order: method, path (compared decoded),
 * raw query, body (JSON compared parsed, other text exactly) and the token in the header its
 * API shape uses.
 */
export function expectReplayed(received: readonly ReceivedRequest[], file: string, token: string) {
  for (const request of received) {
    const auth = request.headers.authorization ?? request.headers["x-mkio-token"];
    expect([`Bearer ${token}`, token]).toContain(auth);
  }

  const expected = expectedCalls(file);
  expect(received.map((request) => request.method)).toEqual(expected.map((call) => call.method));
  received.forEach((request, index) => {
    const call = expected[index];
    const [path = "", query = ""] = request.url.split(/\?(.*)/s);
    expect(decodedPath(path)).toBe(decodedPath(call?.path ?? ""));
    expect(query).toBe(call?.query);
    const text = request.body.toString("utf8");
    if (call?.body === undefined) expect(text).toBe("");
    else if (typeof call.body === "string") expect(text).toBe(call.body);
    else expect(JSON.parse(text)).toEqual(call.body);
  });
}
