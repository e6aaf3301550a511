import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  headerLiteralBase,
  LiteralVariables,
  needsLiteralVariable,
  unkeptReferences,
} from "../../src/formats/postman/literals.js";
import type { Operation } from "../../src/model/types.js";
import { writeHar } from "../support/har-builder.js";
import { runCli } from "../support/run-cli.js";

function operation(overrides: Partial<Operation>): Operation {
  return {
    key: "postNotes",
    catalogId: null,
    name: "Post Notes",
    resource: "note",
    undocumented: true,
    method: "POST",
    shape: "current",
    auth: "bearer",
    pathTemplate: "/notes",
    pathParts: [{ text: "/notes" }],
    queryParts: [],
    headers: [],
    parameters: [],
    ...overrides,
  };
}

describe("needsLiteralVariable", () => {
  it.each([
    ["a reference", "a{{mkioToken}}b", true],
    ["an unclosed reference", "{{mkioToken}", true],
    ["nested braces", "{{a{{b}}}}", true],
    ["closing braces alone", "mkioToken}}", false],
    ["single braces", "{a} {b}", false],
    ["plain text", "plain", false],
  ])("%s", (_case, text, expected) => {
    expect(needsLiteralVariable(text)).toBe(expected);
  });
});

describe("headerLiteralBase", () => {
  it.each([
    ["x-note", "noteHeader"],
    ["X-Ms-Meta-Owner", "msMetaOwnerHeader"],
    ["Content-Type", "contentTypeHeader"],
  ])("names %s", (name, expected) => {
    expect(headerLiteralBase(name)).toBe(expected);
  });
});

describe("LiteralVariables", () => {
  it("keeps text without {{ in place", () => {
    const literals = new LiteralVariables([]);
    expect(literals.textOrReference("a}}b", "noteHeader")).toBe("a}}b");
    expect(literals.variables).toEqual([]);
  });

  it("moves text with {{ into a variable", () => {
    const literals = new LiteralVariables([]);
    expect(literals.textOrReference("a{{mkioToken}}b", "noteHeader")).toBe("{{noteHeader}}");
    expect(literals.variables).toHaveLength(1);
    expect(literals.variables[0]?.key).toBe("noteHeader");
    expect(literals.variables[0]?.value).toBe("a{{mkioToken}}b");
  });

  it("reuses the variable of the same text", () => {
    const literals = new LiteralVariables([]);
    literals.textOrReference("{{x}}", "noteHeader");
    expect(literals.textOrReference("{{x}}", "noteHeader")).toBe("{{noteHeader}}");
    expect(literals.variables).toHaveLength(1);
  });

  it("numbers names already in use", () => {
    const literals = new LiteralVariables(["noteHeader"]);
    expect(literals.textOrReference("{{x}}", "noteHeader")).toBe("{{noteHeader2}}");
    expect(literals.textOrReference("{{y}}", "noteHeader")).toBe("{{noteHeader3}}");
  });
});

describe("unkeptReferences", () => {
  it("lists Object.prototype names by place", () => {
    const found = unkeptReferences(
      operation({
        headers: [{ name: "x-note", parts: [{ text: "{{constructor}} {{mkioToken}}" }] }],
        body: {
          kind: "text",
          mimeType: "text/plain",
          parts: [{ text: "{{toString}} {{__proto__}} {{toString}}" }],
        },
      }),
    );
    expect([...found]).toEqual([
      ["header x-note", ["{{constructor}}"]],
      ["text body", ["{{toString}}", "{{__proto__}}"]],
    ]);
  });

  it("ignores form bodies, which the collection percent-encodes", () => {
    const body = {
      kind: "text" as const,
      mimeType: "application/x-www-form-urlencoded",
      parts: [{ text: "a={{constructor}}" }],
    };
    expect(unkeptReferences(operation({ body })).size).toBe(0);
  });
});

describe("postman collection with {{ in a header", () => {
  const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-literal-"));
  const url = "https://api.mk.io/api/v1/projects/demo-project/media/assets/clip";

  it("gives each request its own auth and a test script", async () => {
    const file = writeHar(dir, "header.har", [
      { method: "PUT", url, headers: [{ name: "x-note", value: "{{mkioToken}}" }], body: {} },
    ]);
    const result = await runCli([file, "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    const collection = JSON.parse(result.stdout);

    expect(collection.auth).toBeUndefined();
    expect(collection.event.map((event: { listen: string }) => event.listen)).toEqual([
      "prerequest",
      "test",
    ]);
    const request = collection.item[0].item[0].request;
    expect(request.auth.type).toBe("bearer");
    expect(request.header).toContainEqual({ key: "x-note", value: "{{noteHeader}}" });
    expect(collection.variable).toContainEqual(
      expect.objectContaining({ key: "noteHeader", value: "{{mkioToken}}" }),
    );
  });

  it("warns about a name Postman cannot keep", async () => {
    const file = writeHar(dir, "constructor.har", [
      { method: "PUT", url, headers: [{ name: "x-note", value: "{{constructor}}" }], body: {} },
    ]);
    const result = await runCli([file, "-f", "postman"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Create or Update Asset: header x-note:");
    expect(result.stderr).toContain("{{constructor}}");
  });
});
