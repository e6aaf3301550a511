import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ParamPlaces, paramPlaces } from "../../src/formats/typescript/param-places.js";
import { SchemaTypeWriter } from "../../src/formats/typescript/schema-type.js";
import { TypeNames } from "../../src/formats/typescript/type-names.js";
import { ParamRef } from "../../src/model/types.js";
import type { JsonSchema } from "../../src/schema/index.js";
import { expectedFile } from "../support/expected-file.js";
import { type RecordingServer, startRecordingServer } from "../support/recording-server.js";
import { expectReplayed } from "../support/replay-check.js";
import { runCli } from "../support/run-cli.js";
import { runProcess } from "../support/run-process.js";
import { compileProject, createStrictProject } from "../support/typescript-project.js";

// Two captures of one asset migration. Together their six asset PUTs give a learned schema with
// optional fields (`alternateId`, `labels`) and an enum (`containerDeletionPolicy`).
const PARTS = ["fixtures/asset-migration-part1.har", "fixtures/asset-migration-part2.har"];
const FOLDER = "asset-migration";
const TOKEN = "replay-test-token";

const IMPORT = 'import type { CreateOrUpdateAssetBody } from "./mkio-client.js";';

/** A program that uses the learned body type as intended: it must compile without a message. */
const VALID_PROGRAM = `${IMPORT}

// Leaves out the optional labels, sets the optional alternateId, and reads it back.
export const body: CreateOrUpdateAssetBody = {
  properties: {
    container: "migr-s03e01",
    storageAccountName: "archivestore",
    description: "Season 3, episode 1",
    containerDeletionPolicy: "Delete",
    alternateId: null,
  },
};
export const alternateId: string | null | undefined = body.properties.alternateId;
export const policy: "Delete" | "Retain" = body.properties.containerDeletionPolicy;
`;

const FIELDS = 'container: "c", storageAccountName: "s", description: "d"';

/** Writes a program that exports a body with the given `properties`, then `rest`. */
function program(properties: string, rest = ""): string {
  const body = `export const body: CreateOrUpdateAssetBody = { properties: { ${properties} } };`;
  return `${IMPORT}\n\n${body}\n${rest}`;
}

/** Programs that misuse the learned body type in one way each, with the tsc error it causes. */
const REJECTED_PROGRAMS: [string, string, string, string][] = [
  [
    "a value outside the enum",
    "outside-enum",
    program(`${FIELDS}, containerDeletionPolicy: "Archive"`),
    `error TS2322: Type '"Archive"' is not assignable to type '"Delete" | "Retain"'.`,
  ],
  [
    "a missing required field",
    "missing-required",
    program('storageAccountName: "s", description: "d", containerDeletionPolicy: "Retain"'),
    "error TS2741: Property 'container' is missing",
  ],
  [
    "an optional field read as always present",
    "optional-as-present",
    program(
      `${FIELDS}, containerDeletionPolicy: "Retain"`,
      "export const id: string | null = body.properties.alternateId;\n",
    ),
    "error TS2322: Type 'string | null | undefined' is not assignable to type 'string | null'.",
  ],
];

const project = createStrictProject("har2mkio-ts-schema-");
const folder = join(project, FOLDER);
let module = "";
let tscOutput = "";
let server: RecordingServer;

/** Returns the tsc diagnostics about one file of the project's folder. */
function diagnostics(file: string): string[] {
  return tscOutput.split("\n").filter((line) => line.startsWith(`${FOLDER}/${file}(`));
}

beforeAll(async () => {
  server = await startRecordingServer();
  const generated = await runCli(["--format", "typescript", ...PARTS]);
  if (generated.code !== 0) throw new Error(`har2mkio failed: ${generated.stderr}`);
  module = generated.stdout;
  mkdirSync(folder);
  writeFileSync(join(folder, "mkio-client.ts"), module);
  writeFileSync(join(folder, "valid-program.ts"), VALID_PROGRAM);
  for (const [, file, text] of REJECTED_PROGRAMS) writeFileSync(join(folder, `${file}.ts`), text);
  tscOutput = await compileProject(project);
});
afterAll(async () => {
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

describe("typescript body types learned from two captures", () => {
  it("declare one body type for all six templates", () => {
    expect(module.match(/export interface CreateOrUpdateAssetBody /g)).toHaveLength(1);
    expect(module.match(/const body: CreateOrUpdateAssetBody = /g)).toHaveLength(6);
  });

  it.each([
    ["a field some bodies lacked", "    alternateId?: string | null;\n"],
    ["an undocumented field some bodies lacked", "    amsAssetId?: string;\n"],
    ["a free-form map some bodies lacked", "  labels?: Record<string, string>;\n"],
  ])("mark %s optional", (_, line) => {
    expect(module).toContain(line);
  });

  it("keep a field every body had required", () => {
    expect(module).toContain("    container: string;\n");
  });

  it("write the enum as a union of string literals", () => {
    expect(module).toContain('    containerDeletionPolicy: "Delete" | "Retain";\n');
  });

  it("match the reviewed module", () => {
    expect(module).toBe(expectedFile("asset-migration.ts", module));
  });

  it("type-check the module in strict mode", () => {
    expect(diagnostics("mkio-client.ts")).toEqual([]);
  });

  it("accept a program that uses an optional field", () => {
    expect(diagnostics("valid-program.ts")).toEqual([]);
  });

  it.each(REJECTED_PROGRAMS)("reject %s", (_, file, _text, error) => {
    const lines = diagnostics(`${file}.ts`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(error);
  });

  it("replay every recorded call of both captures with node", async () => {
    // One HAR with the entries of both parts, in order, gives the calls the replay must send.
    const entries = PARTS.flatMap((part) => JSON.parse(readFileSync(part, "utf8")).log.entries);
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-ts-parts-"));
    const joined = join(dir, "asset-migration.har");
    writeFileSync(joined, JSON.stringify({ log: { version: "1.2", entries } }));

    server.requests.length = 0;
    const env = { PATH: process.env.PATH, MKIO_TOKEN: TOKEN, MKIO_BASE_URL: server.baseUrl };
    const result = await runProcess("node", [join(project, "out", FOLDER, "mkio-client.js")], {
      env,
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expectReplayed(server.requests, joined, TOKEN);
    rmSync(dir, { recursive: true, force: true });
  });
});

/** Writes the body type of a schema as the module would, for the operation key `createJob`. */
function writeType(schema: JsonSchema, params?: ParamPlaces, names = new TypeNames()) {
  const writer = new SchemaTypeWriter(names, "CreateJob", "CreateJobBody");
  return { type: writer.bodyType(schema, params), declarations: writer.declarations };
}

const OUTPUTS: JsonSchema = {
  type: "object",
  properties: {
    outputs: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
  },
  required: ["outputs"],
};

describe("SchemaTypeWriter", () => {
  it.each<[string, JsonSchema, string]>([
    [
      "an enum with null as a union",
      { type: ["string", "null"], enum: ["a", "b", null] },
      '"a" | "b" | null',
    ],
    ["an integer as number", { type: "integer" }, "number"],
    ["a type list as a union", { type: ["number", "boolean"] }, "number | boolean"],
    [
      "a free-form map as a Record",
      { type: "object", additionalProperties: { type: "string" } },
      "Record<string, string>",
    ],
    ["an object without properties as a Record", { type: "object" }, "Record<string, unknown>"],
    ["an always empty array", { type: "array" }, "unknown[]"],
    [
      "an array of a union",
      { type: "array", items: { type: ["string", "null"] } },
      "(string | null)[]",
    ],
    [
      "an array of an enum",
      { type: "array", items: { type: "string", enum: ["x", "y"] } },
      '("x" | "y")[]',
    ],
    ["a schema without a type as unknown", {}, "unknown"],
    [
      "a property missing from required as optional",
      { type: "object", properties: { "@odata.type": { type: "string" } } },
      '{\n  "@odata.type"?: string;\n}',
    ],
  ])("writes %s", (_, schema, expected) => {
    expect(writeType(schema).type).toBe(expected);
  });

  it("types a parameter's place string instead of its enum", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: { policy: { type: "string", enum: ["Delete", "Retain"] } },
      required: ["policy"],
    };
    const params = paramPlaces([{ policy: new ParamRef("policy") }]);
    expect(writeType(schema, params).type).toBe("{\n  policy: string;\n}");
  });

  it("declares an interface for object items", () => {
    const { type, declarations } = writeType(OUTPUTS);
    expect(type).toBe("{\n  outputs: CreateJobOutputsItem[];\n}");
    expect(declarations).toEqual([
      "/** One item of `outputs` in CreateJobBody. */\n" +
        "export interface CreateJobOutputsItem {\n  name: string;\n}",
    ]);
  });

  it("numbers an item interface whose name is taken", () => {
    const names = new TypeNames();
    names.claim("CreateJobOutputsItem");
    expect(writeType(OUTPUTS, undefined, names).type).toContain("CreateJobOutputsItem2[]");
  });

  it("names the items of a body that is an array", () => {
    const { type } = writeType({ type: "array", items: OUTPUTS });
    expect(type).toBe("CreateJobBodyItem[]");
  });

  it("declares outer item interfaces before nested ones", () => {
    const nested: JsonSchema = {
      type: "array",
      items: { type: "object", properties: { tracks: OUTPUTS.properties?.outputs ?? {} } },
    };
    const { declarations } = writeType({ type: "object", properties: { groups: nested } });
    const names = declarations.map((text) => text.match(/interface (\w+)/)?.[1]);
    expect(names).toEqual(["CreateJobGroupsItem", "CreateJobTracksItem"]);
  });
});
