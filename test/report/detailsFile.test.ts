/**
 * A scan's output read back (`readDetailsFile`, `readResultsFile`): the
 * result documents and the details file give the same report as the scan
 * itself, the same run summary, the same numbers; files that do not belong
 * together are refused with the file and line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultDocuments } from '../../ts/cli/scanCommand.js';
import { InputError } from '../../ts/errors.js';
import { parseAllowList } from '../../ts/filter/allowListConfig.js';
import { applyAllowList, groupKey, type AllowListOutcome } from '../../ts/filter/allowListSuppression.js';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { detailsLines, readDetailsFile } from '../../ts/report/detailsFile.js';
import { buildReportData } from '../../ts/report/reportData.js';
import { readResultsFile } from '../../ts/report/resultsFile.js';
import type { ScanRecord } from '../../ts/report/scanRecord.js';
import type { ScanOutcome } from '../../ts/scan/scanRun.js';
import { writeNdjson } from '../../ts/sink/ndjsonSink.js';
import { formatRunSummary } from '../../ts/sink/summaryReport.js';
import { generateTraffic, type TrafficSpec } from '../../ts/source/syntheticTraffic.js';
import { ndjson, scan, writeFixture } from '../support/scanFixture.js';

const START = Date.parse('2026-05-04T00:00:00Z');

/** Ten hours, two beacons among ordinary traffic, one bad line. */
const SPEC: TrafficSpec = {
  seed: 7,
  startMs: START,
  endMs: START + 10 * 3_600_000,
  hostIps: { 'ws-1': '10.0.0.1', 'ws-2': '10.0.0.2' },
  beacons: [
    { host: 'ws-1', process: 'agent.exe', destination: '45.77.12.9', periodSeconds: 120, jitter: 0, sourceBytes: 300, destinationBytes: 900, byteJitter: 0, dropRate: 0.1 },
    { host: 'ws-2', process: 'sync.exe', destination: '91.189.91.157', periodSeconds: 600, jitter: 0.05, sourceBytes: 76, destinationBytes: 76, byteJitter: 0, dropRate: 0 },
  ],
  noise: [{ host: 'ws-1', process: 'chrome.exe', destinations: ['151.101.1.69', '142.250.74.110'], perHour: 60, meanSourceBytes: 900, meanDestinationBytes: 30_000 }],
};

let dir: string;
let outcome: ScanOutcome;
let record: ScanRecord;
let allowList: AllowListOutcome;

beforeAll(async () => {
  dir = writeFixture({ 'events.ndjson': `${ndjson(generateTraffic(SPEC) as never)}{"broken\n` });
  const windows = { fromMs: START + 6 * 3_600_000, toMs: SPEC.endMs, everyMs: 3_600_000 };
  const rules = parseAllowList({ rules: [{ name: 'sync', process_name: 'sync.exe' }] }, 'allow.json');
  ({ outcome } = await scan([dir], 'wasm', { format: 'ecs', filters: NO_FILTERS, windows, details: 'beaconing', allowList: rules }));
  allowList = applyAllowList(rules, outcome.groupFields, outcome.results, outcome.summary.filtered);
  record = { params: DEFAULT_PARAMS, filters: 'none', engine: 'wasm', groupFields: outcome.groupFields, windows: outcome.windows, summary: outcome.summary, allowList };
  await writeNdjson(resultDocuments({ outcome, allowList }), join(dir, 'results.ndjson'));
  await writeNdjson(detailsLines(record, outcome.results), join(dir, 'details.ndjson'));
});

const OPTIONS = { title: 't', generatedAtMs: 0, plots: 1000, version: 'v' };

describe('a scan read back from its output', () => {
  it('gives the report the scan itself gives', async () => {
    const details = await readDetailsFile(join(dir, 'details.ndjson'));
    const results = await readResultsFile(join(dir, 'results.ndjson'), details);
    const live = outcome.results.map((r) => {
      const by = allowList.suppressed.get(groupKey(r.group));
      return by === undefined ? r : { ...r, suppressedBy: by };
    });
    const fromFiles = buildReportData(details.record, results, OPTIONS);
    const fromScan = buildReportData(record, live, OPTIONS);
    expect(fromFiles.findings.length).toBe(2);
    expect(fromFiles.findings[1]!.suppressedBy).toBe('rule 1 "sync"');
    expect(fromFiles.findings.every((f) => f.plot !== undefined)).toBe(true);
    expect(fromFiles).toEqual(fromScan);
  });

  it('keeps the run summary, the parameters and the windows exactly', async () => {
    const { record: read } = await readDetailsFile(join(dir, 'details.ndjson'));
    expect(read.params).toEqual(DEFAULT_PARAMS);
    expect(read.windows).toEqual(outcome.windows);
    expect(read.groupFields).toEqual(['host.name', 'process.name']);
    expect(read.summary.badRecordCount).toBe(1);
    const context = { engine: 'wasm', filters: 'none', groupFields: read.groupFields, windows: 5, firstWindowEnd: 'a', lastWindowEnd: 'b', allowList };
    expect(formatRunSummary(read.summary, { ...context, allowList: read.allowList! })).toBe(formatRunSummary(outcome.summary, context));
  });

  it('keeps every bucket and every point of the curves, exactly', async () => {
    const { details } = await readDetailsFile(join(dir, 'details.ndjson'));
    const detailed = outcome.results.filter((r) => r.detail !== undefined);
    expect(details.size).toBe(detailed.length);
    expect(detailed.length).toBeGreaterThan(4);
    for (const r of detailed) {
      const read = details.get(`${r.window}\u0000${groupKey(r.group)}`)!;
      expect(read.series.counts).toEqual(r.detail!.series.counts);
      expect(read.series.sourceBytes).toEqual(r.detail!.series.sourceBytes);
      expect(read.series.destinationBytes).toEqual(r.detail!.series.destinationBytes);
      expect(read.autocorrelation).toEqual(r.detail!.autocorrelation);
    }
  });
});

describe('files that do not belong together', () => {
  const inputError = async (run: () => Promise<unknown>): Promise<InputError> => {
    try {
      await run();
    } catch (err) {
      if (err instanceof InputError) return err;
      throw err;
    }
    throw new Error('no InputError');
  };

  it('refuses a details file that is something else, naming the file and line', async () => {
    const other = writeFixture({ 'x.ndjson': '{"format":"something"}\n', 'v.ndjson': '{"format":"beaconwatch-details","version":9}\n', 'empty.ndjson': '' });
    expect((await inputError(() => readDetailsFile(join(other, 'x.ndjson')))).message).toBe(`${join(other, 'x.ndjson')}:1: not a beaconwatch details file (written by beaconwatch scan --details)`);
    expect((await inputError(() => readDetailsFile(join(other, 'v.ndjson')))).message).toContain(':1: details file version 9; this beaconwatch reads version 1');
    expect((await inputError(() => readDetailsFile(join(other, 'empty.ndjson')))).message).toContain('is empty: not a beaconwatch details file');
    expect((await inputError(() => readDetailsFile(join(other, 'missing.ndjson')))).message).toMatch(/^cannot read details file .*missing\.ndjson: ENOENT/);
  });

  it('refuses results from another scan', async () => {
    const details = await readDetailsFile(join(dir, 'details.ndjson'));
    const lines = readFileSync(join(dir, 'results.ndjson'), 'utf8').split('\n');
    const shifted = lines[0]!.replace(/"end":"[^"]+"/, '"end":"2030-01-01T00:00:00.000Z"');
    writeFileSync(join(dir, 'other.ndjson'), `${lines[1]}\n${shifted}\n`);
    expect((await inputError(() => readResultsFile(join(dir, 'other.ndjson'), details))).message).toBe(
      `${join(dir, 'other.ndjson')}:2: window ending 2030-01-01T00:00:00.000Z is not one of the scan's windows: are the results and the details file from the same scan?`,
    );
    writeFileSync(join(dir, 'ungrouped.ndjson'), `${lines[0]!.replace('"host":{"name":"ws-1"},', '')}\n`);
    expect((await inputError(() => readResultsFile(join(dir, 'ungrouped.ndjson'), details))).message).toContain(':1: no host.name: the results are not grouped by host.name, process.name');
  });
});
