import { loadCaptureText } from "./input.js";
import { parseCaptureJson } from "./parse-json.js";

/** One HAR 1.2 schema violation. */
export interface Violation {
  /** Path in the document, such as `log.entries[3].request.url`. */
  path: string;
  message: string;
}

interface AjvError {
  dataPath?: string;
  instancePath?: string;
  message?: string;
}

/**
 * Checks a capture against the HAR 1.2 schema with `har-validator`, which is loaded only here
 * because most runs do not need it. Reading and JSON errors raise as they do in conversion.
 */
export async function validateCapture(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<Violation[]> {
  const name = path === "-" ? "<stdin>" : path;
  const document = await parseCaptureJson(await loadCaptureText(path, stdin), name);
  const { default: validator } = await import("har-validator");
  try {
    await validator.har(document as never);
    return [];
  } catch (error) {
    const errors = ((error as { errors?: AjvError[] }).errors ?? []) as AjvError[];
    return errors.map((item) => ({
      path: (item.dataPath ?? item.instancePath ?? "").replace(/^[./]/, "") || "(root)",
      message: item.message ?? "invalid",
    }));
  }
}
