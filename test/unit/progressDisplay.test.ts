/** `ProgressDisplay`, `progressLine`, `formatSize`, `formatDuration`: progress on a terminal, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, ProgressDisplay, progressLine } from '../../ts/sink/progressDisplay.js';

/** A terminal that records what is written to it. */
function terminal(columns?: number) {
  const written: string[] = [];
  return { isTTY: true, ...(columns === undefined ? {} : { columns }), written, write: (text: string) => written.push(text) };
}

describe('progressLine()', () => {
  it('gives bytes, share of the total, rate and time left', () => {
    expect(progressLine({ bytesRead: 12_500_000, bytesTotal: 50_000_000, recordsRead: 0 }, 2)).toBe('reading 12.5 MB of 50.0 MB (25%), 6.3 MB/s, about 6 s left');
  });

  it('leaves out the total and time left when the total is unknown (standard input)', () => {
    expect(progressLine({ bytesRead: 3_000_000, bytesTotal: undefined, recordsRead: 0 }, 3)).toBe('reading 3.0 MB, 1.0 MB/s');
  });

  it('leaves out the rate before any time has passed, and the time left once everything is read', () => {
    expect(progressLine({ bytesRead: 500, bytesTotal: 1000, recordsRead: 0 }, 0)).toBe('reading 500 B of 1.0 kB (50%)');
    expect(progressLine({ bytesRead: 1000, bytesTotal: 1000, recordsRead: 0 }, 1)).toBe('reading 1.0 kB of 1.0 kB (100%), 1.0 kB/s');
  });

  it('treats an empty total as unknown and never shows more than 100%', () => {
    expect(progressLine({ bytesRead: 0, bytesTotal: 0, recordsRead: 0 }, 1)).toBe('reading 0 B');
    expect(progressLine({ bytesRead: 1200, bytesTotal: 1000, recordsRead: 0 }, 1)).toBe('reading 1.2 kB of 1.0 kB (100%), 1.2 kB/s');
  });

  it('counts records from a cluster, with their rate, and bytes only when some were read', () => {
    expect(progressLine({ bytesRead: 0, bytesTotal: undefined, recordsRead: 120_000 }, 4)).toBe('reading 120,000 records, 30,000 records/s');
    expect(progressLine({ bytesRead: 0, bytesTotal: undefined, recordsRead: 7 }, 0)).toBe('reading 7 records');
    expect(progressLine({ bytesRead: 2_000_000, bytesTotal: undefined, recordsRead: 500 }, 2)).toBe('reading 2.0 MB, 1.0 MB/s; 500 records, 250 records/s');
  });
});

describe('formatSize()', () => {
  it('uses decimal units with one decimal', () => {
    expect([0, 999, 1000, 1049, 999_999, 1_000_000, 2.5e9, 7.25e12, 4e15].map(formatSize)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '1.0 kB',
      '1000.0 kB',
      '1.0 MB',
      '2.5 GB',
      '7.3 TB',
      '4000.0 TB',
    ]);
  });
});

describe('formatDuration()', () => {
  it('rounds up to whole seconds, then minutes and hours', () => {
    expect([0, 0.2, 59, 59.5, 60, 200, 3599, 3600, 7500].map(formatDuration)).toEqual(['0 s', '1 s', '59 s', '1 min 0 s', '1 min 0 s', '3 min 20 s', '59 min 59 s', '1 h 0 min', '2 h 5 min']);
  });
});

describe('ProgressDisplay', () => {
  it('exists only on a terminal', () => {
    expect(ProgressDisplay.forStream({ isTTY: false, write: () => true })).toBeUndefined();
    expect(ProgressDisplay.forStream({ write: () => true })).toBeUndefined();
    expect(ProgressDisplay.forStream(terminal())).toBeInstanceOf(ProgressDisplay);
  });

  it('rewrites one line in place, timing from its creation, and erases it at the end', () => {
    const tty = terminal();
    let now = 1000;
    const display = new ProgressDisplay(tty, () => now);
    now = 3000;
    display.update({ bytesRead: 2_000_000, bytesTotal: 4_000_000, recordsRead: 0 });
    now = 4000;
    display.update({ bytesRead: 3_000_000, bytesTotal: 4_000_000, recordsRead: 0 });
    display.finish();
    display.finish();
    expect(tty.written).toEqual([
      '\r\u001b[Kreading 2.0 MB of 4.0 MB (50%), 1.0 MB/s, about 2 s left',
      '\r\u001b[Kreading 3.0 MB of 4.0 MB (75%), 1.0 MB/s, about 1 s left',
      '\r\u001b[K',
    ]);
  });

  it('never writes past the terminal\'s width, and erases nothing it did not write', () => {
    const tty = terminal(20);
    const display = new ProgressDisplay(tty, () => 0);
    display.finish();
    display.update({ bytesRead: 123_456_789, bytesTotal: 987_654_321, recordsRead: 0 });
    expect(tty.written).toEqual(['\r\u001b[Kreading 123.5 MB of']);
  });
});
