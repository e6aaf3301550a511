/** A string, number or punctuator token of JSON text, by its offsets in the text. */
export interface JsonToken {
  type: "string" | "number" | "punctuator";
  start: number;
  /** Offset just past the token. */
  end: number;
}

/** A JSON number token. A leading `-` is part of it, as in the JSON grammar. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Returns the offset just past the string token that starts at `start`, or the text's end. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (char === "\\") index++;
    else if (char === '"') return index + 1;
  }
  return text.length;
}

/**
 * Lists the string, number and punctuator tokens of JSON text in order, without recursion.
 * Whitespace and the literals `true`, `false` and `null` are skipped. The text is expected to be
 * valid JSON, but other text gives tokens without an error.
 */
export function* jsonTokens(text: string): Generator<JsonToken> {
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? "";
    if (char === '"') {
      const end = stringEnd(text, index);
      yield { type: "string", start: index, end };
      index = end;
      continue;
    }
    if ("{}[]:,".includes(char)) {
      yield { type: "punctuator", start: index, end: index + 1 };
      index++;
      continue;
    }
    NUMBER.lastIndex = index;
    const number = NUMBER.exec(text);
    if (number) {
      const end = index + number[0].length;
      yield { type: "number", start: index, end };
      index = end;
      continue;
    }
    index++;
  }
}
