/**
 * {@link SearchClient} over the official OpenSearch client. OpenSearch has
 * its own point-in-time endpoints (`_search/point_in_time`) and no
 * Elasticsearch transforms; its security plugin takes basic auth, and an
 * `Authorization` header for the bearer tokens and API keys of proxies.
 */
import { Client, type ClientOptions } from '@opensearch-project/opensearch';
import { ConfigError } from '../errors.js';
import { apiKeyHeaderValue, readCa, type ClusterConnection } from './clusterConnection.js';
import { clusterFailure } from './clusterFailure.js';
import { pinnedTlsAgent } from './pinnedTlsAgent.js';
import type { Redactor } from './redactor.js';
import type { BulkItemResult, FieldCaps, Json, PointInTime, SearchClient, SearchResponse } from './searchClient.js';

/** The calls used here, typed loosely; every answer comes as `{ body }`. */
interface OpenSearchApi {
  info(): Promise<{ body: Json }>;
  search(params: Json): Promise<{ body: SearchResponse }>;
  scroll(params: Json): Promise<{ body: SearchResponse }>;
  clearScroll(params: Json): Promise<unknown>;
  createPit(params: Json): Promise<{ body: { pit_id: string; _shards?: { total: number } } }>;
  deletePit(params: Json): Promise<unknown>;
  fieldCaps(params: Json): Promise<{ body: FieldCaps }>;
  bulk(params: Json, options: Json): Promise<{ body: { items: Record<string, BulkItemResult>[] } }>;
  indices: {
    getMapping(params: Json): Promise<{ body: Record<string, { mappings: Json }> }>;
    create(params: Json): Promise<unknown>;
    putMapping(params: Json): Promise<unknown>;
    getAlias(params: Json): Promise<{ body: Record<string, { aliases: Json }> }>;
    updateAliases(params: Json): Promise<unknown>;
    refresh(params: Json): Promise<unknown>;
  };
}

export function openSearchClientOptions(connection: ClusterConnection): ClientOptions {
  const a = connection.auth;
  const header = a.kind === 'api-key' ? `ApiKey ${apiKeyHeaderValue(a.apiKey)}` : a.kind === 'bearer' ? `Bearer ${a.token}` : undefined;
  const fingerprint = connection.caFingerprint;
  return {
    node: connection.url,
    ...(a.kind === 'basic' ? { auth: { username: a.username, password: a.password } } : {}),
    ...(header === undefined ? {} : { headers: { authorization: header } }),
    ...(connection.caFile === undefined ? {} : { ssl: { ca: readCa(connection.caFile) } }),
    ...(fingerprint === undefined ? {} : { agent: () => pinnedTlsAgent(fingerprint) }),
    requestTimeout: connection.requestTimeoutMs ?? 60_000,
    maxRetries: 3,
  };
}

/** The answer to `GET /`, through the OpenSearch client (which, unlike Elastic's, talks to either engine). */
export async function rootInfo(client: Client, target: string, redactor: Redactor): Promise<Json> {
  try {
    return (await (client as unknown as OpenSearchApi).info()).body;
  } catch (err) {
    throw clusterFailure(err, 'connect', target, redactor);
  }
}

export class OpenSearchSearchClient implements SearchClient {
  readonly engine = 'opensearch' as const;
  readonly hasPointInTime: boolean;
  private readonly api: OpenSearchApi;

  constructor(
    private readonly client: Client,
    readonly version: string,
    readonly target: string,
    private readonly redactor: Redactor,
  ) {
    this.api = client as unknown as OpenSearchApi;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    this.hasPointInTime = major > 2 || (major === 2 && minor >= 4);
  }

  private async call<T>(action: string, run: () => Promise<{ body: T }>): Promise<T> {
    try {
      return (await run()).body;
    } catch (err) {
      throw clusterFailure(err, action, this.target, this.redactor);
    }
  }

  search(request: { index?: string; body: Json; scroll?: string }): Promise<SearchResponse> {
    const params = { ...(request.index === undefined ? {} : { index: request.index }), ...(request.scroll === undefined ? {} : { scroll: request.scroll }), body: request.body };
    return this.call(`search ${request.index ?? '(point in time)'}`, () => this.api.search(params));
  }

  scroll(scrollId: string, keepAlive: string): Promise<SearchResponse> {
    return this.call('scroll', () => this.api.scroll({ body: { scroll_id: scrollId, scroll: keepAlive } }));
  }

  async clearScroll(scrollId: string): Promise<void> {
    await this.call('clear scroll', async () => ({ body: await this.api.clearScroll({ body: { scroll_id: [scrollId] } }) }));
  }

  async openPointInTime(index: string, keepAlive: string): Promise<PointInTime> {
    const answer = await this.call(`open a point in time on ${index}`, () => this.api.createPit({ index, keep_alive: keepAlive }));
    return { id: answer.pit_id, shards: answer._shards?.total ?? 1 };
  }

  async closePointInTime(id: string): Promise<void> {
    await this.call('close a point in time', async () => ({ body: await this.api.deletePit({ body: { pit_id: [id] } }) }));
  }

  fieldCaps(index: string, fields: readonly string[]): Promise<FieldCaps> {
    return this.call(`read the field types of ${index}`, () => this.api.fieldCaps({ index, fields: fields.join(','), allow_no_indices: true, ignore_unavailable: true }));
  }

  getMappings(index: string): Promise<Record<string, { mappings: Json }>> {
    return this.call(`read the mapping of ${index}`, () => this.api.indices.getMapping({ index, allow_no_indices: true, ignore_unavailable: true }));
  }

  async createIndex(index: string, body: Json): Promise<void> {
    await this.call(`create index ${index}`, async () => ({ body: await this.api.indices.create({ index, body }) }));
  }

  async putMapping(index: string, mapping: Json): Promise<void> {
    await this.call(`extend the mapping of ${index}`, async () => ({ body: await this.api.indices.putMapping({ index, body: mapping }) }));
  }

  async getAlias(alias: string): Promise<Record<string, { aliases: Json }>> {
    try {
      return await this.call(`read alias ${alias}`, () => this.api.indices.getAlias({ name: alias }));
    } catch (err) {
      if ((err as { status?: number }).status === 404) return {};
      throw err;
    }
  }

  async updateAliases(actions: readonly Json[]): Promise<void> {
    await this.call('update aliases', async () => ({ body: await this.api.indices.updateAliases({ body: { actions } }) }));
  }

  async bulk(operations: readonly Json[], refresh: boolean): Promise<readonly BulkItemResult[]> {
    const answer = await this.call('bulk write', () => this.api.bulk({ body: operations, ...(refresh ? { refresh: 'wait_for' } : {}) }, { maxRetries: 0 }));
    return answer.items.map((item) => Object.values(item)[0] as BulkItemResult);
  }

  async refresh(index: string): Promise<void> {
    await this.call(`refresh ${index}`, async () => ({ body: await this.api.indices.refresh({ index }) }));
  }

  previewTransform(): Promise<readonly Json[]> {
    return Promise.reject(new ConfigError(`${this.target} is OpenSearch, which has no Elasticsearch transform preview API`, 'transform'));
  }

  getTransform(id: string): Promise<Json> {
    return Promise.reject(new ConfigError(`${this.target} is OpenSearch: transform "${id}" can only be read from Elasticsearch; give the transform's file instead`, 'transform'));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
