import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runProcess } from "./run-process.js";

/** The TypeScript compiler of the project's devDependencies. */
export const TSC = resolve("node_modules/.bin/tsc");

/** Stricter than `strict` alone, so generated modules also compile in demanding projects. */
export const STRICT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    verbatimModuleSyntax: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    types: ["node"],
    typeRoots: [resolve("node_modules/@types")],
    rootDir: ".",
    outDir: "out",
  },
  include: ["*/*.ts"],
};

/**
 * Creates a temporary ES module package with `STRICT_TSCONFIG`, which compiles the `.ts` files
 * of each first-level folder into `out/<folder>/`. Returns the package's path.
 */
export function createStrictProject(prefix: string): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(STRICT_TSCONFIG));
  return project;
}

/**
 * Runs tsc on a project and returns what it printed, one diagnostic per line. tsc runs inside
 * the project, because it names files relative to its working directory: `case/file.ts(3,5)`.
 */
export async function compileProject(project: string): Promise<string> {
  const tsc = await runProcess(TSC, ["-p", "."], { cwd: project });
  return tsc.stdout + tsc.stderr;
}
