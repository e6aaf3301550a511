import { describe, expect, it } from "vitest";
import { expectedFile } from "../support/expected-file.js";
import { runCli } from "../support/run-cli.js";

describe.each([
  ["portal-current-session", "curl", "sh"],
  ["portal-legacy-session", "curl", "sh"],
  ["portal-current-session", "json", "json"],
])("%s as %s", (fixture, format, extension) => {
  it("matches the reviewed expected file", async () => {
    const result = await runCli([`fixtures/${fixture}.har`, "-f", format]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedFile(`${fixture}.${extension}`, result.stdout));
  });
});
