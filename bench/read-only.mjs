// Reads a capture with har2mkio's streaming reader alone, as built into dist/, and counts the
// entries. The benchmark runs it to tell the reader's cost from the rest of a conversion. Like
// the command line with its default hosts, it skips the bodies of entries on other hosts.
import { Readable } from "node:stream";
import { readEntries } from "../dist/har/read.js";
import { DEFAULT_HOSTS } from "../dist/select/filters.js";
import { WarningList } from "../dist/warnings.js";

const options = {
  warnings: new WarningList(),
  stdin: Readable.from([]),
  needsBody: (request) => DEFAULT_HOSTS.includes(new URL(request.url).hostname),
};
let entries = 0;
for await (const entry of readEntries([process.argv[2] ?? ""], options)) {
  if (entry) entries++;
}
process.stdout.write(`${entries}\n`);
