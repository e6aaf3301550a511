#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";

// The reader keeps little alive, but V8 doubles its young generation each time enough objects
// have survived in total, so a long run over a large capture would end with a larger heap than
// a short one. Keeping the young generation at its starting size keeps memory flat; the
// flag is read each time V8 would grow it.
setFlagsFromString("--semi-space-growth-factor=1");

const { runFromProcess } = await import("../dist/cli/main.js");
runFromProcess();
