import { describe, expect, it } from "vitest";
import { isSecretHeader } from "../../src/model/secrets.js";
import { redactUrl } from "../../src/redact/redact-url.js";

describe("redactUrl", () => {
  it.each([
    ["https://h/a?sig=S1&x=1", "https://h/a?sig=%5BREDACTED%5D&x=1"],
    ["https://h/cb#access_token=F1&state=s", "https://h/cb#access_token=%5BREDACTED%5D&state=s"],
    ["https://h/a?x=1#token=F2", "https://h/a?x=1#token=%5BREDACTED%5D"],
    ["https://u:p@ss@h/a", "https://%5BREDACTED%5D@h/a"],
    ["https://h/a#section-2", "https://h/a#section-2"],
    ["https://h/a?q=1", "https://h/a?q=1"],
  ])("redacts %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe("isSecretHeader", () => {
  it.each(["Authorization ", " cookie", "X-Api-Key\t"])("sees %j through its spaces", (name) => {
    expect(isSecretHeader(name)).toBe(true);
  });
});
