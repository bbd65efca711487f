/** The search flags: URLs, credentials from flags or the environment, engines, paging, and what is refused. */
import { describe, expect, it } from 'vitest';
import { parseSearchFlags } from '../../ts/cli/searchOptions.js';
import { ConfigError, UsageError } from '../../ts/errors.js';
import { clusterConnection, connectionRedactor } from '../../ts/search/clusterConnection.js';
import { engineOfRootInfo } from '../../ts/search/connectCluster.js';

describe('cluster connection', () => {
  it('takes basic auth out of the URL, so the URL can be printed', () => {
    const c = clusterConnection({ url: 'https://analyst:p%40ss@es.example:9200/' }, 'es');
    expect(c.url).toBe('https://es.example:9200');
    expect(c.auth).toStrictEqual({ kind: 'basic', username: 'analyst', password: 'p@ss' });
  });

  it('refuses two kinds of credentials, half of basic auth, a bad engine or fingerprint, and a CA with a fingerprint', () => {
    expect(() => clusterConnection({ url: 'https://u:p@h', apiKey: 'k' }, 'es')).toThrow(/one kind of credentials.*basic, api-key/);
    expect(() => clusterConnection({ url: 'https://h', username: 'u' }, 'es')).toThrow(/needs both --es-username and --es-password/);
    expect(() => clusterConnection({ url: 'https://h', engine: 'solr' }, 'es')).toThrow(/--es-engine must be auto, elasticsearch or opensearch/);
    expect(() => clusterConnection({ url: 'https://h', caFingerprint: 'abc' }, 'write-es')).toThrow(/--write-es-ca-fingerprint must be a SHA-256/);
    expect(() => clusterConnection({ url: 'https://h', caFile: 'x', caFingerprint: 'a'.repeat(64) }, 'es')).toThrow(ConfigError);
    expect(() => clusterConnection({ url: 'ftp://h' }, 'es')).toThrow(/http:\/\/ or https:\/\//);
  });

  it('normalises a fingerprint to colon-separated uppercase', () => {
    expect(clusterConnection({ url: 'https://h', caFingerprint: 'ab'.repeat(32) }, 'es').caFingerprint).toBe(Array(32).fill('AB').join(':'));
  });

  it('redacts an API key in both of its forms', () => {
    const redactor = connectionRedactor(clusterConnection({ url: 'https://h', apiKey: 'id1:s3cretkey' }, 'es'));
    const encoded = Buffer.from('id1:s3cretkey').toString('base64');
    expect(redactor.redact(`ApiKey ${encoded} / s3cretkey`)).toBe('ApiKey [redacted] / [redacted]');
  });
});

describe('engine detection', () => {
  it('tells OpenSearch by version.distribution, and Elasticsearch otherwise', () => {
    expect(engineOfRootInfo({ version: { distribution: 'opensearch', number: '2.19.6' } }, 'x')).toStrictEqual({ engine: 'opensearch', version: '2.19.6' });
    expect(engineOfRootInfo({ version: { number: '8.17.0', build_flavor: 'default' }, tagline: 'You Know, for Search' }, 'x')).toStrictEqual({ engine: 'elasticsearch', version: '8.17.0' });
    expect(() => engineOfRootInfo({ status: 'ok' }, 'http://x')).toThrow(/does not answer GET \/ like Elasticsearch or OpenSearch/);
  });
});

describe('search flags', () => {
  it('reads credentials from the environment when no flag gives them, flags first', () => {
    const env = { BEACONWATCH_ES_API_KEY: 'from-env', BEACONWATCH_WRITE_ES_USERNAME: 'w', BEACONWATCH_WRITE_ES_PASSWORD: 'wp' };
    const flags = parseSearchFlags({ es: 'https://read:9200', index: 'logs-*', 'write-es': 'https://write:9200' }, env);
    expect(flags.read?.connection.auth).toStrictEqual({ kind: 'api-key', apiKey: 'from-env' });
    expect(flags.write?.connection.auth).toStrictEqual({ kind: 'basic', username: 'w', password: 'wp' });
    expect(parseSearchFlags({ es: 'https://read:9200', index: 'i', 'es-api-key': 'from-flag' }, env).read?.connection.auth).toStrictEqual({ kind: 'api-key', apiKey: 'from-flag' });
  });

  it('uses the read credentials to write to the same cluster, unless the write side has its own', () => {
    const same = parseSearchFlags({ es: 'https://es:9200', index: 'i', 'es-bearer-token': 't', 'write-es': 'https://es:9200' }, {});
    expect(same.write?.connection.auth).toStrictEqual({ kind: 'bearer', token: 't' });
    expect(same.write?.prefix).toBe('ml_beaconing');
    const other = parseSearchFlags({ es: 'https://es:9200', index: 'i', 'es-bearer-token': 't', 'write-es': 'https://other:9200' }, {});
    expect(other.write?.connection.auth).toStrictEqual({ kind: 'none' });
  });

  it('has defaults for the read: stream mode, point in time when there is one, 5000 per page, one slice', () => {
    const { read } = parseSearchFlags({ es: 'http://h:9200', index: 'i' }, {});
    expect(read).toMatchObject({ index: 'i', mode: 'stream', paging: { pageSize: 5000, slices: 1, keepAlive: '2m', method: 'auto' } });
    expect(read?.connection.engine).toBe('auto');
  });

  it('refuses flags without their cluster, a missing index, and impossible values', () => {
    expect(() => parseSearchFlags({ index: 'i' }, {})).toThrow(UsageError);
    expect(() => parseSearchFlags({ 'write-prefix': 'x' }, {})).toThrow(/--write-prefix needs --write-es/);
    expect(() => parseSearchFlags({ es: 'http://h' }, {})).toThrow(/--es needs --index/);
    expect(() => parseSearchFlags({ es: 'http://h', index: 'i', mode: 'fast' }, {})).toThrow(/--mode must be one of stream, aggregate/);
    expect(() => parseSearchFlags({ es: 'http://h', index: 'i', slices: '0' }, {})).toThrow(/--slices must be a whole number from 1 to 64/);
    expect(() => parseSearchFlags({ es: 'http://h', index: 'i', 'page-size': '20000' }, {})).toThrow(/--page-size/);
    expect(() => parseSearchFlags({ es: 'http://h', index: 'i', 'keep-alive': 'forever' }, {})).toThrow(/--keep-alive/);
  });
});
