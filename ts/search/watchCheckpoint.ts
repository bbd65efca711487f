/**
 * The watch checkpoint: the end of the last window whose results were
 * written, in a small JSON file replaced atomically (written beside it,
 * then renamed), so that a crash leaves the old checkpoint or the new one,
 * never half of either. A restart continues one frequency after it: no
 * window skipped, none written twice.
 */
import { readFile } from 'node:fs/promises';
import { parseTimestamp, formatTimestamp } from '../decode/timestamp.js';
import { ConfigError } from '../errors.js';
import { writeTextWhole } from '../sink/outputFile.js';

export interface WatchCheckpoint {
  /** End of the last window written, epoch ms. */
  readonly lastWindowEndMs: number;
}

/** The checkpoint in `file`, or undefined when there is none yet. A file that cannot be read is an error, not a fresh start (which would skip windows). */
export async function readCheckpoint(file: string): Promise<WatchCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read the checkpoint (${(err as Error).message})`, 'checkpoint', file);
  }
  let end: number | undefined;
  try {
    end = parseTimestamp((JSON.parse(text) as { last_window_end?: unknown }).last_window_end);
  } catch {
    end = undefined;
  }
  if (end === undefined) throw new ConfigError('not a beaconwatch checkpoint (no last_window_end); move it away to start afresh', 'checkpoint', file);
  return { lastWindowEndMs: end };
}

export async function writeCheckpoint(file: string, checkpoint: WatchCheckpoint, details: Readonly<Record<string, unknown>>): Promise<void> {
  const doc = { last_window_end: formatTimestamp(checkpoint.lastWindowEndMs), ...details };
  await writeTextWhole(file, `${JSON.stringify(doc, null, 2)}\n`);
}
