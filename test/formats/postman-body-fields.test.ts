import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bodyFieldsText, MAX_FIELD_ROWS } from "../../src/formats/postman/body-fields.js";
import type { JsonSchema } from "../../src/schema/index.js";
import { ISO_8601_DURATION_PATTERN } from "../../src/schema/string-formats.js";
import { writeHar } from "../support/har-builder.js";
import { runCli } from "../support/run-cli.js";

/** Returns the table rows of a description, without the header and separator rows. */
function rows(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("| `"));
}

/** Builds the schema of a body of four samples with one field, which every sample had. */
function bodyWith(field: JsonSchema): JsonSchema {
  return { type: "object", "x-samples": 4, properties: { field }, required: ["field"] };
}

describe("bodyFieldsText", () => {
  it("lists type, required, allowed values and count", () => {
    const text = bodyFieldsText({
      type: "object",
      "x-samples": 6,
      properties: {
        policy: { type: "string", enum: ["Delete", "Retain"], "x-samples": 6 },
        alternateId: { type: ["string", "null"], "x-samples": 2 },
      },
      required: ["policy"],
    });
    expect(text).toContain("learned from 6 recorded bodies");
    expect(rows(text)).toEqual([
      '| `policy` | string | yes | `"Delete"`, `"Retain"` | 6 of 6 |',
      "| `alternateId` | string or null | no |  | 2 of 6 |",
    ]);
  });

  it.each<[string, JsonSchema, string]>([
    ["a format", { type: "string", format: "uuid" }, "string (uuid)"],
    [
      "a duration pattern",
      { type: "string", pattern: ISO_8601_DURATION_PATTERN },
      "string (ISO 8601 duration)",
    ],
    [
      "a free-form map",
      { type: "object", additionalProperties: { type: "string" } },
      "object (map of string)",
    ],
    [
      "an array of a union",
      { type: "array", items: { type: ["string", "null"] } },
      "array of (string or null)",
    ],
    ["an always empty array", { type: "array" }, "array (always empty)"],
    ["no type", {}, "unknown"],
  ])("describes %s", (_, field, expected) => {
    const [row] = rows(bodyFieldsText(bodyWith(field)));
    expect(row?.split(" | ")[1]).toBe(expected);
  });

  it("lists an enum with null", () => {
    const [row] = rows(bodyFieldsText(bodyWith({ type: ["string", "null"], enum: ["a", null] })));
    expect(row).toContain('| `"a"`, `null` |');
  });

  it("escapes a pipe in a key and in a value", () => {
    const schema = bodyWith({ type: "string", enum: ["a|b", "c"] });
    schema.properties = { "x|y": schema.properties?.field ?? {} };
    const [row] = rows(bodyFieldsText(schema));
    expect(row).toBe('| `x\\|y` | string | no | `"a\\|b"`, `"c"` | 0 of 4 |');
  });

  it("lists the fields of array items", () => {
    const items: JsonSchema = { type: "object", properties: { name: { type: "string" } } };
    const text = bodyFieldsText(bodyWith({ type: "array", items }));
    expect(rows(text).map((row) => row.split(" | ")[0])).toEqual(["| `field`", "| `field[].name`"]);
  });

  it("returns nothing for a body without fields", () => {
    expect(bodyFieldsText({ type: "string", "x-samples": 1 })).toBe("");
    expect(bodyFieldsText({ type: "object", "x-samples": 1 })).toBe("");
  });

  it("stops after the maximum number of rows", () => {
    const properties: Record<string, JsonSchema> = {};
    for (let index = 0; index < MAX_FIELD_ROWS + 5; index += 1) {
      properties[`field${index}`] = { type: "string", "x-samples": 1 };
    }
    const text = bodyFieldsText({ type: "object", "x-samples": 1, properties });
    expect(rows(text)).toHaveLength(MAX_FIELD_ROWS);
    expect(text).toContain("5 more fields are not listed. `har2mkio schema` reports them all.");
  });
});

describe("postman request description", () => {
  // Four live events: `encodingType` and `accessToken` each take two values twice, which the
  // enum rule turns into an enum unless the field is secret.
  const encodings = ["PassthroughBasic", "PassthroughStandard"];
  const tokens = ["a1b2c3d4e5f6", "f6e5d4c3b2a1"];
  const requests = [0, 1, 2, 3].map((index) => ({
    method: "PUT",
    url: `https://api.mk.io/api/v1/projects/demo/media/liveEvents/event-${index}`,
    body: {
      location: "westeurope",
      properties: {
        encoding: { encodingType: encodings[index % 2] },
        input: { streamingProtocol: "RTMP", accessToken: tokens[index % 2] },
      },
    },
    status: 201,
  }));

  async function descriptions(): Promise<{ stdout: string; text: string }> {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-postman-fields-"));
    const result = await runCli([writeHar(dir, "live.har", requests), "-f", "postman"]);
    rmSync(dir, { recursive: true, force: true });
    expect(result.code, result.stderr).toBe(0);
    const collection = JSON.parse(result.stdout);
    const items = collection.item.flatMap((folder: { item: unknown[] }) => folder.item);
    const text = items
      .map((item: { request: { description: string } }) => item.request.description)
      .join("\n");
    return { stdout: result.stdout, text };
  }

  it("lists the allowed values of a field", async () => {
    const { text } = await descriptions();
    expect(text).toContain(
      "| `properties.encoding.encodingType` | string | yes | " +
        '`"PassthroughBasic"`, `"PassthroughStandard"` | 4 of 4 |',
    );
  });

  it("lists no value of a secret field", async () => {
    const { stdout, text } = await descriptions();
    expect(text).toContain("| `properties.input.accessToken` | string | yes |  | 4 of 4 |");
    for (const token of tokens) expect(stdout).not.toContain(token);
  });
});
