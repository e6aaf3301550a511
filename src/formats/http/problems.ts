/**
 * Checks for recorded header values and plain-text bodies, which `.http` syntax has no escape
 * for. A request with one of these problems is still written, with a comment that names it.
 */

// NOTE: header values and bodies other than JSON and forms are written exactly as recorded. The
// runners read some of that text as syntax (`{{`, a line starting with `#`, `//`, `@` or `<`, a
// header value ending in a comma), and it cannot be escaped there, so the request gets a comment.

/** Line starts that REST Client or httpyac 6 read as something other than body text. */
const SYNTAX_LINE_STARTS = [/^\s*(#|\/\/|\/\*|@|<|>|\?\?|\{\{)/, /^\s*[A-Z]+\s+\S/, /^\s*HTTP\//i];

/** Returns why a header value cannot be sent as recorded, or undefined when it can. */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return "a header value contains a line break";
  // httpyac 6.16 matches a header line with `.`, which does not match these two characters.
  if (/[\u2028\u2029]/.test(value)) {
    return "a header value contains U+2028 or U+2029, where httpyac ends the headers";
  }
  if (value.includes("{{") || value.includes("\\{\\{")) {
    return "a header value contains {{, which both runners expand";
  }
  if (/,\s*$/.test(value)) return "a header value ends with a comma, which httpyac drops";
  return undefined;
}

/** Lists the reasons a plain-text body may not be sent as recorded, none when it will be. */
export function textBodyProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  if (text.includes("{{") || text.includes("\\{\\{")) {
    problems.push("the body contains {{, which both runners expand");
  }
  if (lines.some((line) => SYNTAX_LINE_STARTS.some((start) => start.test(line)))) {
    problems.push("a body line starts like request syntax and may be read as such");
  }
  if (lines.some((line) => /={3}\s*(wait-for-server)?\s*$/.test(line))) {
    problems.push("a body line ends with ===, where httpyac splits the body");
  }
  if (text.includes("\r") || text.includes("<--->")) {
    problems.push("the body contains a carriage return or <--->, which the runners change");
  }
  if (/^\s|\s$/.test(text)) {
    problems.push("the body starts or ends with whitespace, which the runners trim");
  }
  return problems;
}
