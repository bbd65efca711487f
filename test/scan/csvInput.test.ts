/**
 * CSV flow exports read through a field map: the right values, malformed
 * rows counted with their lines, and a header that does not fit the map
 * named column by column.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvFieldMap } from '../../ts/decode/csvFieldMap.js';
import { InputError } from '../../ts/errors.js';
import { beacon, CSV_FIELD_MAP, CSV_HEADER, csvLine } from '../support/connectionFormats.js';
import { ENGINES } from '../support/engines.js';
import { runCli } from '../support/runCli.js';
import { scan, writeFixture } from '../support/scanFixture.js';

const END_MS = Date.parse('2024-04-19T12:00:00Z');
const connections = beacon(END_MS, 40);
const fieldMap = parseCsvFieldMap(CSV_FIELD_MAP, 'map.json');

describe.each(ENGINES)('CSV input, %s engine', (engine) => {
  it('reads the mapped columns and counts malformed rows with their lines', async () => {
    const rows = connections.map(csvLine);
    rows.splice(4, 0, (rows[4] as string).replace('93.184.216.34', '93.184.216.999'));
    rows.splice(8, 0, (rows[8] as string).replace(/^\d{4}\/\d\d\/\d\d/, '19.04.2024'));
    rows.splice(12, 0, `${rows[12] as string},extra`);
    rows.splice(16, 0, (rows[16] as string).replace('"powershell.exe"', '"powershell.exe'));
    const { outcome, docs } = await scan([writeFixture({ 'flows.csv': [CSV_HEADER, ...rows].join('\n') })], engine, { fieldMap });
    const bad = [...outcome.summary.badRecords.values()].map((t) => [t.reason, t.field, t.examples.map((e) => e.line)]);
    expect(bad).toEqual([
      ['invalid IP address', 'DstAddr', [6]],
      ['invalid timestamp', 'StartTime', [10]],
      ['wrong number of columns', undefined, [14]],
      ['invalid CSV', undefined, [18]],
    ]);
    expect(outcome.summary.inputs.map((i) => i.format)).toEqual(['csv']);
    expect(outcome.summary.eventsCounted).toBe(40);
    // Host and process are mapped: grouped by them, and their filters apply.
    expect(docs.map((d) => [d['host'].name, d['process'].name])).toEqual([['WS-7', 'powershell.exe']]);
    expect(docs[0]?.['beacon_stats']).toMatchObject({ mean_source_bytes: 180, mean_destination_bytes: 300, interval: 40, non_empty_buckets: 40 });
    // The export's times are UTC+02:00: read back to the connection's instant.
    expect(docs[0]?.['@timestamp']).toBe(new Date((connections[39] as (typeof connections)[number]).timeMs).toISOString());
  });

  it('names the mapped columns a named file lacks', async () => {
    const dir = writeFixture({ 'flows.csv': 'StartTime,SrcAddr,DstAddr\n2024/04/19 10:00:00.000000,10.0.0.5,93.184.216.34\n' });
    const attempt = scan([join(dir, 'flows.csv')], engine, { fieldMap });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow("(its header lacks the field map's columns Sport, Dport, SrcBytes, DstBytes, Proto, Host, Program)");
  });
});

describe('CSV on the command line', () => {
  it('needs a field map', async () => {
    const dir = writeFixture({ 'flows.csv': `${CSV_HEADER}\n` });
    const run = await runCli(['scan', dir, '--format', 'csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('beaconwatch: --format csv needs --field-map FILE naming the columns\n');
  });

  it('scores a CSV export with --field-map', async () => {
    const dir = writeFixture({ 'flows.csv': [CSV_HEADER, ...connections.map(csvLine)].join('\n') + '\n' });
    writeFileSync(join(dir, 'map.json'), JSON.stringify(CSV_FIELD_MAP));
    const run = await runCli(['scan', join(dir, 'flows.csv'), '--field-map', join(dir, 'map.json')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('inputs read: 1 (csv: 1)');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });
});
