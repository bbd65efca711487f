/** The field-by-field diff of `compare`: groups matched by value, fields compared by kind, what one side never writes left out. */
import { describe, expect, it } from 'vitest';
import { diffDocuments, formatDocumentDiff } from '../../ts/search/documentDiff.js';

const keys = { transform: ['host.name'], ours: ['host.name'] };
const doc = (host: string, stats: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ host: { name: host }, beacon_stats: stats, ...extra });

describe('document diff', () => {
  it('finds equal groups equal, with dates as instants and IP lists as sets', () => {
    const theirs = [doc('a', { interval: 5, destination_ips: ['1.1.1.1', '2.2.2.2'] }, { '@timestamp': '2026-11-30T12:00:00Z' })];
    const ours = [doc('a', { interval: 5, destination_ips: ['2.2.2.2', '1.1.1.1'] }, { '@timestamp': '2026-11-30T12:00:00.000Z', beaconwatch: { window: { end: 'x' } } })];
    const diff = diffDocuments(theirs, ours, keys);
    expect(diff).toMatchObject({ groupsInBoth: 1, equalGroups: 1, differingGroups: [], transformOnlyFields: [], oursOnlyFields: [] });
    expect([...diff.fields.keys()]).toStrictEqual(['@timestamp', 'beacon_stats.destination_ips', 'beacon_stats.interval']);
  });

  it('says by how much numbers, arrays and dates differ, and where a field is missing', () => {
    const theirs = [doc('a', { mean: 2, pct: [1, 4], periodic: true }, { '@timestamp': 1_000 }), doc('b', { mean: 1, pct: [1, 1], periodic: false })];
    const ours = [doc('a', { mean: 2.5, pct: [1, 5], periodic: false }, { '@timestamp': '1970-01-01T00:00:01.250Z' }), doc('b', { pct: [1, 1], periodic: false })];
    const diff = diffDocuments(theirs, ours, keys);
    expect(diff.equalGroups).toBe(0);
    expect(diff.differingGroups[0]).toStrictEqual({
      group: 'host.name=a',
      fields: [
        { field: '@timestamp', transform: 1_000, ours: '1970-01-01T00:00:01.250Z', absolute: 250, relative: 0.25 },
        { field: 'beacon_stats.mean', transform: 2, ours: 2.5, absolute: 0.5, relative: 0.25 },
        { field: 'beacon_stats.pct', transform: [1, 4], ours: [1, 5], absolute: 1, relative: 0.25 },
        { field: 'beacon_stats.periodic', transform: true, ours: false },
      ],
    });
    expect(diff.differingGroups[1]).toStrictEqual({ group: 'host.name=b', fields: [{ field: 'beacon_stats.mean', transform: 1, ours: undefined }] });
    expect(diff.fields.get('beacon_stats.mean')).toMatchObject({ differing: 1, missingInOurs: 1, maxAbsolute: 0.5 });
    const text = formatDocumentDiff(diff, { transform: 'transform', ours: 'beaconwatch' });
    expect(text).toContain('beacon_stats.mean: 2 (transform) vs 2.5 (beaconwatch), by 0.500000');
    expect(text).toContain('beacon_stats.mean: 1 (transform) vs missing (beaconwatch)');
  });

  it('lists groups found on one side only, and fields only one side ever writes', () => {
    const diff = diffDocuments([doc('a', { x: 1, only_theirs: 1 }), doc('c', { x: 1 })], [doc('a', { x: 1, only_ours: 2 }), doc('b', { x: 1 })], keys);
    expect(diff).toMatchObject({ groupsInBoth: 1, equalGroups: 1, onlyInTransform: ['host.name=c'], onlyInOurs: ['host.name=b'], transformOnlyFields: ['beacon_stats.only_theirs'], oursOnlyFields: ['beacon_stats.only_ours'] });
  });

  it('matches groups whose fields are named differently on each side', () => {
    const diff = diffDocuments([{ host: 'a', v: 1 }], [{ host: { name: 'a' }, v: 1 }], { transform: ['host'], ours: ['host.name'] });
    expect(diff).toMatchObject({ groupsInBoth: 1, equalGroups: 1 });
  });
});
