import { execFileSync } from "node:child_process";
import {
  chmodSync,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

// Paths that name something other than a regular capture file. Each must fail fast with one
// line that names the path and what to do, or, for a FIFO, be read like standard input.
const dir = mkdtempSync(join(tmpdir(), "har2mkio-special-"));
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "portal-current-session.har");
const capture = readFileSync(FIXTURE);
const isRoot = process.getuid?.() === 0;

function path(name: string): string {
  return join(dir, name);
}

let socket: Server;
beforeAll(async () => {
  writeFileSync(path("empty.har"), "");
  writeFileSync(path("blank.har"), " \n\t ");
  symlinkSync(path("gone.har"), path("link.har"));
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(path("capture.sock"), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the command line and checks that it failed with one line and no stack trace. */
async function expectOneLineFailure(args: string[], message: RegExp) {
  const started = performance.now();
  const result = await runCli(args);
  const elapsed = performance.now() - started;
  const lines = result.stderr.trimEnd().split("\n");
  expect(result.code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(elapsed).toBeLessThan(2000);
}

const COMMANDS = [["-q"], ["validate"], ["--strict", "-q"]];

describe.each(COMMANDS)("%s", (...command) => {
  it.each([
    [
      "/dev/zero",
      () => "/dev/zero",
      /^error: \/dev\/zero: not valid JSON at .*byte 0: unexpected control character U\+0000/,
    ],
    [
      "/dev/null",
      () => "/dev/null",
      /^error: \/dev\/null: file is empty; export the capture again$/,
    ],
    [
      "an empty file",
      () => path("empty.har"),
      /empty\.har: file is empty; export the capture again$/,
    ],
    [
      "a file of whitespace",
      () => path("blank.har"),
      /blank\.har: file contains only whitespace \(4 bytes\); export the capture again$/,
    ],
    ["a directory", () => dir, /: is a directory; give a \.har file$/],
    ["a missing path", () => path("missing.har"), /missing\.har: file not found; check the path$/],
    [
      "a broken symbolic link",
      () => path("link.har"),
      /link\.har: symbolic link to .*gone\.har, which does not exist; fix the link/,
    ],
    [
      "a socket",
      () => path("capture.sock"),
      /capture\.sock: is a socket, not a file; save the capture to a file, or pipe it in/,
    ],
  ])("rejects %s", async (_case, target, message) => {
    await expectOneLineFailure([...command, target()], message);
  });

  it.skipIf(isRoot)("rejects a file without read permission (skipped as root)", async () => {
    const locked = path(`locked-${command.join("")}.har`);
    writeFileSync(locked, capture);
    chmodSync(locked, 0o000);
    await expectOneLineFailure([...command, locked], /locked.*: permission denied; check/);
  });
});

/** Makes a FIFO and writes `content` into it once a reader opens it. */
function fifoWith(name: string, content: Buffer | string): string {
  const fifo = path(name);
  execFileSync("mkfifo", [fifo]);
  const writer = createWriteStream(fifo);
  // A reader that stops early closes the FIFO, and the writer's EPIPE is expected then.
  writer.on("error", () => {});
  writer.end(content);
  return fifo;
}

describe("FIFO", () => {
  it("streams a capture like standard input", async () => {
    const fifo = fifoWith("capture.fifo", capture);
    const fromFile = await runCli([FIXTURE, "-f", "json"]);
    const fromFifo = await runCli([fifo, "-f", "json"]);
    expect(fromFifo.code).toBe(0);
    expect(fromFifo.stdout.replaceAll(fifo, "CAPTURE")).toBe(
      fromFile.stdout.replaceAll(FIXTURE, "CAPTURE"),
    );
  });

  it("is checked by validate", async () => {
    const result = await runCli(["validate", fifoWith("validate.fifo", capture)]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/validate\.fifo: valid HAR 1\.2/);
  });

  it("is refused by --strict, which reads a capture twice", async () => {
    // No writer: the FIFO is refused before it is opened, so nothing waits for one.
    const fifo = path("strict.fifo");
    execFileSync("mkfifo", [fifo]);
    const result = await runCli(["--strict", fifo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /strict\.fifo: --strict reads a capture twice, so it cannot read/,
    );
  });

  it("gives the byte offset of an error without reading again", async () => {
    const fifo = fifoWith("broken.fifo", '{"log":{"entries":[x]}}');
    await expectOneLineFailure(
      [fifo],
      /broken\.fifo: not valid JSON at byte 19, in log\.entries: unexpected "x"/,
    );
  });
});

describe.skipIf(process.platform !== "linux")("open files", () => {
  it("are closed after an error in the first chunk", async () => {
    const broken = path("first-chunk.har");
    writeFileSync(broken, '{"log":{"entries":[x]}}');
    const before = readdirSync("/proc/self/fd").length;
    for (let run = 0; run < 40; run++) await runCli(["-q", broken]);
    expect(readdirSync("/proc/self/fd").length).toBeLessThan(before + 5);
  });
});
