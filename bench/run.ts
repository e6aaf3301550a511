import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeCapture } from "./generate.js";
import { type Measurement, measure, median } from "./measure.js";

// Runs the benchmark that BENCHMARKS.md reports: har2mkio against a JSON.parse baseline on
// generated captures, and its startup on a small capture against `node -e 0`.

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "bench", "out");
const CLI = join(ROOT, "bin", "har2mkio.js");
const BASELINE = join(ROOT, "bench", "baseline.mjs");
const READER = join(ROOT, "bench", "read-only.mjs");
const MEGABYTE = 1_000_000;
const KIB_PER_MIB = 1024;

const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: "20,200,1000" },
    runs: { type: "string", default: "5" },
    "startup-runs": { type: "string", default: "11" },
    keep: { type: "boolean", default: false },
  },
});

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(", ");
}

function machine(): string[] {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
  const free = execFileSync("free", ["-h"], { encoding: "utf8" }).trimEnd();
  return [
    `- CPU: ${cpu ?? "unknown"}, ${availableParallelism()} cores (nproc)`,
    `- Node.js ${process.version}`,
    `- load average (1, 5, 15 min) at the start: ${loadAverage()}`,
    "- memory (free -h):",
    "",
    "```",
    free,
    "```",
  ];
}

/**
 * Runs each command `count` times in a rotating order, so that a noisy machine slows all of
 * them alike. Returns the measurements of each command in the order given.
 */
async function rotate(
  count: number,
  commands: (() => Promise<Measurement>)[],
): Promise<Measurement[][]> {
  const results: Measurement[][] = commands.map(() => []);
  for (let run = 0; run < count; run++) {
    for (let step = 0; step < commands.length; step++) {
      const position = (run + step) % commands.length;
      const command = commands[position];
      if (command) results[position]?.push(await command());
    }
  }
  return results;
}

/** Median wall time, speed and peak RSS of some runs as table cells, or why they failed. */
function cells(measurements: Measurement[], bytes: number): string[] {
  const failed = measurements.find((m) => m.exitCode !== 0);
  if (failed) return [`failed: ${failed.lastError}`, "", ""];
  const wallMs = median(measurements.map((m) => m.wallMs));
  const rssMiB = median(measurements.map((m) => m.peakRssKiB)) / KIB_PER_MIB;
  const speed = bytes / MEGABYTE / (wallMs / 1000);
  return [
    `${(wallMs / 1000).toFixed(2)} s`,
    `${speed.toFixed(0)} MB/s`,
    `${rssMiB.toFixed(0)} MiB`,
  ];
}

function convert(path: string): Promise<Measurement> {
  return measure(process.execPath, [CLI, path, "-f", "curl", "-q"]);
}

/** Writes the sanitized copy to stdout, which `measure` sends to /dev/null, so it needs no disk. */
function sanitize(path: string): Promise<Measurement> {
  return measure(process.execPath, [CLI, "sanitize", path, "-o", "-"]);
}

/** The row of one capture size in each table. */
interface SizeRows {
  throughput: string;
  sanitize: string;
}

async function benchSize(megabytes: number, runs: number): Promise<SizeRows> {
  const path = join(OUT, `capture-${megabytes}mb.har`);
  log(`generating ${path}`);
  const shape = { targetBytes: megabytes * MEGABYTE, mediaBytes: 64 * 1024, mkioEvery: 20 };
  const stats = writeCapture(path, shape);
  log(`measuring ${runs} runs of each on ${megabytes} MB`);
  const [tool = [], base = [], reader = []] = await rotate(runs, [
    () => convert(path),
    () => measure(process.execPath, [BASELINE, path]),
    () => measure(process.execPath, [READER, path]),
  ]);
  // Measured apart from the rotation above, so that the other commands' numbers do not change.
  log(`measuring ${runs} runs of sanitize on ${megabytes} MB`);
  const [sanitized = []] = await rotate(runs, [() => sanitize(path)]);
  if (!options.keep) rmSync(path);
  const failed = tool.find((m) => m.exitCode !== 0);
  if (failed) throw new Error(`har2mkio failed on ${path}: ${failed.lastError}`);
  const ratio = base.some((m) => m.exitCode !== 0)
    ? "n/a"
    : (median(tool.map((m) => m.wallMs)) / median(base.map((m) => m.wallMs))).toFixed(2);
  const capture = `${(stats.bytes / MEGABYTE).toFixed(0)} MB`;
  const row = [
    capture,
    String(stats.entries),
    String(stats.mkioCalls),
    ...cells(tool, stats.bytes),
    ...cells(base, stats.bytes),
    ratio,
    ...cells(reader, stats.bytes),
  ];
  const sanitizeRow = [capture, String(stats.entries), ...cells(sanitized, stats.bytes)];
  return { throughput: `| ${row.join(" | ")} |`, sanitize: `| ${sanitizeRow.join(" | ")} |` };
}

async function benchStartup(runs: number): Promise<string[]> {
  const path = join(OUT, "capture-10kb.har");
  const stats = writeCapture(path, { targetBytes: 10_000, mediaBytes: 1024, mkioEvery: 2 });
  log(`measuring startup, ${runs} runs of each`);
  const [tool = [], bare = []] = await rotate(runs, [
    () => convert(path),
    () => measure(process.execPath, ["-e", "0"]),
  ]);
  if (!options.keep) rmSync(path);
  if (tool.some((m) => m.exitCode !== 0)) throw new Error(`har2mkio failed on ${path}`);
  const ours = median(tool.map((m) => m.wallMs));
  const node = median(bare.map((m) => m.wallMs));
  return [
    "| capture | har2mkio | `node -e 0` | har2mkio / node |",
    "| --- | --- | --- | --- |",
    `| ${(stats.bytes / 1000).toFixed(0)} KB, ${stats.entries} entries | ${ours.toFixed(0)} ms | ` +
      `${node.toFixed(0)} ms | ${(ours / node).toFixed(2)} |`,
  ];
}

const THROUGHPUT_HEADER = [
  "| capture | entries | MK/IO calls | har2mkio wall | har2mkio speed | har2mkio peak RSS " +
    "| baseline wall | baseline speed | baseline peak RSS | har2mkio / baseline " +
    "| reader alone wall | reader alone speed | reader alone peak RSS |",
  `|${" --- |".repeat(13)}`,
];

const SANITIZE_HEADER = [
  "| capture | entries | sanitize wall | sanitize speed | sanitize peak RSS |",
  `|${" --- |".repeat(5)}`,
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  log("building with npm run build");
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (build.status !== 0) throw new Error("npm run build failed");
  const lines = ["## Machine", "", ...machine(), "", "## Startup", ""];
  lines.push(...(await benchStartup(Number(options["startup-runs"]))));
  lines.push("", "## Throughput and memory", "", ...THROUGHPUT_HEADER);
  const sanitizeRows: string[] = [];
  for (const size of options.sizes.split(",").map(Number)) {
    const rows = await benchSize(size, Number(options.runs));
    lines.push(rows.throughput);
    sanitizeRows.push(rows.sanitize);
  }
  lines.push("", "## Sanitize (`sanitize FILE -o -`)", "", ...SANITIZE_HEADER, ...sanitizeRows);
  lines.push("", `Load average (1, 5, 15 min) at the end: ${loadAverage()}`);
  const report = `${lines.join("\n")}\n`;
  writeFileSync(join(OUT, "results.md"), report);
  process.stdout.write(report);
}

await main();
