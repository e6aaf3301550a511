import type { ReadProgress } from "../har/read.js";

/** Shortest time between two redraws, in milliseconds, so that a fast run is not slowed. */
const REDRAW_INTERVAL_MS = 250;

/** The terminal the progress line is drawn on. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const MEGABYTE = 1_000_000;

function megabytes(bytes: number): string {
  return (bytes / MEGABYTE).toFixed(1);
}

/**
 * A one-line display on stderr of how far reading has got: bytes read of the total, entries
 * seen and calls kept. It redraws at most four times a second and erases itself at the end.
 */
export class ProgressLine {
  private read: ReadProgress | undefined;
  private entries = 0;
  private keptCalls = 0;
  private lastDraw: number;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    // The first draw waits one interval, so that a small capture shows nothing.
    this.lastDraw = now();
  }

  /** Takes the reader's progress, as its `onProgress` callback. */
  readonly onRead = (progress: ReadProgress): void => {
    this.read = progress;
    this.redraw();
  };

  /** Counts an entry and whether the selection kept it, as `selectCalls`'s `onEntry` callback. */
  readonly onEntry = (kept: boolean): void => {
    this.entries++;
    if (kept) this.keptCalls++;
    this.redraw();
  };

  /** Erases the line if it was drawn. */
  finish(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
    this.drawn = false;
  }

  /** Returns the text of the line. */
  text(): string {
    const read = this.read;
    const file = read ? `${read.file}: ` : "";
    let bytes = "";
    if (read?.totalBytes) {
      const percent = Math.floor((100 * read.bytesRead) / read.totalBytes);
      bytes = `${megabytes(read.bytesRead)} of ${megabytes(read.totalBytes)} MB (${percent}%), `;
    } else if (read) {
      bytes = `${megabytes(read.bytesRead)} MB, `;
    }
    return `reading ${file}${bytes}${this.entries} entries, ${this.keptCalls} calls kept`;
  }

  private redraw(): void {
    const time = this.now();
    if (time - this.lastDraw < REDRAW_INTERVAL_MS) return;
    this.lastDraw = time;
    const width = this.stream.columns ?? 80;
    this.stream.write(`\r${this.text().slice(0, width - 1)}\u001b[K`);
    this.drawn = true;
  }
}

/** Returns a progress line when stderr is a terminal and `--quiet` is not given. */
export function createProgress(stream: ProgressStream, quiet: boolean): ProgressLine | undefined {
  return stream.isTTY === true && !quiet ? new ProgressLine(stream) : undefined;
}
