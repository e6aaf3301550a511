import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curlView } from "../../src/formats/curl/index.js";
import type { RenderOptions } from "../../src/formats/format.js";
import { httpView } from "../../src/formats/http/index.js";
import { powershellView } from "../../src/formats/powershell/index.js";
import { pythonView } from "../../src/formats/python/index.js";
import { typescriptView } from "../../src/formats/typescript/index.js";
import type { SessionModel } from "../../src/model/types.js";
import {
  BUILTIN_TEMPLATES,
  bindSpec,
  renderTemplateFile,
  type TemplateSpec,
} from "../../src/render/handlebars.js";
import { precompiledModule } from "../../src/render/precompile.js";
import { WarningList } from "../../src/warnings.js";
import { sessionOf } from "../support/session.js";

const VIEWS: Record<string, (session: SessionModel, options: RenderOptions) => unknown> = {
  "curl/script.sh.hbs": curlView,
  "http/requests.http.hbs": httpView,
  "powershell/requests.ps1.hbs": powershellView,
  "python/client.py.hbs": pythonView,
  "typescript/client.ts.hbs": typescriptView,
};

const FIXTURES = [
  "fixtures/portal-current-session.har",
  "fixtures/portal-legacy-session.har",
  "fixtures/reader-quirks.har",
];

describe("templates compiled by the build", () => {
  let dir: string;
  let specs: Record<string, TemplateSpec>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "har2mkio-precompiled-"));
    const path = join(dir, "templates.generated.js");
    await writeFile(path, await precompiledModule(BUILTIN_TEMPLATES));
    specs = ((await import(pathToFileURL(path).href)) as { default: typeof specs }).default;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("contains every format template", () => {
    expect(Object.keys(specs)).toEqual(expect.arrayContaining(Object.keys(VIEWS)));
  });

  for (const fixture of FIXTURES) {
    it(`renders ${fixture} as the compiler does`, async () => {
      const session = await sessionOf(fixture);
      const options = { baseUrl: "https://api.mk.io", warnings: new WarningList() };
      for (const [file, viewOf] of Object.entries(VIEWS)) {
        const view = viewOf(session, options);
        const spec = specs[file];
        if (!spec) throw new Error(`${file} was not compiled`);
        const fromBuild = (await bindSpec(spec, {}))(view);
        const compiled = await renderTemplateFile(join(BUILTIN_TEMPLATES, file), view, {});
        expect(fromBuild.length, file).toBeGreaterThan(100);
        expect(fromBuild, file).toBe(compiled);
      }
    });
  }
});
