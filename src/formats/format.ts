import type { SessionModel } from "../model/types.js";
import type { WarningList } from "../warnings.js";

/** Settings every format receives. */
export interface RenderOptions {
  /** Base URL written as the default in generated code. */
  baseUrl: string;
  /** A folder of user Handlebars templates that replace the built-in ones, if given. */
  templatesDir?: string;
  /** Where a format reports what it could not render faithfully; printed with the summary. */
  warnings?: WarningList;
}

/** A file a format writes besides its main output, such as iteration data. */
export interface ExtraFile {
  name: string;
  content: string;
}

/** Output of a format for one session. */
export interface Rendered {
  /** The main output, printed on stdout or written to `<stem><extension>` with `--out`. */
  main: string;
  extraFiles?: ExtraFile[];
}

/** The code of one output format; its name and description are in the registry. */
export interface Format {
  /** File name `--out` writes the main output to. */
  fileName: string;
  render(session: SessionModel, options: RenderOptions): Promise<Rendered>;
}
