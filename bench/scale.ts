/**
 * Scale: how time and peak memory grow with groups (1 k to 1 M) and with
 * events (1 M to 100 M), each run in a child process of its own, events
 * streamed from the generator. Memory should follow groups, not events.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './support/benchResults.js';

export interface ScaleRow {
  readonly groups: number;
  readonly events: number;
  readonly withIds: boolean;
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly eventsPerSecond: number;
}

export interface ScaleResult {
  readonly byGroups: readonly ScaleRow[];
  readonly byEvents: readonly ScaleRow[];
}

function run(groups: number, events: number, withIds: boolean): ScaleRow {
  const child = join(REPO_ROOT, 'dist-bench', 'scaleChild.js');
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', child, String(groups), String(events), ...(withIds ? ['ids'] : [])], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop() as string) as { groups: number; events: number; seconds: number; peakRssMiB: number };
  return { groups: r.groups, events: r.events, withIds, seconds: Math.round(r.seconds * 10) / 10, peakRssMiB: r.peakRssMiB, eventsPerSecond: Math.round(r.events / r.seconds) };
}

export async function scaleBench(profile: 'full' | 'smoke'): Promise<ScaleResult> {
  const full = profile === 'full';
  const groupSweep = full ? [1_000, 10_000, 100_000, 1_000_000] : [100, 1_000];
  const eventSweep = full ? [1_000_000, 10_000_000, 100_000_000] : [10_000, 100_000];
  const byGroups = groupSweep.map((groups) => run(groups, full ? 10_000_000 : 50_000, false));
  const byEvents = eventSweep.flatMap((events) => [run(full ? 10_000 : 100, events, false), run(full ? 10_000 : 100, events, true)]);
  return { byGroups, byEvents };
}
