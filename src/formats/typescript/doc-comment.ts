import { tsCommentText } from "./literal.js";

/** The line width the generated module keeps to where it can. */
export const WIDTH = 100;

/**
 * Writes a top-level doc comment: on one line when it fits in `WIDTH`, otherwise wrapped at
 * spaces. The text is made safe for a comment first, so it may contain recorded keys.
 */
export function docComment(text: string): string {
  const safe = tsCommentText(text);
  const single = `/** ${safe} */`;
  if (single.length <= WIDTH) return single;

  const lines: string[] = [];
  let line = "";
  for (const word of safe.split(" ").filter((part) => part !== "")) {
    if (line !== "" && ` * ${line} ${word}`.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return ["/**", ...lines.map((text) => ` * ${text}`), " */"].join("\n");
}
