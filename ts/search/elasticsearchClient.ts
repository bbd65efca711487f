/**
 * {@link SearchClient} over the official Elasticsearch client. The client
 * checks that the server is Elasticsearch (the `X-Elastic-Product` header)
 * and speaks its REST API version: compatible-with 9 by default, 8 for an
 * 8.x cluster (a 9.x client's default headers are refused there).
 */
import { Client, SniffingTransport, type TransportOptions } from '@elastic/elasticsearch';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;
import { ConfigError } from '../errors.js';
import { apiKeyHeaderValue, readCa, type ClusterConnection } from './clusterConnection.js';
import { clusterFailure } from './clusterFailure.js';
import type { Redactor } from './redactor.js';
import type { BulkItemResult, FieldCaps, Json, PointInTime, SearchClient, SearchResponse } from './searchClient.js';

/** The calls used here, typed loosely: bodies are built as plain JSON. */
interface ElasticApi {
  search(params: Json, options?: Json): Promise<SearchResponse>;
  scroll(params: Json): Promise<SearchResponse>;
  clearScroll(params: Json): Promise<unknown>;
  openPointInTime(params: Json): Promise<{ id: string; _shards?: { total: number } }>;
  closePointInTime(params: Json): Promise<unknown>;
  fieldCaps(params: Json): Promise<FieldCaps>;
  bulk(params: Json, options: Json): Promise<{ items: Record<string, BulkItemResult>[] }>;
  indices: {
    getMapping(params: Json): Promise<Record<string, { mappings: Json }>>;
    create(params: Json): Promise<unknown>;
    putMapping(params: Json): Promise<unknown>;
    getAlias(params: Json): Promise<Record<string, { aliases: Json }>>;
    updateAliases(params: Json): Promise<unknown>;
    refresh(params: Json): Promise<unknown>;
  };
  transform: {
    previewTransform(params: Json): Promise<{ preview: Json[] }>;
    getTransform(params: Json): Promise<{ transforms: Json[] }>;
  };
}

/** Options of the official client for a connection to a cluster of major version `major`. */
export function elasticClientOptions(connection: ClusterConnection, major: number): ClientOptions {
  const a = connection.auth;
  const auth =
    a.kind === 'api-key' ? { apiKey: apiKeyHeaderValue(a.apiKey) } : a.kind === 'basic' ? { username: a.username, password: a.password } : a.kind === 'bearer' ? { bearer: a.token } : undefined;
  return {
    node: connection.url,
    ...(auth === undefined ? {} : { auth }),
    ...(connection.caFile === undefined ? {} : { tls: { ca: readCa(connection.caFile) } }),
    // The pin replaces chain verification: a self-signed certificate is what it is for.
    ...(connection.caFingerprint === undefined ? {} : { caFingerprint: connection.caFingerprint, tls: { rejectUnauthorized: false } }),
    requestTimeout: connection.requestTimeoutMs ?? 60_000,
    maxRetries: 3,
    Transport: transportForMajor(major),
  };
}

/**
 * The client's transport, with the REST compatibility headers an older
 * cluster accepts: a 9.x client asks for `compatible-with=9`, which 8.x
 * refuses; 7.x knows no compatibility headers at all.
 */
function transportForMajor(major: number): typeof SniffingTransport {
  if (major >= 9) return SniffingTransport;
  const vendoredHeaders =
    major === 8
      ? {
          jsonContentType: 'application/vnd.elasticsearch+json; compatible-with=8',
          ndjsonContentType: 'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
          accept: 'application/vnd.elasticsearch+json; compatible-with=8,text/plain',
        }
      : { jsonContentType: 'application/json', ndjsonContentType: 'application/x-ndjson', accept: 'application/json, text/plain' };
  return class CompatibleTransport extends SniffingTransport {
    constructor(options: TransportOptions) {
      super({ ...options, vendoredHeaders });
    }
  };
}

export class ElasticsearchSearchClient implements SearchClient {
  readonly engine = 'elasticsearch' as const;
  readonly hasPointInTime: boolean;
  private readonly api: ElasticApi;

  constructor(
    private readonly client: Client,
    readonly version: string,
    readonly target: string,
    private readonly redactor: Redactor,
  ) {
    this.api = client as unknown as ElasticApi;
    const [major = 0, minor = 0] = version.split('.').map(Number);
    this.hasPointInTime = major > 7 || (major === 7 && minor >= 10);
  }

  private async call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw clusterFailure(err, action, this.target, this.redactor);
    }
  }

  search(request: { index?: string; body: Json; scroll?: string }): Promise<SearchResponse> {
    const params = { ...(request.index === undefined ? {} : { index: request.index }), ...(request.scroll === undefined ? {} : { scroll: request.scroll }), body: request.body };
    return this.call(`search ${request.index ?? '(point in time)'}`, () => this.api.search(params));
  }

  scroll(scrollId: string, keepAlive: string): Promise<SearchResponse> {
    return this.call('scroll', () => this.api.scroll({ scroll_id: scrollId, scroll: keepAlive }));
  }

  async clearScroll(scrollId: string): Promise<void> {
    await this.call('clear scroll', () => this.api.clearScroll({ scroll_id: scrollId }));
  }

  async openPointInTime(index: string, keepAlive: string): Promise<PointInTime> {
    const answer = await this.call(`open a point in time on ${index}`, () => this.api.openPointInTime({ index, keep_alive: keepAlive }));
    return { id: answer.id, shards: answer._shards?.total ?? 1 };
  }

  async closePointInTime(id: string): Promise<void> {
    await this.call('close a point in time', () => this.api.closePointInTime({ id }));
  }

  fieldCaps(index: string, fields: readonly string[]): Promise<FieldCaps> {
    return this.call(`read the field types of ${index}`, () => this.api.fieldCaps({ index, fields: [...fields], allow_no_indices: true, ignore_unavailable: true }));
  }

  getMappings(index: string): Promise<Record<string, { mappings: Json }>> {
    return this.call(`read the mapping of ${index}`, () => this.api.indices.getMapping({ index, allow_no_indices: true, ignore_unavailable: true }));
  }

  async createIndex(index: string, body: Json): Promise<void> {
    await this.call(`create index ${index}`, () => this.api.indices.create({ index, ...body }));
  }

  async putMapping(index: string, mapping: Json): Promise<void> {
    await this.call(`extend the mapping of ${index}`, () => this.api.indices.putMapping({ index, ...mapping }));
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
    await this.call('update aliases', () => this.api.indices.updateAliases({ actions: [...actions] }));
  }

  async bulk(operations: readonly Json[], refresh: boolean): Promise<readonly BulkItemResult[]> {
    const answer = await this.call('bulk write', () => this.api.bulk({ operations: [...operations], ...(refresh ? { refresh: 'wait_for' } : {}) }, { maxRetries: 0 }));
    return answer.items.map((item) => Object.values(item)[0] as BulkItemResult);
  }

  async refresh(index: string): Promise<void> {
    await this.call(`refresh ${index}`, () => this.api.indices.refresh({ index }));
  }

  async previewTransform(definition: Json): Promise<readonly Json[]> {
    const answer = await this.call('preview the transform', () => this.api.transform.previewTransform(definition));
    return answer.preview;
  }

  async getTransform(id: string): Promise<Json> {
    const answer = await this.call(`read transform ${id}`, () => this.api.transform.getTransform({ transform_id: id }));
    const found = answer.transforms[0];
    if (found === undefined) throw new ConfigError(`${this.target}: no transform with id "${id}"`, 'transform');
    return found;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
