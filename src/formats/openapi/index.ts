import { stringify } from "yaml";
import { loadCatalog } from "../../catalog/catalog.js";
import { learnOperations } from "../../schema/learn.js";
import type { Format } from "../format.js";
import { openApiDocument } from "./document.js";

/**
 * The OpenAPI format: an OpenAPI 3.1 document of the recorded operations, with request and
 * response schemas learned from the recorded bodies. It prints YAML; `--out` also writes the
 * same document as `openapi.json`.
 */
export const openapiFormat: Format = {
  fileName: "openapi.yaml",
  async render(session, options) {
    const document = openApiDocument(session, learnOperations(session, loadCatalog()), options);
    // Quoting by YAML 1.1 rules keeps `yes` and timestamps strings for 1.1 parsers (PyYAML) too;
    // the text stays YAML 1.2. An object used twice is written twice, not as an alias.
    const yaml = stringify(document, {
      version: "1.1",
      lineWidth: 0,
      aliasDuplicateObjects: false,
    });
    const json = `${JSON.stringify(document, null, 2)}\n`;
    return { main: yaml, extraFiles: [{ name: "openapi.json", content: json }] };
  },
};
