#!/usr/bin/env node
import { runFromProcess } from "../dist/cli/main.js";

runFromProcess();
