/**
 * Painless: the same events on the OpenSearch node, scored by a painless
 * scripted-metric pivot (`painless/beaconing.transform.yml`: the spec as a
 * transform's scripts, run as the composite aggregation a pivot is) and by
 * beaconwatch's push-down mode (the node builds the buckets, the wasm engine
 * scores them); streaming mode for reference. The ratio counts only because
 * the two agree: their results are compared field by field.
 *
 * The events are generated once and kept in an index named for the profile,
 * reused while it holds what the generator makes. The index's request cache
 * is off, so that every repetition computes its aggregations again.
 */
import { Client } from '@opensearch-project/opensearch';
import { join } from 'node:path';
import { generatedLines, parseGenerateArgs } from '../dist/cli/generateCommand.js';
import { clusterConnection } from '../dist/search/clusterConnection.js';
import { connectCluster } from '../dist/search/connectCluster.js';
import { diffDocuments, type DocumentDiff } from '../dist/search/documentDiff.js';
import { ECS_EVENT_MAPPING } from '../dist/search/ecsEventMapping.js';
import { runPivot } from '../dist/search/pivotRun.js';
import type { Json } from '../dist/search/searchClient.js';
import { runSearchScan, SearchSession, type ReadMode } from '../dist/search/searchScan.js';
import { scriptParams } from '../dist/search/transformCompare.js';
import { loadTransformDefinition } from '../dist/search/transformDefinition.js';
import { resultDocument } from '../dist/sink/resultDocument.js';
import type { ScoringWindow } from '../dist/window/windowPlan.js';
import { ratio, REPO_ROOT } from './support/benchResults.js';

export const PAINLESS_TRANSFORM = join(REPO_ROOT, 'bench', 'painless', 'beaconing.transform.yml');

/** Hosts x processes talkers over the 6 hours of the window, one in 25 a beacon: 2.1 M events in 5,000 groups (full), 19.7 k in 200 (smoke). */
const SIZES = {
  full: { hosts: 1000, processes: 5, noisePerHour: 72, repetitions: 3 },
  smoke: { hosts: 40, processes: 5, noisePerHour: 16, repetitions: 1 },
} as const;
/** One shard per core of the bench machine, so that both sides can use both. */
const SHARDS = 2;
const BULK_EVENTS = 10_000;

export interface PainlessResult {
  readonly events: number;
  readonly groups: number;
  /** Groups scored as beaconing: the planted beacons, found. */
  readonly beaconingGroups: number;
  readonly node: { readonly engine: string; readonly version: string; readonly heapMaxMiB: number };
  readonly index: { readonly name: string; readonly shards: number; readonly reused: boolean; readonly loadSeconds: number };
  readonly repetitions: number;
  /** Medians of the repetitions. */
  readonly painlessSeconds: number;
  readonly pushDownSeconds: number;
  readonly streamSeconds: number;
  /** Painless pivot time over push-down time. */
  readonly ratio: number;
  readonly runs: { readonly painless: readonly number[]; readonly pushDown: readonly number[]; readonly stream: readonly number[] };
  /** The node's largest heap use sampled during each side's runs. */
  readonly peakHeapMiB: { readonly painless: number; readonly pushDown: number; readonly stream: number };
  readonly agreement: {
    readonly groupsCompared: number;
    readonly groupsDiffering: number;
    /** Fields both sides write, each compared in every group. */
    readonly fieldsCompared: number;
    /** Field values that differ or that one side lacks, over all groups. */
    readonly fieldsDiffering: number;
    readonly onlyInPainless: number;
    readonly onlyInPushDown: number;
    /** Streaming against push-down, groups differing. */
    readonly streamGroupsDiffering: number;
  };
}

export async function painlessBench(profile: 'full' | 'smoke'): Promise<PainlessResult> {
  const url = process.env['BEACONWATCH_SEARCH_URL'];
  if (url === undefined || url === '') {
    throw new Error('the painless bench needs an OpenSearch node: start one with search-node/start and export its URL as BEACONWATCH_SEARCH_URL');
  }
  const size = SIZES[profile];
  const generatorArgs = ['--hosts', String(size.hosts), '--processes', String(size.processes), '--noise-per-hour', String(size.noisePerHour), '--hours', '6'];
  const generate = parseGenerateArgs(generatorArgs);
  const nowMs = generate.spec.endMs;
  const index = `beaconwatch-bench-painless-${profile}`;

  const admin = new Client({ node: url });
  const connection = clusterConnection({ url }, 'es');
  const { client } = await connectCluster(connection);
  const sessions = new Map<ReadMode, SearchSession>();
  try {
    const load = await indexEvents(admin, index, generatorArgs.join(' '), () => generatedLines(generate));
    const transform = { ...(await loadTransformDefinition(PAINLESS_TRANSFORM, client)), sourceIndex: [index] };
    const params = scriptParams(transform.aggregations);
    const groupFields = transform.groups.map((g) => g.field);
    // The transform's query, `@timestamp >= now-6h`, as the scan's filters.
    const filters = { name: 'the window of the painless transform', requireDestinationIp: false, windowSeconds: 6 * 3600 };
    for (const mode of ['aggregate', 'stream'] as const) sessions.set(mode, await SearchSession.open({ connection, index, mode }, undefined));
    const scan = async (mode: ReadMode) => {
      const { outcome } = await runSearchScan({ format: 'ecs', params, filters, groupBy: groupFields, windows: { nowMs }, engine: 'wasm', zeekBytes: 'ip' }, sessions.get(mode) as SearchSession);
      return outcome.results.map((r) => resultDocument(r, outcome.groupFields, outcome.windows[r.window] as ScoringWindow) as Json);
    };

    const sides = {
      painless: () => runPivot(client, transform, { nowMs, nowParam: 'now_ms', via: 'aggregation' }),
      pushDown: () => scan('aggregate'),
      stream: () => scan('stream'),
    };
    const runs = { painless: [] as number[], pushDown: [] as number[], stream: [] as number[] };
    const peaks = { painless: 0, pushDown: 0, stream: 0 };
    const outputs = {} as Record<keyof typeof sides, Json[]>;
    // Repetitions interleave the sides, so that a slow moment of the machine touches all three.
    for (let rep = 0; rep < size.repetitions; rep++) {
      for (const side of Object.keys(sides) as (keyof typeof sides)[]) {
        const run = await timedWithHeap(admin, sides[side]);
        runs[side].push(run.seconds);
        peaks[side] = Math.max(peaks[side], run.peakHeapMiB);
        outputs[side] = run.value;
      }
    }

    const keys = { transform: transform.groups.map((g) => g.name), ours: groupFields };
    const proof = diffDocuments(outputs.painless, outputs.pushDown, keys);
    const streamed = diffDocuments(outputs.stream, outputs.pushDown, { transform: groupFields, ours: groupFields });
    const seconds = { painless: median(runs.painless), pushDown: median(runs.pushDown), stream: median(runs.stream) };
    return {
      events: load.events,
      groups: outputs.pushDown.length,
      beaconingGroups: outputs.pushDown.filter((d) => (d['beacon_stats'] as Json)['is_beaconing'] === true).length,
      node: { engine: client.engine, version: client.version, heapMaxMiB: Math.round((await heap(admin)).maxBytes / 2 ** 20) },
      index: { name: index, shards: SHARDS, reused: load.reused, loadSeconds: round(load.seconds) },
      repetitions: size.repetitions,
      painlessSeconds: round(seconds.painless),
      pushDownSeconds: round(seconds.pushDown),
      streamSeconds: round(seconds.stream),
      ratio: ratio(seconds.painless, seconds.pushDown),
      runs: { painless: runs.painless.map(round), pushDown: runs.pushDown.map(round), stream: runs.stream.map(round) },
      peakHeapMiB: peaks,
      agreement: {
        groupsCompared: proof.groupsInBoth,
        groupsDiffering: proof.differingGroups.length,
        fieldsCompared: proof.fields.size,
        fieldsDiffering: differingValues(proof),
        onlyInPainless: proof.onlyInTransform.length,
        onlyInPushDown: proof.onlyInOurs.length,
        streamGroupsDiffering: streamed.differingGroups.length + streamed.onlyInTransform.length + streamed.onlyInOurs.length,
      },
    };
  } finally {
    await Promise.allSettled([...sessions.values()].map((s) => s.close()));
    await Promise.allSettled([client.close(), admin.close()]);
  }
}

/**
 * The generated events in `index`, indexed unless it already holds them
 * (its `_meta` names the generator's arguments and the count, written once
 * the load completed). Loading: refresh off, large bulk requests, one in
 * flight while the next is generated; then one segment per shard, so that
 * no merge runs during the timings.
 */
async function indexEvents(admin: Client, index: string, generator: string, lines: () => Iterable<string>): Promise<{ events: number; reused: boolean; seconds: number }> {
  if ((await admin.indices.exists({ index })).body) {
    const mapping = (await admin.indices.getMapping({ index })).body as Record<string, { mappings: { _meta?: { generator?: string; events?: number } } }>;
    const meta = mapping[index]?.mappings._meta;
    const count = ((await admin.count({ index })).body as { count: number }).count;
    if (meta?.generator === generator && meta.events === count) return { events: count, reused: true, seconds: 0 };
    await admin.indices.delete({ index });
  }
  const start = performance.now();
  await admin.indices.create({
    index,
    body: {
      settings: { number_of_shards: SHARDS, number_of_replicas: 0, refresh_interval: '-1', 'index.requests.cache.enable': false },
      mappings: ECS_EVENT_MAPPING,
    },
  } as never);
  let events = 0;
  let batch: string[] = [];
  let pending: Promise<void> | undefined;
  const send = async (body: string) => {
    const answer = await admin.bulk({ index, body, filter_path: 'errors,items.*.error' } as never);
    const result = answer.body as { errors: boolean; items?: unknown[] };
    if (result.errors) throw new Error(`indexing the painless bench's events into ${index} failed: ${JSON.stringify(result.items?.[0])}`);
  };
  for (const line of lines()) {
    batch.push('{"index":{}}', line);
    if (++events % BULK_EVENTS === 0) {
      await pending;
      pending = send(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  await pending;
  if (batch.length > 0) await send(`${batch.join('\n')}\n`);
  await admin.indices.putSettings({ index, body: { refresh_interval: null } } as never);
  await admin.indices.refresh({ index });
  await admin.indices.forcemerge({ index, max_num_segments: 1 } as never);
  await admin.indices.putMapping({ index, body: { _meta: { generator, events } } } as never);
  return { events, reused: false, seconds: (performance.now() - start) / 1000 };
}

/** Runs `work`, timing it and sampling the node's heap meanwhile. */
async function timedWithHeap<T>(admin: Client, work: () => Promise<T>): Promise<{ value: T; seconds: number; peakHeapMiB: number }> {
  let done = false;
  let peak = 0;
  const sampling = (async () => {
    while (!done) {
      peak = Math.max(peak, (await heap(admin)).usedBytes);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const start = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - start) / 1000, peakHeapMiB: Math.round(peak / 2 ** 20) };
  } finally {
    done = true;
    await sampling;
  }
}

async function heap(admin: Client): Promise<{ usedBytes: number; maxBytes: number }> {
  const stats = (await admin.nodes.stats({ metric: 'jvm' } as never)).body as { nodes: Record<string, { jvm: { mem: { heap_used_in_bytes: number; heap_max_in_bytes: number } } }> };
  const nodes = Object.values(stats.nodes);
  return {
    usedBytes: nodes.reduce((sum, n) => sum + n.jvm.mem.heap_used_in_bytes, 0),
    maxBytes: nodes.reduce((sum, n) => sum + n.jvm.mem.heap_max_in_bytes, 0),
  };
}

function differingValues(diff: DocumentDiff): number {
  let n = 0;
  for (const tally of diff.fields.values()) n += tally.differing + tally.missingInTransform + tally.missingInOurs;
  return n;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
