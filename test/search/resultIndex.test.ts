/**
 * Results written to the real node: the index and its mapping (spec section
 * 5), the aliases, documents read back through `.all`, re-runs that rewrite
 * instead of adding, `event.ingested` always set, a conflicting mapping
 * found before scoring, and every document the node refuses reported.
 */
import { beforeAll, expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { DEFAULT_FILTERS, NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { resolveParams } from '../../ts/params/beaconParams.js';
import { prepareResultIndex, resultIndexNames, RESULT_SCHEMA_VERSION } from '../../ts/search/resultIndex.js';
import { formatWriteReport, resultEntries, ResultWriter, throwIfNotWritten } from '../../ts/search/resultWriter.js';
import { ResultIndexConflictError, ResultsNotWrittenError } from '../../ts/search/searchErrors.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { prepareSearchScan, runSearchScan, SearchSession, type SearchScanOptions } from '../../ts/search/searchScan.js';
import { goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { ecsEvent, timesBefore } from '../support/scanFixture.js';
import { describeSearchNode, type SearchNode } from '../support/searchNode.js';

const mix = goldenVectors().find((v) => v.name === 'multi_group_mix') as GoldenVector;
const options: SearchScanOptions = {
  format: 'ecs',
  params: resolveParams(mix.params),
  filters: DEFAULT_FILTERS,
  windows: { nowMs: parseTimestamp(mix.now) as number },
  engine: 'wasm',
  zeekBytes: 'ip',
};

async function scoreAndWrite(node: SearchNode, index: string, prefix: string, overrides: Partial<SearchScanOptions> = {}) {
  const session = await SearchSession.open(
    { connection: node.connection(), index, mode: 'aggregate' },
    { connection: node.connection(), prefix, refresh: true },
  );
  try {
    return await runSearchScan({ ...options, ...overrides }, session);
  } finally {
    await session.close();
  }
}

describeSearchNode('writing results to the ml_beaconing index', (node) => {
  const events = node.name('events');
  beforeAll(async () => {
    await node.indexNdjsonFile(events, mix.eventsPath);
  });

  it('creates the index with the schema mapping and aliases, and reads back the same documents through .all', async () => {
    const prefix = node.name('ml_beaconing');
    const names = resultIndexNames(prefix);
    expect(names.index).toBe(`${prefix}-${RESULT_SCHEMA_VERSION}`);
    const { outcome, written } = await scoreAndWrite(node, events, prefix);
    expect(written?.failed).toStrictEqual([]);
    expect(written?.written).toBe(mix.results.length);

    const stored = await node.documents(names.all);
    const expected = resultEntries(outcome, 0);
    expect(stored.size).toBe(expected.length);
    for (const entry of expected) expect(stored.get(entry.id)).toStrictEqual(JSON.parse(JSON.stringify(entry.doc)));
    expect(await node.aliasIndices(names.all)).toStrictEqual([names.index]);
    expect(await node.aliasIndices(names.latest)).toStrictEqual([names.index]);

    const mapping = ((await node.admin.indices.getMapping({ index: names.index } as never)).body as Record<string, { mappings: any }>)[names.index]?.mappings;
    expect(mapping.dynamic).toBe('strict');
    const stats = mapping.properties.beacon_stats.properties;
    expect(stats.mean_counts.type).toBe('float');
    expect(stats.source_bytes_percentiles.type).toBe('float');
    expect(stats.interval.type).toBe('long');
    expect(stats.max_autocovariance_period.type).toBe('long');
    expect(stats.is_beaconing.type).toBe('boolean');
    expect(stats.destination_ips.type).toBe('keyword');
    expect(mapping.properties['@timestamp'].type).toBe('date');
    expect(mapping.properties.event.properties.ingested.type).toBe('date');
    expect(mapping.properties.host.properties.name.type).toBe('keyword');
    expect(mapping.properties.source.properties.ip.type).toBe('ip');
  });

  it('writes the results of a file scan, grouped as the file\'s format groups', async () => {
    const prefix = node.name('from-file');
    const session = await SearchSession.open(undefined, { connection: node.connection(), prefix, refresh: true });
    try {
      const { outcome, written } = await runSearchScan({ ...options, inputs: [mix.eventsPath] }, session);
      expect(outcome.groupFields).toStrictEqual(['host.name', 'process.name']);
      expect(written).toMatchObject({ written: mix.results.length, failed: [] });
    } finally {
      await session.close();
    }
    expect((await node.documents(resultIndexNames(prefix).all)).size).toBe(mix.results.length);
  });

  it('rewrites the same documents when the same window runs again', async () => {
    const prefix = node.name('rerun');
    const first = await scoreAndWrite(node, events, prefix);
    const second = await scoreAndWrite(node, events, prefix);
    expect(second.written?.written).toBe(first.written?.written);
    const stored = await node.documents(resultIndexNames(prefix).all);
    expect(stored.size).toBe(mix.results.length);
  });

  it('sets event.ingested to the write time when no event had one', async () => {
    const index = node.name('no-ingested');
    const end = '2026-11-30T12:00:00.000Z';
    await node.indexEvents(index, timesBefore(end, 20, 60).map((ts) => ecsEvent(ts)));
    const before = Date.now();
    const { written } = await scoreAndWrite(node, index, node.name('ingested'), { filters: NO_FILTERS, params: resolveParams({}), windows: { nowMs: Date.parse(end) } });
    const after = Date.now();
    expect(written?.written).toBe(1);
    const [doc] = [...(await node.documents(resultIndexNames(node.name('ingested')).all)).values()];
    const ingested = Date.parse((doc?.['event'] as { ingested: string }).ingested);
    expect(ingested).toBeGreaterThanOrEqual(before);
    expect(ingested).toBeLessThanOrEqual(after);
  });

  it('moves .latest to a newly created index and keeps .all on every one', async () => {
    const prefix = node.name('aliases');
    const names = resultIndexNames(prefix);
    const older = `${prefix}-0.9.0`;
    await node.admin.indices.create({ index: older, body: { aliases: { [names.all]: {}, [names.latest]: {} } } } as never);
    const { client } = await connectCluster(node.connection());
    try {
      const created = await prepareResultIndex(client, names, ['host.name', 'process.name']);
      expect(created.created).toBe(true);
      expect(await node.aliasIndices(names.latest)).toStrictEqual([names.index]);
      expect(await node.aliasIndices(names.all)).toStrictEqual([older, names.index].sort());
      // Prepared again: nothing moves, and a new group field is added to the mapping.
      const again = await prepareResultIndex(client, names, ['host.name', 'user.name']);
      expect(again).toMatchObject({ created: false, added: ['user.name'] });
      expect(await node.aliasIndices(names.latest)).toStrictEqual([names.index]);
    } finally {
      await client.close();
    }
  });

  it('reports a conflicting mapping before any scoring, naming the field', async () => {
    const prefix = node.name('conflict');
    const names = resultIndexNames(prefix);
    await node.admin.indices.create({ index: names.index, body: { mappings: { properties: { beacon_stats: { properties: { interval: { type: 'keyword' } } } } } } } as never);
    const session = await SearchSession.open({ connection: node.connection(), index: events, mode: 'stream' }, { connection: node.connection(), prefix });
    try {
      const refused = await prepareSearchScan(options, session).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(ResultIndexConflictError);
      expect((refused as ResultIndexConflictError).exitCode).toBe(2);
      expect((refused as Error).message).toMatch(/beacon_stats\.interval is keyword, results need long/);
    } finally {
      await session.close();
    }
    expect((await node.documents(names.index)).size).toBe(0);
  });

  it('reports a document the mapping rejects, writes the others, and makes the exit code non-zero', async () => {
    const prefix = node.name('rejected');
    const names = resultIndexNames(prefix);
    const { client } = await connectCluster(node.connection());
    try {
      await prepareResultIndex(client, names, ['host.name', 'process.name']);
      const session = await SearchSession.open({ connection: node.connection(), index: events, mode: 'aggregate' }, undefined);
      const { outcome } = await runSearchScan(options, session).finally(() => session.close());
      const entries = resultEntries(outcome, Date.now());
      const broken = { ...entries[3]!, doc: { ...entries[3]!.doc, beacon_stats: { interval: 'not a number' } } };
      const report = await new ResultWriter(client, names, { refresh: true }).write([...entries.slice(0, 3), broken, ...entries.slice(4)]);
      expect(report.written).toBe(entries.length - 1);
      expect(report.failed).toHaveLength(1);
      expect(report.failed[0]).toMatchObject({ id: broken.id, label: broken.label, status: 400 });
      expect(report.failed[0]?.reason).toMatch(/mapper_parsing_exception/);
      expect(formatWriteReport(report)).toMatch(/NOT written: 1 documents/);
      expect(() => throwIfNotWritten(report)).toThrow(ResultsNotWrittenError);
      const stored = await node.documents(names.all);
      expect(stored.size).toBe(entries.length - 1);
      expect(stored.has(broken.id)).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('reports every document when the index was closed after it was prepared', async () => {
    const prefix = node.name('closed');
    const names = resultIndexNames(prefix);
    const { client } = await connectCluster(node.connection());
    try {
      await prepareResultIndex(client, names, ['host.name', 'process.name']);
      await node.admin.indices.close({ index: names.index } as never);
      const session = await SearchSession.open({ connection: node.connection(), index: events, mode: 'aggregate' }, undefined);
      const { outcome } = await runSearchScan(options, session).finally(() => session.close());
      const report = await new ResultWriter(client, names).write(resultEntries(outcome, Date.now()));
      expect(report.written).toBe(0);
      expect(report.failed).toHaveLength(mix.results.length);
      expect(report.failed.every((f) => f.status === 400 && /index_closed_exception/.test(f.reason))).toBe(true);
      let thrown: unknown;
      try {
        throwIfNotWritten(report);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ResultsNotWrittenError);
      expect((thrown as ResultsNotWrittenError).exitCode).toBe(5);
    } finally {
      await client.close();
    }
  });
});
