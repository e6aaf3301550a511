/** A problem that did not stop the run, kept as data and printed on stderr. */
export interface Warning {
  /** Place of the problem, such as `capture.har: entries[12].request.url`. */
  where: string;
  message: string;
}

/** Collects warnings in the order they occur. */
export class WarningList {
  readonly items: Warning[] = [];

  add(where: string, message: string): void {
    this.items.push({ where, message });
  }
}
