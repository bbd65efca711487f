/**
 * Streaming and push-down read the same index into the same results, bit
 * for bit, and the same as a scan of the events exported to a file: over a
 * replayed day, a window ending at the latest event, IP group fields, and
 * an index without endpoint fields. What push-down cannot do exactly it
 * refuses, naming the field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { eventFromEcs } from '../../ts/decode/ecsFields.js';
import { ENDPOINT_FIELDS } from '../../ts/decode/networkEvent.js';
import { ConfigError, InputError } from '../../ts/errors.js';
import { compileFilters, firstFailedFilter } from '../../ts/filter/sourceFilters.js';
import { DEFAULT_FILTERS, NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { runScan } from '../../ts/scan/scanRun.js';
import { runSearchScan, SearchSession, type ReadMode, type SearchScanOptions } from '../../ts/search/searchScan.js';
import { DEMO_SCENARIO } from '../../ts/source/demoScenario.js';
import { generateTraffic } from '../../ts/source/syntheticTraffic.js';
import { documents, ecsEvent, ndjson, timesBefore, writeFixture, type Doc } from '../support/scanFixture.js';
import { describeSearchNode, type SearchNode } from '../support/searchNode.js';

const HOUR = 3_600_000;
const day = generateTraffic(DEMO_SCENARIO);
const replay = { fromMs: DEMO_SCENARIO.startMs + 6 * HOUR, toMs: DEMO_SCENARIO.endMs, everyMs: HOUR };
const base: SearchScanOptions = { format: 'ecs', params: DEFAULT_PARAMS, filters: DEFAULT_FILTERS, windows: {}, engine: 'wasm', zeekBytes: 'ip' };

async function scoreIndex(node: SearchNode, index: string, mode: ReadMode, overrides: Partial<SearchScanOptions> = {}): Promise<Doc[]> {
  const session = await SearchSession.open({ connection: node.connection(), index, mode }, undefined);
  try {
    return documents((await runSearchScan({ ...base, ...overrides }, session)).outcome);
  } finally {
    await session.close();
  }
}

async function scoreFile(events: readonly object[], overrides: Partial<SearchScanOptions> = {}): Promise<Doc[]> {
  const dir = writeFixture({});
  const file = join(dir, 'events.ndjson');
  writeFileSync(file, ndjson(events as Doc[]));
  return documents(await runScan({ ...base, ...overrides, inputs: [file] }));
}

describeSearchNode('reading an index: streaming and push-down agree', (node) => {
  const dayIndex = node.name('demo-day');
  beforeAll(async () => {
    await node.indexEvents(dayIndex, day);
  });

  it('replays a day hour by hour: both modes equal the file scan, the planted beacons found', async () => {
    const fromFile = await scoreFile(day, { windows: replay });
    const streamed = await scoreIndex(node, dayIndex, 'stream', { windows: replay });
    const aggregated = await scoreIndex(node, dayIndex, 'aggregate', { windows: replay });
    expect(fromFile.length).toBeGreaterThan(100);
    expect(streamed).toStrictEqual(fromFile);
    expect(aggregated).toStrictEqual(fromFile);
    const implant = aggregated.filter((d) => d['host'].name === 'ws-02' && d['process'].name === 'updater-x.exe');
    expect(implant).toHaveLength(19);
    expect(implant.every((d) => d['beacon_stats'].beaconing_score === 3)).toBe(true);
  });

  it('without --now ends the window at the latest event the filters select, in both modes', async () => {
    const streamed = await scoreIndex(node, dayIndex, 'stream');
    const aggregated = await scoreIndex(node, dayIndex, 'aggregate');
    expect(aggregated).toStrictEqual(streamed);
    const end = streamed[0]?.['beaconwatch'].window.end as string;
    const filters = compileFilters(DEFAULT_FILTERS);
    const passing = day.filter((e) => {
      const decoded = eventFromEcs(e);
      return decoded.type === 'event' && firstFailedFilter(filters, decoded.event, ENDPOINT_FIELDS) === undefined;
    });
    expect(passing.length).toBeLessThan(day.length);
    const latest = passing.map((e) => e['@timestamp']).sort().pop();
    expect(end).toBe(latest);
    expect(await scoreFile(day, { windows: { nowMs: Date.parse(end) } })).toStrictEqual(streamed);
  });

  it('groups by IP fields in both modes, as a file scan does', async () => {
    const overrides = { groupBy: ['source.ip', 'destination.ip'], filters: NO_FILTERS, windows: { nowMs: DEMO_SCENARIO.startMs + 12 * HOUR } };
    const fromFile = await scoreFile(day, overrides);
    expect(await scoreIndex(node, dayIndex, 'stream', overrides)).toStrictEqual(fromFile);
    expect(await scoreIndex(node, dayIndex, 'aggregate', overrides)).toStrictEqual(fromFile);
    expect(fromFile.some((d) => d['source'].ip === '10.1.0.12' && d['destination'].ip === '185.220.101.47')).toBe(true);
  });

  it('applies no action, category or process filter to an index that maps no such field, and groups it by IP', async () => {
    const index = node.name('sensor');
    const end = '2026-11-30T12:00:00.000Z';
    const sensor = timesBefore(end, 120, 60).map((ts, i) => ({
      '@timestamp': ts,
      source: { ip: '10.9.0.1', port: 40000 + i, bytes: 300 },
      destination: { ip: '198.51.99.7', port: 443, bytes: 900 },
    }));
    await node.admin.indices.create({
      index,
      body: {
        mappings: {
          properties: {
            '@timestamp': { type: 'date' },
            source: { properties: { ip: { type: 'ip' }, port: { type: 'long' }, bytes: { type: 'long' } } },
            destination: { properties: { ip: { type: 'ip' }, port: { type: 'long' }, bytes: { type: 'long' } } },
          },
        },
      },
    } as never);
    await node.admin.bulk({ body: sensor.flatMap((d) => [{ index: { _index: index } }, d]), refresh: 'wait_for' } as never);
    const windows = { nowMs: Date.parse(end) };
    const streamed = await scoreIndex(node, index, 'stream', { windows });
    expect(streamed).toHaveLength(1);
    expect(streamed[0]?.['source']).toStrictEqual({ ip: '10.9.0.1' });
    expect(streamed[0]?.['beacon_stats'].beaconing_score).toBe(3);
    expect(await scoreIndex(node, index, 'aggregate', { windows })).toStrictEqual(streamed);
  });

  it('refuses to push down events with several destination IPs, naming the field; streaming scores them', async () => {
    const index = node.name('multi-ip');
    const end = '2026-11-30T12:00:00.000Z';
    const events = timesBefore(end, 30, 60).map((ts, i) =>
      ecsEvent(ts, i === 3 ? { destination: { ip: ['93.184.216.34', '93.184.216.35'] } } : {}),
    );
    await node.indexEvents(index, events);
    const windows = { nowMs: Date.parse(end) };
    const streamed = await scoreIndex(node, index, 'stream', { windows });
    expect(streamed).toStrictEqual(await scoreFile(events, { windows }));
    const refused = await scoreIndex(node, index, 'aggregate', { windows }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).field).toBe('destination.ip');
    expect((refused as Error).message).toMatch(/--mode stream/);
  });

  it('refuses to push down when allow-list rules must remove events first (the cluster does not run them)', async () => {
    const allowList = { name: 'rules.json', rules: [{ index: 1, mode: 'pre', caseInsensitive: false, processNames: ['updater-x.exe'] }] };
    const refused = await scoreIndex(node, dayIndex, 'aggregate', { allowList } as Partial<SearchScanOptions>).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/1 rule\(s\) that remove events before scoring.*--mode stream/);
  });

  it('refuses an index whose source.ip is a keyword: a CIDR filter on it would match nothing', async () => {
    const index = node.name('keyword-ip');
    await node.admin.indices.create({
      index,
      body: { mappings: { properties: { '@timestamp': { type: 'date' }, source: { properties: { ip: { type: 'keyword' } } }, destination: { properties: { ip: { type: 'ip' } } } } } },
    } as never);
    const refused = await scoreIndex(node, index, 'stream', { windows: { nowMs: 0 } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as Error).message).toMatch(/source\.ip is mapped as keyword.*needs ip/);
  });

  it('says so when the pattern matches no index', async () => {
    const refused = await scoreIndex(node, node.name('nothing-*'), 'stream', { windows: { nowMs: 0 } }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as Error).message).toMatch(/no index matches/);
  });
});
