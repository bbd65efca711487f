/**
 * TLS trust, for both clients, against a local HTTPS server with a
 * self-signed certificate: refused without trust, accepted with the CA
 * file or its pinned fingerprint, and with a wrong fingerprint refused
 * before any request (and so any credential) is sent.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterConnection, type SearchEngineKind } from '../../ts/search/clusterConnection.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { ClusterError } from '../../ts/search/searchErrors.js';
import { REPO_ROOT } from '../support/paths.js';

const TLS = join(REPO_ROOT, 'test', 'search', 'fixtures', 'tls');
const CERT = join(TLS, 'test-server.crt');
const FINGERPRINT = new X509Certificate(readFileSync(CERT)).fingerprint256;
const WRONG = FINGERPRINT.replace(/^../, FINGERPRINT.startsWith('00') ? '11' : '00');

/** Answers like the engine asked for; counts the requests it got. */
function fakeCluster(engine: SearchEngineKind): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer({ key: readFileSync(join(TLS, 'test-server.key')), cert: readFileSync(CERT) }, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    if (req.url === '/') res.end(JSON.stringify({ version: engine === 'opensearch' ? { number: '2.19.6', distribution: 'opensearch' } : { number: '9.1.0', build_flavor: 'default' } }));
    else res.end(JSON.stringify({ id: 'pit', pit_id: 'pit', _shards: { total: 1 } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

describe.each(['opensearch', 'elasticsearch'] as const)('TLS trust with the %s client', (engine) => {
  let cluster: Awaited<ReturnType<typeof fakeCluster>>;
  beforeAll(async () => {
    cluster = await fakeCluster(engine);
  });
  afterAll(() => new Promise<void>((resolve) => cluster.server.close(() => resolve())));

  const connect = async (trust: { caFile?: string; caFingerprint?: string }) => {
    const { client } = await connectCluster(clusterConnection({ url: cluster.url, username: 'analyst', password: 'secret', ...trust }, 'es'));
    try {
      expect(client.engine).toBe(engine);
      // A request through the engine's own client, beyond the probe.
      return await client.openPointInTime('events', '1m');
    } finally {
      await client.close();
    }
  };

  it('refuses a self-signed certificate without a CA or fingerprint', async () => {
    const failed = await connect({}).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ClusterError);
    expect((failed as Error).message).toMatch(/self.signed/i);
  });

  it('trusts it given the CA file', async () => {
    expect(await connect({ caFile: CERT })).toStrictEqual({ id: 'pit', shards: 1 });
  });

  it('trusts it given its pinned fingerprint, with or without colons', async () => {
    expect(await connect({ caFingerprint: FINGERPRINT })).toStrictEqual({ id: 'pit', shards: 1 });
    expect(await connect({ caFingerprint: FINGERPRINT.replace(/:/g, '').toLowerCase() })).toStrictEqual({ id: 'pit', shards: 1 });
  });

  it('refuses a wrong fingerprint before sending anything', async () => {
    const before = cluster.requests.length;
    const failed = await connect({ caFingerprint: WRONG }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ClusterError);
    expect((failed as Error).message).toMatch(/fingerprint/i);
    expect(cluster.requests.length).toBe(before);
  });
});
