import type { EntryRef } from "../har/types.js";

/** Auth scheme of a call: the current bearer scheme or the legacy `x-mkio-token` header. */
export type AuthScheme = "bearer" | "x-mkio-token";

/** URL family of a call. */
export type ApiShape = "current" | "legacy" | "other";

/** Encoding a parameter value gets where it is inserted. */
export type SlotEncoding = "path-segment" | "query" | "raw";

/**
 * The percent-encoding of a recorded path segment, where it differs from `encodeURIComponent`.
 * Formats encode every value of the segment this way, so that the recorded value is sent as
 * recorded and another value is encoded alike.
 */
export interface SegmentEncoding {
  /** Characters that `encodeURIComponent` keeps but the recording percent-encoded: `(` of `%28`. */
  encode: string;
  /** Characters that `encodeURIComponent` percent-encodes but the recording kept: `:` or `@`. */
  keep: string;
  /** True when the recording wrote escapes with lower-case hex digits: `%2f`. */
  lowerCaseHex: boolean;
}

/** A place in a template that a parameter fills. */
export interface Slot {
  param: string;
  encoding: SlotEncoding;
  /** Set on a `path-segment` slot whose recorded segment differs from `encodeURIComponent`. */
  segmentEncoding?: SegmentEncoding;
}

/** Literal text or a parameter slot, in order; literals are exactly as recorded. */
export type TemplatePart = { text: string } | { slot: Slot };

/** A parameter inside a JSON body: the whole string value is the parameter's value. */
export class ParamRef {
  constructor(readonly param: string) {}
}

/** A JSON value whose strings may be parameters. */
export type JsonTemplate =
  | null
  | boolean
  | number
  | string
  | ParamRef
  | JsonTemplate[]
  | { [key: string]: JsonTemplate };

/** A request body template. */
export type BodyTemplate =
  | { kind: "json"; mimeType: string; value: JsonTemplate }
  | { kind: "text"; mimeType: string; parts: TemplatePart[] };

/** A named input of an operation template. */
export interface Parameter {
  /** camelCase name, unique within its operation: `assetName`. */
  name: string;
  in: "path" | "query" | "header" | "body";
  secret: boolean;
  /** Place of the value, for comments: `properties.storageAccountName`. */
  location: string;
}

/** One reusable request template: a function in code formats, a request in collections. */
export interface Operation {
  /** Unique camelCase key, used for function names: `createOrUpdateAsset`. */
  key: string;
  /** Catalog id, or null when the call matches no documented operation. */
  catalogId: string | null;
  /** Human name: "Create or Update Asset". */
  name: string;
  resource: string;
  undocumented: boolean;
  method: string;
  shape: ApiShape;
  auth: AuthScheme;
  /** Path with `{param}` placeholders, for display. */
  pathTemplate: string;
  pathParts: TemplatePart[];
  /** Query without the `?`; empty when the call had none. */
  queryParts: TemplatePart[];
  headers: { name: string; parts: TemplatePart[] }[];
  body?: BodyTemplate;
  parameters: Parameter[];
}

/** A session variable: one recorded value that templates take as a parameter. */
export interface Variable {
  /** camelCase name, unique in the session: `assetName`, `assetName2`. */
  name: string;
  /** Recorded value, or null for a secret, which has no default. */
  value: string | null;
  secret: boolean;
}

/** The recorded response of a call, kept for formats that show examples. */
export interface RecordedResponse {
  status: number;
  mimeType: string;
  text?: string;
}

/** One distinct recorded call: an operation applied to session variables. */
export interface Call {
  operationKey: string;
  /** Variable name for each operation parameter. */
  args: Record<string, string>;
  /** How many identical calls (same method, URL and body) the capture holds. */
  count: number;
  status: number;
  refs: EntryRef[];
  startedDateTime?: string;
  response: RecordedResponse;
}

/** Counts of recorded entries and of the reasons they were left out. */
export interface SelectionStats {
  entries: number;
  hosts: Map<string, number>;
  skipped: Map<string, number>;
  kept: number;
  duplicates: number;
}

/** The normalized session every output format renders from. */
export interface SessionModel {
  operations: Operation[];
  calls: Call[];
  variables: Variable[];
  stats: SelectionStats;
  /** True when no kept call carried an auth header, as in Chrome's default export. */
  authMissing: boolean;
}
