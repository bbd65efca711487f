/**
 * `watch` against the real node. On a test clock (time jumps instead of
 * waiting): consecutive windows written once each, a restart resumes after
 * the checkpoint and catches up on the missed windows in order, quiet
 * windows are passed over, and a failed write is not checkpointed. On the
 * real clock, in its own process: SIGTERM stops it after the window in
 * progress, and a restart continues where it stopped.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../ts/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { prepareResultIndex, resultIndexNames } from '../../ts/search/resultIndex.js';
import { resultEntries } from '../../ts/search/resultWriter.js';
import { ResultsNotWrittenError } from '../../ts/search/searchErrors.js';
import { runSearchScan, SearchSession, type SearchScanOptions } from '../../ts/search/searchScan.js';
import { runWatch, type WatchClock } from '../../ts/search/watchLoop.js';
import { DEMO_SCENARIO } from '../../ts/source/demoScenario.js';
import { generateTraffic } from '../../ts/source/syntheticTraffic.js';
import { ecsEvent, timesBefore } from '../support/scanFixture.js';
import { REPO_ROOT } from '../support/paths.js';
import { describeSearchNode } from '../support/searchNode.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const START = DEMO_SCENARIO.startMs;
const scan: SearchScanOptions = { format: 'ecs', params: DEFAULT_PARAMS, filters: DEFAULT_FILTERS, windows: {}, engine: 'wasm', zeekBytes: 'ip' };

/** A clock that jumps over every wait; `idle` runs at each wait (to stop the loop once it has caught up). */
function testClock(startMs: number, idle: () => void = () => undefined): WatchClock {
  let now = startMs;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      idle();
    },
  };
}

function windowEnds(log: readonly string[]): string[] {
  return log.flatMap((line) => [...line.matchAll(/^window \S+ \.\. (\S+):/gm)].map((m) => m[1] as string));
}

describeSearchNode('watch', (node) => {
  const events = node.name('watch-events');
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-watch-'));
  beforeAll(async () => {
    await node.indexEvents(events, generateTraffic(DEMO_SCENARIO));
  });

  const session = (prefix: string) => SearchSession.open({ connection: node.connection(), index: events, mode: 'aggregate' }, { connection: node.connection(), prefix, refresh: true });

  /** The documents a replay of the same windows writes: later windows rewrite earlier ones with the same id. */
  async function replayDocuments(fromMs: number, toMs: number): Promise<Map<string, unknown>> {
    const s = await SearchSession.open({ connection: node.connection(), index: events, mode: 'stream' }, undefined);
    try {
      const { outcome } = await runSearchScan({ ...scan, windows: { fromMs, toMs, everyMs: HOUR } }, s);
      return new Map(resultEntries(outcome, 0).map((e) => [e.id, JSON.parse(JSON.stringify(e.doc))]));
    } finally {
      await s.close();
    }
  }

  it('writes consecutive windows once each, then resumes after the checkpoint and catches up in order', async () => {
    const prefix = node.name('watched');
    const checkpoint = join(dir, 'hourly.json');
    const log: string[] = [];
    const first = await session(prefix);
    try {
      const summary = await runWatch(scan, first, {
        frequencyMs: HOUR,
        syncDelayMs: 2 * MINUTE,
        checkpointFile: checkpoint,
        maxWindows: 3,
        clock: testClock(START + 8 * HOUR + 2 * MINUTE),
        log: (t) => log.push(t),
      });
      expect(summary).toMatchObject({ windows: 3, lastWindowEndMs: START + 10 * HOUR });
    } finally {
      await first.close();
    }
    const hours = (...h: number[]) => h.map((n) => new Date(START + n * HOUR).toISOString());
    expect(windowEnds(log)).toStrictEqual(hours(8, 9, 10));
    expect(JSON.parse(readFileSync(checkpoint, 'utf8')).last_window_end).toBe(hours(10)[0]);
    expect(await node.documents(resultIndexNames(prefix).all)).toStrictEqual(await replayDocuments(START + 8 * HOUR, START + 10 * HOUR));

    // Restarted three hours later: the windows ending at 11, 12 and 13 h, in one pass, in order.
    log.length = 0;
    const stop = new AbortController();
    const second = await session(prefix);
    try {
      const summary = await runWatch(scan, second, {
        frequencyMs: HOUR,
        syncDelayMs: 2 * MINUTE,
        checkpointFile: checkpoint,
        clock: testClock(START + 13 * HOUR + 2 * MINUTE, () => stop.abort()),
        signal: stop.signal,
        log: (t) => log.push(t),
      });
      expect(summary).toMatchObject({ windows: 3, lastWindowEndMs: START + 13 * HOUR });
    } finally {
      await second.close();
    }
    expect(log[0]).toMatch(/^resuming after the window ending 2026-11-30T10:00:00.000Z/);
    expect(windowEnds(log)).toStrictEqual(hours(11, 12, 13));
    expect(JSON.parse(readFileSync(checkpoint, 'utf8')).last_window_end).toBe(hours(13)[0]);
    expect(await node.documents(resultIndexNames(prefix).all)).toStrictEqual(await replayDocuments(START + 8 * HOUR, START + 13 * HOUR));
  });

  it('passes over quiet windows: checkpointed, nothing written', async () => {
    const prefix = node.name('quiet');
    const checkpoint = join(dir, 'quiet.json');
    const log: string[] = [];
    const s = await session(prefix);
    const later = DEMO_SCENARIO.endMs + 48 * HOUR;
    try {
      const summary = await runWatch(scan, s, { frequencyMs: HOUR, syncDelayMs: 0, checkpointFile: checkpoint, firstWindowEndMs: later, maxWindows: 2, clock: testClock(later + HOUR), log: (t) => log.push(t) });
      expect(summary).toMatchObject({ windows: 2, documents: 0, lastWindowEndMs: later + HOUR });
    } finally {
      await s.close();
    }
    expect(log.join('')).toMatch(/no events/);
    expect((await node.documents(resultIndexNames(prefix).all)).size).toBe(0);
  });

  it('stops with the documents it could not write reported, and does not checkpoint that window', async () => {
    const prefix = node.name('watch-closed');
    const names = resultIndexNames(prefix);
    const { client } = await connectCluster(node.connection());
    await prepareResultIndex(client, names, ['host.name', 'process.name']).finally(() => client.close());
    await node.admin.indices.close({ index: names.index } as never);
    const checkpoint = join(dir, 'closed.json');
    const log: string[] = [];
    const s = await session(prefix);
    try {
      const failed = await runWatch(scan, s, { frequencyMs: HOUR, syncDelayMs: 0, checkpointFile: checkpoint, firstWindowEndMs: START + 12 * HOUR, clock: testClock(START + 12 * HOUR), log: (t) => log.push(t) }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ResultsNotWrittenError);
    } finally {
      await s.close();
    }
    expect(log.join('')).toMatch(/NOT written: \d+ documents/);
    expect(() => readFileSync(checkpoint)).toThrow(/ENOENT/);
  });

  it('stops on SIGTERM after the window in progress, and a restart continues after its checkpoint', async () => {
    const index = node.name('live-events');
    const now = Date.now();
    await node.indexEvents(index, timesBefore(new Date(now).toISOString(), 60, 60).map((ts) => ecsEvent(ts)));
    const checkpoint = join(dir, 'live.json');
    const args = ['--es', node.url, '--index', index, '--write-es', node.url, '--write-prefix', node.name('live'), '--checkpoint', checkpoint, '--frequency', '1s', '--sync-delay', '0', '--filters', 'none'];
    const first = await watchUntilWindows(args, 3);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/SIGTERM: finishing the window in progress, then stopping/);
    const ends = windowEnds([first.stderr]).map(Date.parse);
    expect(ends.length).toBeGreaterThanOrEqual(3);
    ends.slice(1).forEach((end, i) => expect(end - (ends[i] as number)).toBe(1000));
    const saved = Date.parse(JSON.parse(readFileSync(checkpoint, 'utf8')).last_window_end);
    expect(saved).toBe(ends[ends.length - 1]);

    const second = await watchUntilWindows(args, 1);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/resuming after the window ending/);
    expect(Date.parse(windowEnds([second.stderr])[0] as string)).toBe(saved + 1000);
  });
});

/** Runs the watch command in a child process until it has written `windows` windows, then sends SIGTERM. */
function watchUntilWindows(args: readonly string[], windows: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test', 'search', 'fixtures', 'runCommand.mjs'), 'watch', ...args], { cwd: REPO_ROOT });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!signalled && windowEnds([stderr]).length >= windows) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
