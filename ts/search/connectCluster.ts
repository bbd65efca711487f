/**
 * Connects to a cluster: asks `GET /` which engine and version it runs
 * (unless a flag said which engine), then builds the client for that
 * engine. The question goes through the OpenSearch client, which talks to
 * either engine; the Elasticsearch client refuses anything that does not
 * say it is Elasticsearch.
 */
import { Client as ElasticClient } from '@elastic/elasticsearch';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import { ConfigError } from '../errors.js';
import { connectionRedactor, type ClusterConnection, type SearchEngineKind } from './clusterConnection.js';
import { elasticClientOptions, ElasticsearchSearchClient } from './elasticsearchClient.js';
import { OpenSearchSearchClient, openSearchClientOptions, rootInfo } from './opensearchClient.js';
import type { Redactor } from './redactor.js';
import type { Json, SearchClient } from './searchClient.js';

export interface ConnectedCluster {
  readonly client: SearchClient;
  /** Hides this connection's credentials in any text. */
  readonly redactor: Redactor;
}

export async function connectCluster(connection: ClusterConnection): Promise<ConnectedCluster> {
  const redactor = connectionRedactor(connection);
  const probe = new OpenSearchClient(openSearchClientOptions(connection));
  let info: Json;
  try {
    info = await rootInfo(probe, connection.url, redactor);
  } catch (err) {
    await probe.close();
    throw err;
  }
  const found = engineOfRootInfo(info, connection.url);
  const engine = connection.engine === 'auto' ? found.engine : connection.engine;
  if (engine === 'opensearch') return { client: new OpenSearchSearchClient(probe, found.version, connection.url, redactor), redactor };
  await probe.close();
  const major = Number(found.version.split('.')[0]);
  const client = new ElasticClient(elasticClientOptions(connection, major));
  return { client: new ElasticsearchSearchClient(client, found.version, connection.url, redactor), redactor };
}

/** Which engine and version a `GET /` answer describes: OpenSearch says so in `version.distribution`. */
export function engineOfRootInfo(info: Json, target: string): { engine: SearchEngineKind; version: string } {
  const version = info['version'] as { number?: unknown; distribution?: unknown } | undefined;
  if (typeof version?.number !== 'string') {
    throw new ConfigError(`${target} does not answer GET / like Elasticsearch or OpenSearch (no version.number)`, 'es');
  }
  return { engine: version.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch', version: version.number };
}
