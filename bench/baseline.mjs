// The benchmark's baseline: what a short script does without streaming. It reads the whole
// capture into one string, parses it with JSON.parse and counts the entries sent to the MK/IO
// API. Captures over about 512 MiB fail with ERR_STRING_TOO_LONG.
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2] ?? "", "utf8");
let calls = 0;
for (const entry of JSON.parse(text).log.entries) {
  if (new URL(entry.request.url).hostname === "api.mk.io") calls++;
}
process.stdout.write(`${calls}\n`);
