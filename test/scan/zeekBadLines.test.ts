/**
 * A conn.log with a trailing tab on one line, an address cut short on
 * another and a last line cut off without a newline; the same data with
 * `_`-separated header names, as JSON lines, and gzipped. The good lines give
 * the same result every time; the bad ones are counted with their lines.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { scan, writeFixture, type Doc } from '../support/scanFixture.js';

const COLUMNS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'orig_ip_bytes', 'resp_ip_bytes'];
const BASE_S = 1_713_500_000;

/** Connection i: once a minute, constant sizes; `big` ones would spoil the byte tests if counted. */
function record(i: number, big = false): string[] {
  return [`${BASE_S + i * 60}.250000`, `C${i}x`, '10.0.0.5', String(50000 + i), '93.184.216.34', '443', 'tcp', '-', '0.100000', '100', '(empty)', 'SF', big ? '99999' : '140', '260'];
}

/** 30 good records; bad ones after the 10th, the 20th and at the very end. */
function tsv(columnNames: readonly string[]): string {
  const header = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    '#open\t2024-04-19-04-00-00',
    `#fields\t${columnNames.join('\t')}`,
    `#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tcount\tcount`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    lines.push(record(i).join('\t'));
    if (i === 9) lines.push(`${record(100, true).join('\t')}\t`); // trailing tab
    if (i === 19) lines.push(record(101, true).join('\t').replace('93.184.216.34', '93.184.216.')); // address cut short
  }
  const cutOff = record(102, true).join('\t').slice(0, 40); // the write stopped mid-line
  return `${[...header, ...lines].join('\n')}\n${cutOff}`;
}

function jsonLines(): string {
  const asJson = (fields: string[]) => {
    const doc: Record<string, unknown> = {};
    COLUMNS.forEach((c, k) => {
      const v = fields[k] as string;
      if (v === '-' || v === '(empty)') return;
      doc[c] = ['ts', 'duration'].includes(c) ? Number(v) : /^\d+$/.test(v) && c !== 'uid' ? Number(v) : v;
    });
    return doc;
  };
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    lines.push(JSON.stringify(asJson(record(i))));
    if (i === 9) lines.push(JSON.stringify({ ...asJson(record(100, true)), orig_ip_bytes: '99999\t' })); // a tab in a number
    if (i === 19) lines.push(JSON.stringify({ ...asJson(record(101, true)), 'id.resp_h': '93.184.216.' }));
  }
  return `${lines.join('\n')}\n${JSON.stringify(asJson(record(102, true))).slice(0, 40)}`;
}

const UNDERSCORED = COLUMNS.map((c) => c.replace(/\./g, '_'));

const VARIANTS: Record<string, { file: string; content: string | Buffer; bad: Record<string, number[]> }> = {
  tsv: { file: 'conn.log', content: tsv(COLUMNS), bad: { 'wrong number of columns|': [19, 41], 'invalid IP address|id.resp_h': [30] } },
  underscored: { file: 'conn.log', content: tsv(UNDERSCORED), bad: { 'wrong number of columns|': [19, 41], 'invalid IP address|id.resp_h': [30] } },
  json: { file: 'conn.json', content: jsonLines(), bad: { 'invalid number|orig_ip_bytes': [11], 'invalid IP address|id.resp_h': [22], 'invalid JSON|': [33] } },
  gzipped: { file: 'conn.log.gz', content: gzipSync(tsv(COLUMNS)), bad: { 'wrong number of columns|': [19, 41], 'invalid IP address|id.resp_h': [30] } },
};

describe.each(ENGINES)('zeek conn.log bad lines, %s engine', (engine) => {
  const results: Record<string, Doc[]> = {};

  it.each(Object.keys(VARIANTS))('%s: bad lines skipped and counted with their line numbers', async (name) => {
    const variant = VARIANTS[name] as (typeof VARIANTS)[string];
    const dir = writeFixture({ [variant.file]: variant.content });
    const { outcome, docs } = await scan([dir], engine, { format: 'zeek' });
    const bad: Record<string, number[]> = {};
    for (const t of outcome.summary.badRecords.values()) bad[`${t.reason}|${t.field ?? ''}`] = t.examples.map((e) => e.line);
    expect(bad).toEqual(variant.bad);
    expect(outcome.summary.records).toBe(33);
    expect(outcome.summary.eventsCounted).toBe(30);
    results[name] = docs;
  });

  it('gives the same result for every variant', () => {
    expect(Object.keys(results)).toEqual(Object.keys(VARIANTS));
    const tsvDocs = results['tsv'] as Doc[];
    expect(tsvDocs).toHaveLength(1);
    const stats = tsvDocs[0]?.['beacon_stats'];
    expect(stats.non_empty_buckets).toBe(30);
    expect(stats.mean_source_bytes).toBe(140);
    expect(stats.low_source_bytes_variation).toBe(true);
    for (const name of ['underscored', 'json', 'gzipped']) expect(results[name], name).toEqual(tsvDocs);
  });
});
