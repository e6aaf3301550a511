/** The parts of the Postman Collection v2.1.0 format that this format writes. */

/** Schema address written in `info.schema`. */
export const COLLECTION_SCHEMA =
  "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/** File name of the collection in a folder written with `--out`. */
export const COLLECTION_FILE = "requests.postman_collection.json";

/** A `key`/`value` pair: a header, a query parameter or an auth attribute. */
export interface KeyValue {
  key: string;
  value: string | null;
  type?: "string";
  description?: string;
}

/** A collection variable. */
export interface CollectionVariable {
  key: string;
  value: string;
  type: "string";
  description?: string;
}

/** An auth helper: `{ type: "bearer", bearer: [...] }` or `{ type: "apikey", apikey: [...] }`. */
export type Auth = { type: "bearer"; bearer: KeyValue[] } | { type: "apikey"; apikey: KeyValue[] };

/** A script run when an event fires. */
export interface Event {
  listen: "prerequest" | "test";
  script: { type: "text/javascript"; exec: string[] };
}

/** A request URL, both as text and broken into the parts Postman edits. */
export interface Url {
  raw: string;
  host: string[];
  path: string[];
  query?: KeyValue[];
}

/** A raw request body; `language` sets how the Postman app highlights it. */
export interface RawBody {
  mode: "raw";
  raw: string;
  options: { raw: { language: "json" | "text" } };
}

/** A request as Postman stores it. */
export interface Request {
  method: string;
  header: KeyValue[];
  url: Url;
  body?: RawBody;
  auth?: Auth;
  description: string;
}

/** A saved example response. */
export interface Example {
  name: string;
  status: string;
  code: number;
  header: KeyValue[];
  body?: string;
  _postman_previewlanguage: "json" | "text";
}

/** A request with its examples. */
export interface Item {
  name: string;
  /** Scripts of this request alone, which run after those of the collection. */
  event?: Event[];
  request: Request;
  response: Example[];
}

/** A folder of requests. */
export interface Folder {
  name: string;
  item: Item[];
}

/** A whole collection. */
export interface Collection {
  info: { name: string; description: string; schema: string };
  auth?: Auth;
  event: Event[];
  variable: CollectionVariable[];
  item: Folder[];
}
