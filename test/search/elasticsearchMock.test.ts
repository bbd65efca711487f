/**
 * The Elasticsearch path, through the official client against
 * `@elastic/elasticsearch-mock` (no Elasticsearch server runs here): the
 * point-in-time requests' shape, a golden vector read through them, the
 * product check, the REST compatibility headers for 8.x and 9.x, and bulk
 * errors with their retries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { createRequire } from 'node:module';
import MockModule from '@elastic/elasticsearch-mock';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../ts/decode/timestamp.js';
import { DEFAULT_FILTERS } from '../../ts/filter/filterConfig.js';
import { resolveParams } from '../../ts/params/beaconParams.js';
import { clusterConnection } from '../../ts/search/clusterConnection.js';
import { documentPages } from '../../ts/search/documentPages.js';
import { elasticClientOptions, ElasticsearchSearchClient } from '../../ts/search/elasticsearchClient.js';
import { Redactor } from '../../ts/search/redactor.js';
import { resultIndexNames } from '../../ts/search/resultIndex.js';
import { ResultWriter } from '../../ts/search/resultWriter.js';
import { ClusterError } from '../../ts/search/searchErrors.js';
import { runSearchScan, SearchSession } from '../../ts/search/searchScan.js';
import { compareWithTransform } from '../../ts/search/transformCompare.js';
import { loadTransformDefinition } from '../../ts/search/transformDefinition.js';
import { parse as parseYaml } from 'yaml';
import { expectGoldenMatch, goldenVectors, type GoldenVector } from '../support/goldenVectors.js';
import { REPO_ROOT } from '../support/paths.js';
import { documents } from '../support/scanFixture.js';

type Params = { method: string; path: string; body: any; querystring: Record<string, string> };
/** The mock's types declare an ES-style default export; as CommonJS, the module itself is the class. */
const ClientMock = MockModule as unknown as typeof MockModule.default;
type ClientMock = InstanceType<typeof ClientMock>;
type MockConnection = ReturnType<ClientMock['getConnection']>;
type Resolver = Parameters<ClientMock['add']>[1];
/** A resolver reading the request as the mock hands it over. */
const on = (answer: (p: Params) => unknown): Resolver => answer as unknown as Resolver;
/** The mock recognises errors by class, and loads the client as CommonJS: its classes, not the ES module's. */
const { errors } = createRequire(import.meta.url)('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');

const connection = clusterConnection({ url: 'http://es.test:9200' }, 'es');

function esClient(mock: ClientMock, version = '9.1.0', Connection: MockConnection = mock.getConnection()): ElasticsearchSearchClient {
  const major = Number(version.split('.')[0]);
  // The mock is typed against the client's CommonJS build; the connection class is the same at run time.
  const client = new Client({ ...elasticClientOptions(connection, major), Connection: Connection as never, maxRetries: 0 });
  return new ElasticsearchSearchClient(client, version, connection.url, new Redactor([]));
}

/** A mock that opens a point in time, and a connection class that keeps each request's headers. */
function recordingHeaders(): { mock: ClientMock; headers: Record<string, string>[]; Recording: MockConnection } {
  const mock = new ClientMock();
  mock.add({ method: 'POST', path: '/events/_pit' }, () => ({ id: 'x', _shards: { total: 1 } }));
  const headers: Record<string, string>[] = [];
  const Base = mock.getConnection();
  class Recording extends (Base as any) {
    request(params: any, options: any): Promise<any> {
      headers.push(params.headers);
      return (super.request as any)(params, options);
    }
  }
  return { mock, headers, Recording: Recording as unknown as MockConnection };
}

const FIELD_CAPS = {
  indices: ['events'],
  fields: Object.fromEntries(
    Object.entries({
      '@timestamp': 'date',
      'event.ingested': 'date',
      'event.category': 'keyword',
      'event.action': 'keyword',
      'host.name': 'keyword',
      'process.name': 'keyword',
      'source.ip': 'ip',
      'destination.ip': 'ip',
      'source.bytes': 'long',
      'destination.bytes': 'long',
    }).map(([field, type]) => [field, { [type]: { type, searchable: true, aggregatable: true } }]),
  ),
};

/** A mock cluster serving `docs` through a point in time, a page of the requested size at a time, recording every search body. */
function pitCluster(docs: readonly object[]): { mock: ClientMock; searches: any[]; closed: string[] } {
  const mock = new ClientMock();
  const searches: any[] = [];
  const closed: string[] = [];
  mock.add({ method: ['GET', 'POST'], path: '/events/_field_caps' }, () => FIELD_CAPS);
  mock.add({ method: 'POST', path: '/events/_pit' }, on((p: Params) => {
    expect(p.querystring['keep_alive']).toBe('2m');
    return { id: 'pit-1', _shards: { total: 2, successful: 2, skipped: 0, failed: 0 } };
  }));
  mock.add({ method: 'POST', path: '/_search' }, on((p: Params) => {
    searches.push(p.body);
    const from = (p.body.search_after?.[0] ?? -1) + 1;
    const hits = docs.slice(from, from + (p.body.size as number)).map((doc, k) => ({ _index: 'events', _id: String(from + k), _source: doc, sort: [from + k] }));
    return { pit_id: `pit-${searches.length + 1}`, _shards: { total: 2, successful: 2, failed: 0 }, hits: { hits } };
  }));
  mock.add({ method: 'DELETE', path: '/_pit' }, on((p: Params) => {
    closed.push(p.body.id);
    return { succeeded: true, num_freed: 2 };
  }));
  return { mock, searches, closed };
}

describe('the Elasticsearch client path (mocked cluster)', () => {
  it('pages with a point in time: no index in the path, _shard_doc order, search_after, the newest pit id, closed at the end', async () => {
    const docs = Array.from({ length: 5 }, (_, i) => ({ n: i }));
    const { mock, searches, closed } = pitCluster(docs);
    const client = esClient(mock);
    const pages: unknown[][] = [];
    for await (const page of documentPages(client, 'events', { query: { match_all: {} }, sourceFields: ['n'] }, { pageSize: 2, slices: 1, keepAlive: '2m', method: 'auto' })) {
      pages.push(page.map((h) => h._source));
    }
    expect(pages).toStrictEqual([[{ n: 0 }, { n: 1 }], [{ n: 2 }, { n: 3 }], [{ n: 4 }]]);
    expect(searches[0]).toStrictEqual({ size: 2, query: { match_all: {} }, _source: ['n'], track_total_hits: false, pit: { id: 'pit-1', keep_alive: '2m' }, sort: [{ _shard_doc: 'asc' }] });
    expect(searches[1]).toMatchObject({ pit: { id: 'pit-2' }, search_after: [1] });
    expect(searches[2]).toMatchObject({ pit: { id: 'pit-3' }, search_after: [3] });
    expect(closed).toStrictEqual(['pit-1']);
  });

  it('scrolls on a cluster older than point in time (7.9), and clears the newest scroll id at the end', async () => {
    const docs = Array.from({ length: 5 }, (_, i) => ({ n: i }));
    const mock = new ClientMock();
    const requests: string[] = [];
    const page = (from: number) => ({ _scroll_id: `scroll-${from}`, _shards: { total: 1, successful: 1, failed: 0 }, hits: { hits: docs.slice(from, from + 2).map((doc, k) => ({ _index: 'events', _id: String(from + k), _source: doc })) } });
    mock.add({ method: 'POST', path: '/events/_search' }, on((p: Params) => {
      requests.push(`search scroll=${p.querystring['scroll']} size=${p.body.size} sort=${JSON.stringify(p.body.sort)}`);
      return page(0);
    }));
    mock.add({ method: 'POST', path: '/_search/scroll' }, on((p: Params) => {
      requests.push(`scroll ${p.body.scroll_id} ${p.body.scroll}`);
      return page(Number(String(p.body.scroll_id).split('-')[1]) + 2);
    }));
    mock.add({ method: 'DELETE', path: '/_search/scroll' }, on((p: Params) => {
      requests.push(`clear ${JSON.stringify(p.body.scroll_id)}`);
      return { succeeded: true, num_freed: 1 };
    }));
    const client = esClient(mock, '7.9.0');
    expect(client.hasPointInTime).toBe(false);
    const pages: unknown[][] = [];
    for await (const hits of documentPages(client, 'events', { query: { match_all: {} }, sourceFields: ['n'] }, { pageSize: 2, slices: 1, keepAlive: '2m', method: 'auto' })) {
      pages.push(hits.map((h) => h._source));
    }
    expect(pages).toStrictEqual([[{ n: 0 }, { n: 1 }], [{ n: 2 }, { n: 3 }], [{ n: 4 }]]);
    expect(requests).toStrictEqual(['search scroll=2m size=2 sort=["_doc"]', 'scroll scroll-0 2m', 'scroll scroll-2 2m', 'scroll scroll-4 2m', 'clear "scroll-6"']);
  });

  it('slices on Elasticsearch as asked, whatever the shard count (_shard_doc is unique across shards)', async () => {
    const { mock, searches } = pitCluster([{ n: 0 }]);
    const client = esClient(mock);
    for await (const _ of documentPages(client, 'events', { query: { match_all: {} }, sourceFields: ['n'] }, { pageSize: 10, slices: 3, keepAlive: '2m', method: 'point-in-time' })) void _;
    expect(searches.map((b) => b.slice)).toStrictEqual([
      { id: 0, max: 3 },
      { id: 1, max: 3 },
      { id: 2, max: 3 },
    ]);
  });

  it('scores a golden vector read through the point in time, bit for bit', async () => {
    const vector = goldenVectors().find((v) => v.name === 'default_filters') as GoldenVector;
    const docs = readFileSync(vector.eventsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as object);
    const { mock, searches } = pitCluster(docs);
    const client = esClient(mock);
    const paging = { pageSize: 1000, slices: 1, keepAlive: '2m', method: 'auto' as const };
    const session = SearchSession.of({ client, redactor: new Redactor([]), options: { connection, index: 'events', mode: 'stream', paging } }, undefined);
    const { outcome } = await runSearchScan(
      { format: 'ecs', params: resolveParams(vector.params), filters: DEFAULT_FILTERS, windows: { nowMs: parseTimestamp(vector.now) as number }, engine: 'wasm', zeekBytes: 'ip' },
      session,
    );
    expectGoldenMatch(vector, documents(outcome));
    expect(searches).toHaveLength(Math.ceil(docs.length / 1000));
    // The filters travel as the query, the window as its time range.
    const filter = searches[0].query.bool.filter as any[];
    expect(filter[0]).toStrictEqual({ range: { '@timestamp': { gte: parseTimestamp(vector.now)! - 21_600_000, format: 'epoch_millis' } } });
    expect(filter).toContainEqual({ term: { 'event.action': 'disconnect_received' } });
    expect(filter).toContainEqual({ exists: { field: 'destination.ip' } });
  });

  it('refuses a server without the Elasticsearch product header, saying what to do', async () => {
    const mock = new ClientMock();
    mock.add({ method: 'POST', path: '/events/_pit' }, () => ({ id: 'x' }));
    const Base = mock.getConnection();
    class WithoutProductHeader extends (Base as any) {
      async request(params: any, options: any): Promise<any> {
        const response = await (super.request as any)(params, options);
        delete response.headers['x-elastic-product'];
        return response;
      }
    }
    const client = esClient(mock, '9.1.0', WithoutProductHeader as unknown as MockConnection);
    const refused = await client.openPointInTime('events', '1m').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClusterError);
    expect((refused as ClusterError).type).toBe('product');
    expect((refused as Error).message).toMatch(/did not identify itself as Elasticsearch.*--es-engine opensearch/);
  });

  it.each([
    ['8.17.0', 'compatible-with=8'],
    ['9.1.0', 'compatible-with=9'],
  ])('asks a %s cluster for its own REST API version (%s)', async (version, compatible) => {
    const { mock, headers, Recording } = recordingHeaders();
    const client = esClient(mock, version, Recording);
    await client.openPointInTime('events', '1m');
    expect(headers[0]?.['accept']).toContain(compatible);
  });

  it.each([
    ['an API key', { apiKey: 'id:secret-key' }, `ApiKey ${Buffer.from('id:secret-key').toString('base64')}`],
    ['an encoded API key', { apiKey: 'ZW5jb2RlZA==' }, 'ApiKey ZW5jb2RlZA=='],
    ['basic auth', { username: 'elastic', password: 'pa:ss' }, `Basic ${Buffer.from('elastic:pa:ss').toString('base64')}`],
    ['basic auth in the URL', { url: 'http://elastic:p%40ss@es.test:9200' }, `Basic ${Buffer.from('elastic:p@ss').toString('base64')}`],
    ['a bearer token', { bearerToken: 'tok-123' }, 'Bearer tok-123'],
  ])('sends %s as the authorization header', async (_name, settings, expected) => {
    const { headers, Recording } = recordingHeaders();
    const authed = clusterConnection({ url: 'http://es.test:9200', ...settings }, 'es');
    const client = new Client({ ...elasticClientOptions(authed, 9), Connection: Recording as never, maxRetries: 0 });
    await new ElasticsearchSearchClient(client, '9.1.0', authed.url, new Redactor([])).openPointInTime('events', '1m');
    expect(headers[0]?.['authorization']).toBe(expected);
  });

  it('retries bulk documents answered 429 and requests answered 503, and reports mapping errors', async () => {
    const mock = new ClientMock();
    const requests: string[][] = [];
    mock.add({ method: 'POST', path: '/_bulk' }, on((p: Params) => {
      const ids = (p.body as any[]).filter((_, k) => k % 2 === 0).map((op) => op.index._id as string);
      requests.push(ids);
      if (requests.length === 1) return new errors.ResponseError({ statusCode: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'busy' }, status: 503 }, headers: {}, warnings: null, meta: {} as never });
      return {
        errors: true,
        items: ids.map((id) =>
          id === ids[1] && requests.length === 2
            ? { index: { _id: id, status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } }
            : id.startsWith('bad')
              ? { index: { _id: id, status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [beacon_stats.interval]' } } }
              : { index: { _id: id, status: 201, result: 'created' } },
        ),
      };
    }));
    const client = esClient(mock);
    const entries = ['ok-1', 'ok-2', 'bad-3'].map((id) => ({ id, doc: { x: 1 }, label: id }));
    const pauses: number[] = [];
    const report = await new ResultWriter(client, resultIndexNames('ml_beaconing'), { sleep: async (ms) => void pauses.push(ms) }).write(entries);
    expect(requests).toStrictEqual([['ok-1', 'ok-2', 'bad-3'], ['ok-1', 'ok-2', 'bad-3'], ['ok-2']]);
    expect(pauses).toStrictEqual([500, 1000]);
    expect(report.written).toBe(2);
    expect(report.failed).toStrictEqual([{ id: 'bad-3', label: 'bad-3', status: 400, reason: 'document_parsing_exception: failed to parse field [beacon_stats.interval]' }]);
  });

  it('compares with a stored transform through the preview API: definition by id, anchored query, the window end as a script param', async () => {
    const vector = goldenVectors().find((v) => v.name === 'multi_group_mix') as GoldenVector;
    const nowMs = parseTimestamp(vector.now) as number;
    const docs = readFileSync(vector.eventsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as object);
    const { mock } = pitCluster(docs);
    const definition = parseYaml(readFileSync(join(REPO_ROOT, 'test', 'search', 'fixtures', 'bucket-span.transform.yml'), 'utf8')) as { source: { index: string[] } };
    definition.source.index = ['events'];
    mock.add({ method: 'GET', path: '/_transform/bucket-span' }, () => ({ count: 1, transforms: [{ id: 'bucket-span', ...definition }] }));
    const previews: any[] = [];
    mock.add({ method: 'POST', path: '/_transform/_preview' }, on((p: Params) => {
      previews.push(p.body);
      // What the pivot computes, as Elasticsearch would answer: the vector's expected values.
      const preview = vector.results.map((r: any) => ({
        host: r.host,
        process: r.process,
        '@timestamp': r['@timestamp'],
        event: r.event,
        beacon_stats: { interval: r.beacon_stats.interval, non_empty_buckets: r.beacon_stats.non_empty_buckets },
      }));
      return { preview, generated_dest_index: { mappings: {} } };
    }));
    const client = esClient(mock);
    const transform = await loadTransformDefinition('bucket-span', client);
    expect(transform.origin).toBe('transform bucket-span on http://es.test:9200');
    const comparison = await compareWithTransform(client, transform, { nowMs, nowParam: 'now_ms', engine: 'wasm', paging: { pageSize: 1000, slices: 1, keepAlive: '2m', method: 'auto' } });
    expect(comparison.via).toBe('preview');
    expect(comparison.diff).toMatchObject({ groupsInBoth: 30, equalGroups: 30, differingGroups: [], onlyInTransform: [], onlyInOurs: [] });
    expect(previews).toHaveLength(1);
    expect(previews[0].source).toStrictEqual({ index: ['events'], query: { bool: { filter: [{ range: { '@timestamp': { gte: '2026-11-30T12:00:00.000Z||-6h' } } }] } } });
    expect(previews[0].pivot.aggregations.beacon_stats.scripted_metric.params).toMatchObject({ now_ms: nowMs, time_bucket_length: 60 });
    expect(Object.keys(previews[0].pivot.group_by)).toStrictEqual(['host.name', 'process.name']);
  });
});
