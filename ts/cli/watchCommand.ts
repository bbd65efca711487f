/**
 * `beaconwatch watch`: score the index every `--frequency` and write the
 * results to the `ml_beaconing` alias, as the package's transform does,
 * resuming from `--checkpoint` after a restart. SIGINT and SIGTERM finish
 * the window in progress, then stop.
 */
import { fromSetting, type Settings } from '../config/settings.js';
import { formatTimestamp } from '../decode/timestamp.js';
import { UsageError } from '../errors.js';
import { SearchSession } from '../search/searchScan.js';
import { checkOutputPath } from '../sink/outputFile.js';
import { DEFAULT_FREQUENCY_MS, DEFAULT_SYNC_DELAY_MS, runWatch, type WatchSummary } from '../search/watchLoop.js';
import { parseCommandLine, scoringFrom, searchValues, time } from './scanArgs.js';
import { durationFlag, parseSearchFlags } from './searchOptions.js';

export const WATCH_USAGE = `beaconwatch watch --es URL --index PATTERN --write-es URL --checkpoint FILE [options]
  --frequency DURATION       score a window this often (default 1h)
  --sync-delay DURATION      each window ends this long before now, for late events (default 120s; 0 for none)
  --checkpoint FILE          the last window written; a restart continues after it (required)
  --start TIME               end of the first window when there is no checkpoint yet (default: now - sync delay)
  --once                     write every window due, then exit (for cron) instead of waiting
  --mode stream|aggregate    read documents, or let the cluster build the buckets (default stream)
  --write-prefix NAME        results index NAME-<schema>, aliases NAME.all and NAME.latest (default ml_beaconing)
  --params, --filters, --group-by, --engine, and the --es-* / --write-es-* connection flags as for scan
`;

export async function watchCommand(args: readonly string[]): Promise<void> {
  const settings = parseCommandLine('watch', args);
  const { read, write } = parseSearchFlags(searchValues(settings), process.env);
  if (read === undefined || write === undefined) throw new UsageError('watch needs --es URL --index PATTERN to read events and --write-es URL to write results');
  const checkpoint = settings.path('checkpoint');
  if (checkpoint === undefined) throw new UsageError('watch needs --checkpoint FILE: where the last window written is kept across restarts');
  checkOutputPath(checkpoint, 'checkpoint');
  const scoring = scoringFrom(settings);
  const frequencyMs = duration(settings, 'frequency', DEFAULT_FREQUENCY_MS);
  const syncDelayMs = duration(settings, 'sync-delay', DEFAULT_SYNC_DELAY_MS, true);
  const start = settings.get('start');

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) process.stderr.write(`beaconwatch watch: ${signal}: finishing the window in progress, then stopping\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const session = await SearchSession.open(read, write);
  let summary: WatchSummary;
  try {
    process.stderr.write(
      `beaconwatch watch: ${read.connection.url}/${read.index} (${read.mode}) -> ${write.connection.url}/${session.write?.names.all}, ` +
        `every ${settings.text('frequency') ?? '1h'}, sync delay ${settings.text('sync-delay') ?? '120s'}, checkpoint ${checkpoint}\n`,
    );
    summary = await runWatch({ ...scoring, format: 'ecs', windows: {}, zeekBytes: 'ip' }, session, {
      frequencyMs,
      syncDelayMs,
      checkpointFile: checkpoint,
      ...(start === undefined ? {} : { firstWindowEndMs: time(start) }),
      stopWhenCaughtUp: settings.flag('once'),
      signal: stop.signal,
      log: (text) => process.stderr.write(text),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session.close();
  }
  const last = summary.lastWindowEndMs === undefined ? 'none yet' : formatTimestamp(summary.lastWindowEndMs);
  process.stderr.write(`beaconwatch watch: stopped after ${summary.windows} windows (${summary.documents} documents); last window written ends ${last}\n`);
}

/** A duration setting, its errors naming the flag or the file's key. */
function duration(settings: Settings, key: string, fallbackMs: number, allowZero = false): number {
  const setting = settings.get(key);
  return setting === undefined ? fallbackMs : fromSetting(setting, () => durationFlag(settings.text(key), key, fallbackMs, allowZero));
}
