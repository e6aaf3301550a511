import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TempFiles } from "../../src/cli/temp-files.js";
import { safeFileName, writeOutDir } from "../../src/cli/write-out.js";

describe("safe file names", () => {
  it.each([
    ["Create or Update Asset.csv", "Create or Update Asset.csv"],
    ["../../etc/passwd", "-..-etc-passwd"],
    ['a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"],
    [".hidden", "hidden"],
    ["CON", "_CON"],
    ["nul.txt", "_nul.txt"],
    ["line\nbreak\u0000nul", "line-break-nul"],
    ["", "output"],
    ["x".repeat(300), "x".repeat(100)],
  ])("turns %j into %j", (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
});

describe("output folder", () => {
  it("numbers files whose safe names collide", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-write-"));
    const files = ["a/b.csv", "a:b.csv", "A-B.csv"].map((name) => ({
      name,
      content: name,
      description: "",
    }));
    const written = await writeOutDir(dir, files, false);
    expect(written.map((path) => path.slice(dir.length + 1))).toEqual([
      "a-b.csv",
      "a-b-2.csv",
      "A-B-3.csv",
    ]);
  });

  it("removes tracked temporary files", () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-temp-"));
    const path = join(dir, "half-written.tmp");
    writeFileSync(path, "partial");
    const temps = new TempFiles();
    temps.add(path);
    temps.removeAll();
    expect(existsSync(path)).toBe(false);
    temps.delete(path);
  });

  it("leaves no temporary file after writing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "har2mkio-clean-"));
    await writeOutDir(dir, [{ name: "x.txt", content: "x", description: "" }], false);
    expect(readdirSync(dir)).toEqual(["x.txt"]);
  });
});
