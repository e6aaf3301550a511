import { describe, expect, it } from "vitest";
import { expectedFile } from "../support/expected-file.js";
import { runCli } from "../support/run-cli.js";

describe("http format", () => {
  it("writes the reviewed file for the portal session", async () => {
    const result = await runCli(["fixtures/portal-current-session.har", "--format", "http", "-q"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expectedFile("portal-current-session.http", result.stdout));
  });
});
