/**
 * RITA's `missing_host` capture: 72 hours of Zeek conn logs (gzip, with an
 * extra `_node_name` column) beside http logs. The documented beacon
 * 73.54.23.243 -> 64.225.56.201 must be flagged in every hourly window it
 * appears in, filters off, grouped by source and destination IP.
 */
import { expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { describeRealdata } from '../support/realdata.js';
import { runCli } from '../support/runCli.js';
import { scan, type Doc } from '../support/scanFixture.js';

const FROM = '2024-04-19T06:00:00Z';
const TO = '2024-04-22T00:00:00Z';
const BEACON = ['73.54.23.243', '64.225.56.201'];

describeRealdata('rita-missing-host', (dir) => {
  const replay = { fromMs: parseTimestamp(FROM) as number, toMs: parseTimestamp(TO) as number, everyMs: 3_600_000 };
  let wasmDocs: Doc[] = [];

  it('reads the 72 gzip conn logs in one go and skips the rest, listed', async () => {
    const { outcome, docs } = await scan([dir], 'wasm', { format: 'zeek', filters: NO_FILTERS, windows: replay });
    wasmDocs = docs;
    const s = outcome.summary;
    expect(s.inputs).toHaveLength(72);
    expect(s.inputs.every((i) => i.format === 'zeek' && /conn\..*\.log\.gz$/.test(i.file))).toBe(true);
    expect(s.skippedInputs.filter((i) => i.reason === 'zeek http log')).toHaveLength(72);
    expect(s.skippedInputs.filter((i) => i.file.endsWith('README'))).toHaveLength(1);
    expect(s.records).toBe(105_918);
    expect(s.badRecordCount).toBe(0);
    expect(outcome.windows).toHaveLength(67);
  });

  it('flags the documented beacon in every window it appears in', () => {
    const beacon = wasmDocs.filter((d) => d['source'].ip === BEACON[0] && d['destination'].ip === BEACON[1]);
    expect(beacon).toHaveLength(67);
    for (const d of beacon) {
      expect(d['beacon_stats'].is_beaconing, d['beaconwatch'].window.end).toBe(true);
      // 80 bytes up, 327 down per HTTP request: both byte tests hold.
      expect(d['beacon_stats'].low_source_bytes_variation).toBe(true);
      expect(d['beacon_stats'].low_destination_bytes_variation).toBe(true);
    }
  });

  it('gives the same documents on the TypeScript reference', async () => {
    const { docs } = await scan([dir], 'ts', { format: 'zeek', filters: NO_FILTERS, windows: replay });
    expect(docs.length).toBe(wasmDocs.length);
    expect(docs).toEqual(wasmDocs);
  });

  it('lists the beacon in the ranked table of the documented command', async () => {
    const run = await runCli(['scan', dir, '--format', 'zeek', '--filters', 'none', '--from', FROM, '--to', TO, '--every', '1h', '--out', '/dev/null']);
    expect(run.code).toBe(0);
    const table = run.stderr.slice(run.stderr.indexOf('Top findings'));
    const row = table.split('\n').find((l) => l.endsWith(`${BEACON[0]} / ${BEACON[1]}`));
    expect(row, table).toBeDefined();
    expect(row).toMatch(/^\s*\d+\s+2\s+67\/67\s/);
  });
});
