/**
 * Progress of a long scan on a terminal: one line on standard error,
 * rewritten in place, with the bytes read, the rate, and the time left
 * when the total is known. Nothing at all when standard error is not a
 * terminal: logs and pipes get the summary only.
 */
import type { ScanProgress } from '../scan/scanOptions.js';

/** The part of a TTY stream the display uses (`process.stderr` is one). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Terminal width, when known: the line never wraps. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Back to the start of the line, and erase it. */
const CLEAR_LINE = '\r\u001b[K';

export class ProgressDisplay {
  private readonly startedAt: number;
  private shown = false;

  /** The rate counts from now: create the display as the scan starts. */
  constructor(
    private readonly stream: ProgressStream,
    /** Milliseconds since some origin; injected so tests need no clock. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  /** A display on `stream` when it is a terminal, else undefined. */
  static forStream(stream: ProgressStream): ProgressDisplay | undefined {
    return stream.isTTY === true ? new ProgressDisplay(stream) : undefined;
  }

  /** For `ScanOptions.onProgress`. */
  readonly update = (progress: ScanProgress): void => {
    const line = progressLine(progress, (this.now() - this.startedAt) / 1000);
    const width = this.stream.columns;
    this.stream.write(CLEAR_LINE + (width !== undefined && width > 1 && line.length >= width ? line.slice(0, width - 1) : line));
    this.shown = true;
  };

  /** Erases the line, so that what follows starts on a clean one. */
  finish(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
}

/**
 * `reading 12.5 MB of 40.0 MB (31%), 6.2 MB/s, about 5 s left`; without a
 * known total, bytes and rate only; records from a cluster as
 * `120,000 records, 30,000 records/s`. Rates are averages since the scan
 * started.
 */
export function progressLine(progress: ScanProgress, elapsedSeconds: number): string {
  const { bytesRead, bytesTotal, recordsRead } = progress;
  const parts: string[] = [];
  if (bytesRead > 0 || recordsRead === 0) parts.push(bytesPart(bytesRead, bytesTotal, elapsedSeconds));
  if (recordsRead > 0) {
    const rate = elapsedSeconds > 0 ? Math.round(recordsRead / elapsedSeconds) : 0;
    parts.push(`${recordsRead.toLocaleString('en-US')} records${rate > 0 ? `, ${rate.toLocaleString('en-US')} records/s` : ''}`);
  }
  return `reading ${parts.join('; ')}`;
}

function bytesPart(bytesRead: number, bytesTotal: number | undefined, elapsedSeconds: number): string {
  const parts = [bytesTotal === undefined || bytesTotal === 0 ? formatSize(bytesRead) : `${formatSize(bytesRead)} of ${formatSize(bytesTotal)} (${Math.min(100, Math.floor((100 * bytesRead) / bytesTotal))}%)`];
  const rate = elapsedSeconds > 0 ? bytesRead / elapsedSeconds : 0;
  if (rate > 0) parts.push(`${formatSize(rate)}/s`);
  if (rate > 0 && bytesTotal !== undefined && bytesTotal > bytesRead) parts.push(`about ${formatDuration((bytesTotal - bytesRead) / rate)} left`);
  return parts.join(', ');
}

/** Bytes in decimal units, one decimal: `512 B`, `12.5 MB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit] as string}`;
}

/** Seconds as `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
