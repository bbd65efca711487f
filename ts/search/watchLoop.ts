/**
 * `beaconwatch watch`: the transform's schedule. Every `frequency`, score
 * the window ending at now minus a sync delay (time for late events to be
 * indexed) and write its results; the checkpoint records the last window
 * written. After a restart, or a pause longer than the frequency, the
 * missed windows are scored in one pass and written in order, each
 * checkpointed as soon as it is written.
 *
 * Each window sees the events up to its end and no later, as a replayed
 * window does: scoring it again later gives the same documents, so a
 * window is never half-written twice under different data.
 *
 * Stopping (the signal) interrupts only the wait: a window being scored or
 * written is finished, then the loop ends.
 */
import { formatTimestamp } from '../decode/timestamp.js';
import { runScan } from '../scan/scanRun.js';
import { formatWriteReport, resultEntries, throwIfNotWritten } from './resultWriter.js';
import { prepareSearchScan, type SearchScanOptions, type SearchSession } from './searchScan.js';
import { readCheckpoint, writeCheckpoint } from './watchCheckpoint.js';

export interface WatchClock {
  now(): number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: WatchClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface WatchOptions {
  readonly frequencyMs: number;
  readonly syncDelayMs: number;
  readonly checkpointFile: string;
  /** End of the first window when there is no checkpoint (default: now minus the sync delay). */
  readonly firstWindowEndMs?: number;
  /** Most windows scored in one pass when catching up (default 24). */
  readonly catchUpWindows?: number;
  /** Stop after this many windows (default: never). */
  readonly maxWindows?: number;
  /** Stop once every due window is written, instead of waiting for the next (cron use). */
  readonly stopWhenCaughtUp?: boolean;
  readonly clock?: WatchClock;
  readonly signal?: AbortSignal;
  /** One line per window written, and the write reports. */
  readonly log: (text: string) => void;
}

export interface WatchSummary {
  readonly windows: number;
  readonly documents: number;
  readonly lastWindowEndMs: number | undefined;
}

export const DEFAULT_FREQUENCY_MS = 3_600_000;
export const DEFAULT_SYNC_DELAY_MS = 120_000;

export async function runWatch(scan: SearchScanOptions, session: SearchSession, options: WatchOptions): Promise<WatchSummary> {
  if (session.read === undefined || session.write === undefined) throw new Error('watch reads from one cluster and writes to one');
  const clock = options.clock ?? SYSTEM_CLOCK;
  const signal = options.signal ?? new AbortController().signal;
  const prepared = await prepareSearchScan(scan, session);
  const frequency = options.frequencyMs;
  let last = (await readCheckpoint(options.checkpointFile))?.lastWindowEndMs;
  let windows = 0;
  let documents = 0;
  const limit = options.maxWindows ?? Infinity;
  const { read, write } = session;
  const checkpointDetails = () => ({
    frequency_ms: frequency,
    sync_delay_ms: options.syncDelayMs,
    source: `${read.client.target}/${read.index}`,
    results: `${write.client.target}/${write.names.index}`,
    written_at: formatTimestamp(clock.now()),
  });
  if (last !== undefined) options.log(`resuming after the window ending ${formatTimestamp(last)} (checkpoint ${options.checkpointFile})\n`);
  while (!signal.aborted && windows < limit) {
    const due = clock.now() - options.syncDelayMs;
    const next = last === undefined ? (options.firstWindowEndMs ?? due) : last + frequency;
    if (next > due) {
      if (options.stopWhenCaughtUp === true) break;
      await clock.sleep(next - due, signal);
      continue;
    }
    const count = Math.min(Math.floor((due - next) / frequency) + 1, options.catchUpWindows ?? 24, limit - windows);
    const request = { fromMs: next, toMs: next + (count - 1) * frequency, everyMs: frequency };
    if (!(await prepared.hasEvents(request))) {
      // Quiet windows: nothing to score or write, but they are done.
      last = request.toMs;
      await writeCheckpoint(options.checkpointFile, { lastWindowEndMs: last }, checkpointDetails());
      options.log(`windows ending ${formatTimestamp(request.fromMs)} .. ${formatTimestamp(request.toMs)}: no events\n`);
      windows += count;
      continue;
    }
    const outcome = await runScan(await prepared.scanOptions(request));
    for (let w = 0; w < count; w++) {
      const window = outcome.windows[w];
      if (window === undefined) throw new Error(`window ${w} of a replay of ${count}`);
      const report = await session.writeResults(resultEntries(outcome, clock.now(), { windows: new Set([w]) }));
      const beaconing = outcome.results.filter((r) => r.window === w && r.score.stats?.is_beaconing === true).length;
      options.log(`window ${formatTimestamp(window.startMs)} .. ${formatTimestamp(window.endMs)}: ${beaconing} beaconing; ${formatWriteReport(report)}`);
      // A window not fully written is not checkpointed: the next start writes it again (same ids, no copies).
      throwIfNotWritten(report);
      last = window.endMs;
      await writeCheckpoint(options.checkpointFile, { lastWindowEndMs: last }, checkpointDetails());
      windows++;
      documents += report.written;
      if (signal.aborted) break;
    }
  }
  return { windows, documents, lastWindowEndMs: last };
}
