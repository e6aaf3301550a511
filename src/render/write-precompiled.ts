import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { BUILTIN_TEMPLATES, PRECOMPILED_MODULE } from "./handlebars.js";
import { precompiledModule } from "./precompile.js";

// Run by `npm run build` after tsc: writes the compiled built-in templates into dist/.
await writeFile(fileURLToPath(PRECOMPILED_MODULE), await precompiledModule(BUILTIN_TEMPLATES));
