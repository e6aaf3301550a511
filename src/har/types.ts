/** The parts of a HAR entry that har2mkio uses, after lenient parsing. */

/** One HTTP header or query pair as recorded. */
export interface NameValue {
  name: string;
  value: string;
}

/** A request body as recorded in `request.postData`. */
export interface PostData {
  mimeType: string;
  text?: string;
  params?: NameValue[];
  encoding?: string;
}

/** A response body as recorded in `response.content`. */
export interface ResponseContent {
  mimeType: string;
  text?: string;
  encoding?: string;
}

/** Origin of an entry, for messages: `capture.har: entries[12]`. */
export interface EntryRef {
  file: string;
  index: number;
}

/** One recorded request and its response. */
export interface RecordedEntry {
  ref: EntryRef;
  startedDateTime?: string;
  request: {
    method: string;
    url: string;
    headers: NameValue[];
    postData?: PostData;
  };
  response: {
    status: number;
    headers: NameValue[];
    content?: ResponseContent;
  };
}

/** Formats an entry reference the way every message shows it. */
export function describeRef(ref: EntryRef, field?: string): string {
  const place = `entries[${ref.index}]${field ? `.${field}` : ""}`;
  return `${ref.file}: ${place}`;
}
