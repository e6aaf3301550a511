import type { BodyField } from "../catalog/catalog.js";

/** The relation of a body field to the MK/IO API reference that the catalog transcribes. */
export type FieldLabel = "documented" | "read-only" | "free-form" | "undocumented";

/** The catalog's facts about one body path. */
export interface FieldInfo {
  label: FieldLabel;
  /** Set by the server; the portal echoes it back in the bodies it sends. */
  readOnly: boolean;
  /** An open map such as `labels`, whose keys are data rather than fields. */
  freeform: boolean;
}

/** A documented field that no recorded body contained. */
export interface MissingField {
  field: BodyField;
  /** Documented fields below it, also never sent, that are not listed on their own. */
  nested: number;
}

const UNDOCUMENTED: FieldInfo = { label: "undocumented", readOnly: false, freeform: false };

/** Tells whether `path` lies below `ancestor`: `a.b` and `a[].b` lie below `a`. */
function isBelow(path: string, ancestor: string): boolean {
  return path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[]`);
}

/**
 * The documented body fields of one operation, looked up by dotted path with `[]` for array
 * items, as in `properties.outputs[].preset`. An undocumented endpoint has none.
 */
export class CatalogFields {
  private readonly byPath: Map<string, BodyField>;
  private readonly freeform: BodyField[];

  constructor(private readonly fields: readonly BodyField[] | undefined) {
    this.byPath = new Map((fields ?? []).map((field) => [field.path, field]));
    this.freeform = (fields ?? []).filter((field) => field.freeform === true);
  }

  /** Labels a body path. Paths inside a free-form map or array are labelled `free-form`. */
  info(path: string): FieldInfo {
    if (!this.fields) return UNDOCUMENTED;
    // The items of an array share its label, because the catalog lists no path ending in `[]`.
    if (path.endsWith("[]")) {
      return { ...this.info(path.slice(0, -2)), readOnly: false, freeform: false };
    }
    if (this.freeform.some((field) => isBelow(path, field.path))) {
      return { label: "free-form", readOnly: false, freeform: false };
    }
    const field = this.byPath.get(path);
    if (!field) return UNDOCUMENTED;
    const readOnly = field.readOnly === true;
    return { label: readOnly ? "read-only" : "documented", readOnly, freeform: !!field.freeform };
  }

  /** Paths the catalog marks secret, such as `properties.input.accessToken`. */
  secretPaths(): Set<string> {
    return new Set((this.fields ?? []).filter((field) => field.secret).map((field) => field.path));
  }

  /**
   * Lists the documented fields that a client sends but no recorded body contained. Read-only
   * fields are left out, and so is a field below another missing field, which counts it instead.
   */
  missing(observed: ReadonlySet<string>): MissingField[] {
    const absent = (this.fields ?? []).filter(
      (field) => field.readOnly !== true && !observed.has(field.path),
    );
    const topmost = absent.filter(
      (field) => !absent.some((other) => isBelow(field.path, other.path)),
    );
    return topmost.map((field) => ({
      field,
      nested: absent.filter((other) => isBelow(other.path, field.path)).length,
    }));
  }
}
