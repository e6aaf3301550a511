import type { DocumentPart } from "../har/read-document.js";
import type { Frame } from "../har/scanner.js";
import { isSecretName } from "../model/secrets.js";
import { stringifyJson } from "./json-text.js";
import type { KnownSecrets } from "./known-secrets.js";
import { collectMemberSecrets, redactPages } from "./redact-har.js";
import { redactJson } from "./redact-json.js";
import { REDACTED } from "./redact-text.js";

/** Returns the redacted copy of one element of `log.entries`. */
export type EntryRedactor = (entry: unknown) => unknown;

/** Redacts a member of the root object or of `log` other than `log.entries`. */
function redactMember(
  part: Extract<DocumentPart, { kind: "member" }>,
  known: KnownSecrets | undefined,
): unknown {
  const { parent, key, value } = part;
  if (isSecretName(key) && value !== null && typeof value !== "boolean") return REDACTED;
  if (parent === "log" && key === "pages") return redactPages(value, known);
  return redactJson(value, { known });
}

/**
 * Turns the parts of a capture, in document order, into the text of its sanitized copy: the same
 * members in the same order, with each entry on a line of its own. Every value is redacted:
 * entries by the given function, and `pages`, `creator`, `comment`, browser `_` fields and
 * unknown members like a JSON body.
 */
export class SanitizedDocument {
  /** Number of elements of `log.entries` written. */
  entryCount = 0;
  /** The open containers, innermost last, with the number of members written into each. */
  private readonly open: { frame: Frame; written: number }[] = [];

  /** `known`: secret values seen in the capture, replaced in members outside the entries too. */
  constructor(
    private readonly redactEntry: EntryRedactor,
    private readonly known?: KnownSecrets,
  ) {}

  /** Returns the text that continues the copy with this part. */
  textOf(part: DocumentPart): string {
    switch (part.kind) {
      case "open":
        return this.openText(part.frame);
      case "close":
        return this.closeText();
      case "member": {
        const key = JSON.stringify(part.key);
        if (this.known) collectMemberSecrets(part.key, part.value, this.known);
        return `${this.separator()}${key}:${stringifyJson(redactMember(part, this.known))}`;
      }
      case "entry":
        this.entryCount++;
        return `${this.separator()}\n${stringifyJson(this.redactEntry(part.value))}`;
    }
  }

  private openText(frame: Frame): string {
    const prefix = this.open.length === 0 ? "" : this.separator();
    this.open.push({ frame, written: 0 });
    if (frame === "root") return "{";
    return frame === "log" ? `${prefix}"log":{` : `${prefix}"entries":[`;
  }

  private closeText(): string {
    const closed = this.open.pop();
    if (closed?.frame === "entries") return closed.written > 0 ? "\n]" : "]";
    return closed?.frame === "log" ? "}" : "}\n";
  }

  /** Returns the comma that goes before the next member of the innermost container, if any. */
  private separator(): string {
    const innermost = this.open[this.open.length - 1];
    if (!innermost) return "";
    innermost.written++;
    return innermost.written > 1 ? "," : "";
  }
}
