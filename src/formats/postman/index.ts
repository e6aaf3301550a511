import type { Format } from "../format.js";
import { buildCollection } from "./collection.js";
import { COLLECTION_FILE } from "./types.js";

/** The Postman Collection v2.1.0 format, with CSV iteration data for repeated operations. */
export const postmanFormat: Format = {
  fileName: COLLECTION_FILE,
  async render(session, options) {
    const { collection, dataFiles } = buildCollection(session, options);
    const main = `${JSON.stringify(collection, null, 2)}\n`;
    return dataFiles.length > 0 ? { main, extraFiles: dataFiles } : { main };
  },
};
