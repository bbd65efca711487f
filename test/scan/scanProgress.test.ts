/**
 * What a scan reports as it reads: bytes of files against their total,
 * records from a cluster's documents or from the events of the groups it
 * aggregated. The last report always tells everything read.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { eventFromEcs } from '../../ts/decode/ecsFields.js';
import { ENDPOINT_FIELDS } from '../../ts/decode/networkEvent.js';
import type { AggregatedSource, RecordSource, ScanProgress } from '../../ts/scan/scanOptions.js';
import { ecsEvent, ndjson, NO_FILTERS, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

const END = '2026-11-30T12:00:00Z';
const events = timesBefore(END, 25, 60).map((t) => ecsEvent(t));
const windows = { nowMs: Date.parse(END) };

it('reports the bytes of files against their total, ending at the total', async () => {
  const dir = writeFixture({ 'a.ndjson': ndjson(events.slice(0, 10)), 'b.ndjson': ndjson(events.slice(10)) });
  const total = statSync(join(dir, 'a.ndjson')).size + statSync(join(dir, 'b.ndjson')).size;
  const seen: ScanProgress[] = [];
  await scan([dir], 'wasm', { windows, onProgress: (p) => seen.push(p) });
  expect(seen.at(-1)).toStrictEqual({ bytesRead: total, bytesTotal: total, recordsRead: 0 });
});

it('reports the records of a cluster, documents or aggregated events, with no byte total', async () => {
  const documents: RecordSource = {
    name: 'cluster/events',
    format: 'ecs',
    carries: ENDPOINT_FIELDS,
    defaultGroupBy: ['host.name', 'process.name'],
    async *records() {
      for (const e of events) yield eventFromEcs(e);
    },
  };
  const seen: ScanProgress[] = [];
  const { outcome } = await scan([], 'wasm', { windows, filters: NO_FILTERS, recordSources: [documents], onProgress: (p) => seen.push(p) });
  expect(outcome.summary.eventsCounted).toBe(25);
  expect(seen.at(-1)).toStrictEqual({ bytesRead: 0, bytesTotal: undefined, recordsRead: 25 });

  const aggregated: AggregatedSource = {
    name: 'cluster/events',
    format: 'ecs',
    defaultGroupBy: ['host.name', 'process.name'],
    async *groups() {
      yield { window: 0, group: ['ws-1', 'a.exe'], cells: [{ bucket: 0, count: 3, sourceBytes: 10n, destinationBytes: 20n }], destinationIps: [['10.0.0.1', 3]], maxTimestampMs: windows.nowMs, maxIngestedMs: NaN, bytesSeen: { source: true, destination: true }, events: 3 };
      yield { window: 0, group: ['ws-2', 'b.exe'], cells: [{ bucket: 1, count: 4, sourceBytes: 10n, destinationBytes: 20n }], destinationIps: [['10.0.0.1', 4]], maxTimestampMs: windows.nowMs, maxIngestedMs: NaN, bytesSeen: { source: true, destination: true }, events: 4 };
    },
  };
  const pushedDown: ScanProgress[] = [];
  await scan([], 'wasm', { windows, filters: NO_FILTERS, aggregatedSources: [aggregated], onProgress: (p) => pushedDown.push(p) });
  expect(pushedDown.at(-1)).toStrictEqual({ bytesRead: 0, bytesTotal: undefined, recordsRead: 7 });
});
