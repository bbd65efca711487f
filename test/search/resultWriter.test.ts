/**
 * The writer's retries, against a scripted cluster: a whole request that
 * fails with 429/5xx or no answer is sent again, documents answered 429/5xx
 * are sent again on their own, other refusals are failures at once, and
 * after the last try whatever is left is reported. Pauses double.
 */
import { describe, expect, it } from 'vitest';
import { resultIndexNames } from '../../ts/search/resultIndex.js';
import { resultDocumentId, resultEntries, ResultWriter, type ResultEntry } from '../../ts/search/resultWriter.js';
import { ClusterError } from '../../ts/search/searchErrors.js';
import type { BulkItemResult, Json, SearchClient } from '../../ts/search/searchClient.js';
import { ecsEvent, ndjson, NO_FILTERS, scan, timesBefore, writeFixture } from '../support/scanFixture.js';

type Answer = readonly number[] | ClusterError;

/** A cluster answering bulk requests from a script: per request, item statuses in order, or an error. */
function scriptedCluster(script: Answer[]): { client: SearchClient; requests: string[][] } {
  const requests: string[][] = [];
  const bulk = async (operations: readonly Json[]): Promise<readonly BulkItemResult[]> => {
    const ids = operations.filter((_, k) => k % 2 === 0).map((op) => (op['index'] as { _id: string })._id);
    requests.push(ids);
    const answer = script.shift();
    if (answer === undefined) throw new Error('no more scripted answers');
    if (answer instanceof ClusterError) throw answer;
    return answer.map((status, k) => ({ status, _id: ids[k] as string, ...(status >= 300 ? { error: { type: status === 429 ? 'es_rejected_execution_exception' : 'mapper_parsing_exception', reason: 'scripted' } } : {}) }));
  };
  return { client: { bulk } as unknown as SearchClient, requests };
}

const entries: ResultEntry[] = ['a', 'b', 'c'].map((host) => ({
  id: resultDocumentId(['host.name'], [host], '2026-11-30T12:00:00.000Z'),
  doc: { host: { name: host } },
  label: `host.name=${host}`,
}));
const [a, b, c] = entries.map((e) => e.id);

function writer(client: SearchClient, pauses: number[], attempts = 5) {
  return new ResultWriter(client, resultIndexNames('test'), { retry: { attempts, firstDelayMs: 100, maxDelayMs: 250 }, sleep: async (ms) => void pauses.push(ms) });
}

describe('result writer retries', () => {
  it('sends a request again after 503 and no answer, then each document answered 429 on its own', async () => {
    const { client, requests } = scriptedCluster([
      new ClusterError('busy', 503),
      new ClusterError('connection reset', undefined, 'connection'),
      [201, 429, 400],
      [200],
    ]);
    const pauses: number[] = [];
    const report = await writer(client, pauses).write(entries);
    expect(requests).toStrictEqual([[a, b, c], [a, b, c], [a, b, c], [b]]);
    expect(pauses).toStrictEqual([100, 200, 250]);
    expect(report.written).toBe(2);
    expect(report.retries).toBe(7);
    expect(report.failed).toStrictEqual([{ id: c, label: 'host.name=c', status: 400, reason: 'mapper_parsing_exception: scripted' }]);
  });

  it('reports what is still refused after the last try', async () => {
    const { client, requests } = scriptedCluster([[429, 201, 503], [429, 503]]);
    const report = await writer(client, [], 2).write(entries);
    expect(requests).toStrictEqual([[a, b, c], [a, c]]);
    expect(report.written).toBe(1);
    expect(report.failed.map((f) => [f.id, f.status])).toStrictEqual([[a, 429], [c, 503]]);
  });

  it('does not retry a request refused with a 4xx other than 429, and reports every document of it', async () => {
    const { client, requests } = scriptedCluster([new ClusterError('forbidden', 403, 'security_exception')]);
    const report = await writer(client, []).write(entries);
    expect(requests).toHaveLength(1);
    expect(report.written).toBe(0);
    expect(report.failed.map((f) => f.status)).toStrictEqual([403, 403, 403]);
  });

  it('gives the same id to the same group and time, and different ids otherwise', () => {
    const id = resultDocumentId(['host.name', 'process.name'], ['ws-1', 'a.exe'], '2026-11-30T12:00:00.000Z');
    expect(resultDocumentId(['host.name', 'process.name'], ['ws-1', 'a.exe'], '2026-11-30T12:00:00.000Z')).toBe(id);
    expect(resultDocumentId(['host.name', 'process.name'], ['ws-1', 'a.exe'], '2026-11-30T12:00:00.001Z')).not.toBe(id);
    expect(resultDocumentId(['host.name', 'process.name'], ['ws-1', 'b.exe'], '2026-11-30T12:00:00.000Z')).not.toBe(id);
    expect(resultDocumentId(['source.ip', 'destination.ip'], ['ws-1', 'a.exe'], '2026-11-30T12:00:00.000Z')).not.toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('result entries', () => {
  const end = '2026-11-30T12:00:00Z';
  const events = timesBefore(end, 20, 60).map((t, k) => ecsEvent(t, { event: { dataset: 'endpoint.events.network', ...(k === 3 ? { ingested: '2026-11-30T11:59:00.000Z' } : {}) } }));

  it('carries the events\' latest event.ingested, or the write time, also when a group field lives under event.', async () => {
    const withIngested = await scan([writeFixture({ 'a.ndjson': ndjson(events) })], 'ts', { filters: NO_FILTERS, groupBy: ['event.dataset', 'host.name'], windows: { nowMs: Date.parse(end) } });
    const without = await scan([writeFixture({ 'b.ndjson': ndjson(events.map((e) => ({ ...e, event: { dataset: e['event'].dataset } }))) })], 'ts', {
      filters: NO_FILTERS,
      groupBy: ['event.dataset', 'host.name'],
      windows: { nowMs: Date.parse(end) },
    });
    const writeTimeMs = Date.parse('2026-11-30T12:03:00Z');
    expect(resultEntries(withIngested.outcome, writeTimeMs).map((e) => e.doc['event'])).toStrictEqual([{ dataset: 'endpoint.events.network', ingested: '2026-11-30T11:59:00.000Z' }]);
    expect(resultEntries(without.outcome, writeTimeMs).map((e) => e.doc['event'])).toStrictEqual([{ dataset: 'endpoint.events.network', ingested: '2026-11-30T12:03:00.000Z' }]);
  });
});
