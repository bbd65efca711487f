/**
 * The OpenSearch node of the search tests (`search-node/start`), found
 * through BEACONWATCH_SEARCH_URL. Under CI (`CI=true`) a missing URL fails
 * the run; elsewhere the tests say plainly that they did not run. Every run
 * names its indices with its own prefix, so reruns never collide.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, describe, it } from 'vitest';
import { clusterConnection, type ClusterConnection } from '../../ts/search/clusterConnection.js';
import { ECS_EVENT_MAPPING } from '../../ts/search/ecsEventMapping.js';

export const SEARCH_URL_VARIABLE = 'BEACONWATCH_SEARCH_URL';

/** `describe` for tests that need the node, or the report that they did not run. */
export function describeSearchNode(name: string, body: (node: SearchNode) => void): void {
  const url = process.env[SEARCH_URL_VARIABLE];
  if (url !== undefined && url !== '') {
    describe(name, () => {
      const node = new SearchNode(url);
      afterAll(() => node.cleanUp());
      body(node);
    });
    return;
  }
  const message = `${SEARCH_URL_VARIABLE} is not set (start the node with search-node/start and export its URL)`;
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it(`has a search node (CI=true requires ${SEARCH_URL_VARIABLE})`, () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`NOTE: ${message}: the tests "${name}" DID NOT RUN\n`);
  describe.skip(`${name}: DID NOT RUN (${message})`, () => {
    it('needs the search node', () => undefined);
  });
}

export class SearchNode {
  /** Prefix of every index this test file creates. */
  readonly prefix = `bwtest-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  readonly admin: Client;

  constructor(readonly url: string) {
    this.admin = new Client({ node: url });
  }

  /** A connection to the node (no credentials: the node has no security plugin). */
  connection(overrides: Partial<ClusterConnection> = {}): ClusterConnection {
    return { ...clusterConnection({ url: this.url }, 'es'), ...overrides };
  }

  /** A fresh index name under this run's prefix. */
  name(suffix: string): string {
    return `${this.prefix}-${suffix}`.toLowerCase();
  }

  /** Creates an index of ECS events and indexes `docs` into it, searchable on return. */
  async indexEvents(index: string, docs: readonly object[], shards = 3): Promise<void> {
    await this.admin.indices.create({ index, body: { settings: { number_of_shards: shards, number_of_replicas: 0 }, mappings: ECS_EVENT_MAPPING } } as never);
    for (let start = 0; start < docs.length; start += 5000) {
      const body = docs.slice(start, start + 5000).flatMap((doc) => [{ index: { _index: index } }, doc]);
      const answer = await this.admin.bulk({ body, refresh: 'wait_for' } as never);
      const result = answer.body as { errors: boolean; items: unknown[] };
      if (result.errors) throw new Error(`indexing test events failed: ${JSON.stringify(result.items.find((i) => JSON.stringify(i).includes('"error"')))}`);
    }
  }

  async indexNdjsonFile(index: string, path: string, shards = 3): Promise<number> {
    const docs = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as object);
    await this.indexEvents(index, docs, shards);
    return docs.length;
  }

  /** Every document of `index` (or alias), by `_id`. */
  async documents(index: string): Promise<Map<string, Record<string, unknown>>> {
    await this.admin.indices.refresh({ index } as never);
    const answer = await this.admin.search({ index, body: { size: 10_000, query: { match_all: {} } } } as never);
    const hits = (answer.body as { hits: { hits: { _id: string; _source: Record<string, unknown> }[] } }).hits.hits;
    return new Map(hits.map((h) => [h._id, h._source]));
  }

  async aliasIndices(alias: string): Promise<string[]> {
    try {
      const answer = await this.admin.indices.getAlias({ name: alias } as never);
      return Object.keys(answer.body as object).sort();
    } catch {
      return [];
    }
  }

  async cleanUp(): Promise<void> {
    await this.admin.indices.delete({ index: `${this.prefix}-*`, expand_wildcards: 'all' } as never).catch(() => undefined);
    await this.admin.close();
  }
}
