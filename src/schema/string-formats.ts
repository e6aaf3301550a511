/** Recognises the string formats that schema inference reports. */

/**
 * A format every value of a field can show. `duration` is the JSON Schema format, which follows
 * RFC 3339 Appendix A and takes whole numbers only. `iso-8601-duration` also allows a fraction of
 * seconds, such as `PT0.5S`; JSON Schema names no such format, so it is written as a `pattern`.
 */
export type StringFormat = "uuid" | "date-time" | "uri" | "duration" | "iso-8601-duration";

/** All formats, in the order a value is tested and a schema prefers them. */
export const STRING_FORMATS: readonly StringFormat[] = [
  "uuid",
  "date-time",
  "uri",
  "duration",
  "iso-8601-duration",
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// RFC 3339 section 5.6 with the `T` separator, which every MK/IO timestamp uses.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

// Absolute URLs with an authority; bare `urn:` or `mailto:` values are left unformatted.
const URI = /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/i;

/** The `duration` production of RFC 3339 Appendix A, as lenient as ajv-formats 3 about order. */
const DURATION = /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|\d+W)$/;

/** ISO 8601 durations as MK/IO writes them, with an optional fraction of seconds. */
export const ISO_8601_DURATION_PATTERN =
  "^P(?!$)((\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+([.,]\\d+)?S)?)?|\\d+W)$";

const ISO_8601_DURATION = new RegExp(ISO_8601_DURATION_PATTERN);

function isDateTime(value: string): boolean {
  return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function isUri(value: string): boolean {
  return URI.test(value) && URL.canParse(value);
}

const TESTS: Record<StringFormat, (value: string) => boolean> = {
  uuid: (value) => UUID.test(value),
  "date-time": isDateTime,
  uri: isUri,
  duration: (value) => DURATION.test(value),
  "iso-8601-duration": (value) => ISO_8601_DURATION.test(value),
};

/** Lists the formats a string value shows. */
export function formatsOf(value: string): StringFormat[] {
  return STRING_FORMATS.filter((format) => TESTS[format](value));
}
