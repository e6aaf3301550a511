import { camelCase } from "../../catalog/naming.js";
import { uniqueName } from "../../model/names.js";
import type { Operation, TemplatePart } from "../../model/types.js";
import { placeholder } from "./placeholders.js";
import type { CollectionVariable } from "./types.js";

/**
 * Postman has no escape for `{{` in a header value or a text body, so recorded text there that
 * contains `{{` is moved into a collection variable of its own, and the request refers to it.
 * The collection's pre-request script then inserts such values as they are (see
 * `encode-script.ts`).
 */

const FORM = /^application\/x-www-form-urlencoded/i;

/**
 * A reference as Postman's resolver finds it: the pattern of `Substitutor.REGEX_EXTRACT_VARS` in
 * postman-collection 4.4. A name contains no brace and may be empty.
 */
const POSTMAN_REFERENCE = /\{\{([^{}]*?)\}\}/g;

const LITERAL_NOTE = "Recorded text containing {{, which the collection's script sends as written.";

/** Tells whether recorded text contains `{{`, where Postman would look for a reference. */
export function needsLiteralVariable(text: string): boolean {
  return text.includes("{{");
}

/** Names the literal variable of a header: `x-ms-note` becomes `msNoteHeader`. */
export function headerLiteralBase(headerName: string): string {
  return camelCase(`${headerName.toLowerCase().replace(/^x-/, "")} header`);
}

/** Base name of the literal variables of text bodies. */
export const BODY_LITERAL_BASE = "bodyText";

/** Collection variables that contain recorded text with `{{`, one per distinct text. */
export class LiteralVariables {
  readonly variables: CollectionVariable[] = [];
  private readonly byText = new Map<string, string>();
  private readonly usedNames: Set<string>;

  /** `usedNames` are the collection variable names the collection already defines. */
  constructor(usedNames: Iterable<string>) {
    this.usedNames = new Set(usedNames);
  }

  /** Returns `text`, or when it contains `{{`, a reference to a variable with that value. */
  textOrReference(text: string, base: string): string {
    if (!needsLiteralVariable(text)) return text;
    const key = `${base}\n${text}`;
    let name = this.byText.get(key);
    if (name === undefined) {
      name = uniqueName(base, (candidate) => this.usedNames.has(candidate));
      this.usedNames.add(name);
      this.byText.set(key, name);
      this.variables.push({ key: name, value: text, type: "string", description: LITERAL_NOTE });
    }
    return placeholder(name);
  }
}

/** Lists the literal text of an operation's header values and text body, by place. */
function literalTexts(operation: Operation): { place: string; text: string }[] {
  const texts = (parts: readonly TemplatePart[]) =>
    parts.flatMap((part) => ("text" in part ? [part.text] : []));
  const found = operation.headers.flatMap((header) =>
    texts(header.parts).map((text) => ({ place: `header ${header.name}`, text })),
  );
  const body = operation.body;
  if (body?.kind === "text" && !FORM.test(body.mimeType)) {
    // A loop, not a spread: a body of many parts would exceed the arguments a call can take.
    for (const text of texts(body.parts)) found.push({ place: "text body", text });
  }
  return found;
}

/** Tells whether an operation has a header value or text body that needs a literal variable. */
export function hasLiteralText(operation: Operation): boolean {
  return literalTexts(operation).some(({ text }) => needsLiteralVariable(text));
}

/**
 * Lists, by place, the references in an operation's literal text that Postman resolves even
 * when the script defines them as themselves. postman-collection 4.4 looks names up in a plain
 * object, so `{{constructor}}` or `{{toString}}` finds an `Object.prototype` member, which no
 * variable can replace: newman 6.2 sends other text or, for `{{hasOwnProperty}}`, stops the run.
 */
export function unkeptReferences(operation: Operation): Map<string, string[]> {
  const byPlace = new Map<string, string[]>();
  for (const { place, text } of literalTexts(operation)) {
    for (const [reference, name = ""] of text.matchAll(POSTMAN_REFERENCE)) {
      if (!(name in Object.prototype)) continue;
      const references = byPlace.get(place) ?? [];
      if (!references.includes(reference)) references.push(reference);
      byPlace.set(place, references);
    }
  }
  return byPlace;
}
