/**
 * Credentials never appear in a message or a log line: not the secret, not
 * the base64 forms it travels in, not when the server echoes the request
 * back, not when the connection fails, not in the commands' output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterConnection, type ClusterSettings } from '../../ts/search/clusterConnection.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { Redactor } from '../../ts/search/redactor.js';
import { ClusterError } from '../../ts/search/searchErrors.js';
import { REPO_ROOT } from '../support/paths.js';
import { ecsEvent, timesBefore } from '../support/scanFixture.js';
import { describeSearchNode } from '../support/searchNode.js';

const SECRETS = { apiKeyId: 'key-id-17', apiKey: 'Vm9pZEFwaUtleVNlY3JldA', password: 'pa55:w0rd/with@odd', token: 'eyJhbGciOiJIUzI1NiJ9.bearer-secret' };

/** Every form a secret could leak in. */
function leaks(text: string): string[] {
  const forms = [
    SECRETS.apiKey,
    Buffer.from(`${SECRETS.apiKeyId}:${SECRETS.apiKey}`).toString('base64'),
    SECRETS.password,
    encodeURIComponent(SECRETS.password),
    Buffer.from(`analyst:${SECRETS.password}`).toString('base64'),
    SECRETS.token,
  ];
  return forms.filter((f) => text.includes(f));
}

/** A hostile server: answers 401 to everything, echoing the request's headers and URL. */
function echoingServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="test"' });
    res.end(JSON.stringify({ error: { type: 'security_exception', reason: `unable to authenticate ${req.headers['authorization']} for ${req.url}` }, status: 401 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const kinds: [string, (url: string) => ClusterSettings][] = [
  ['an API key (id:key)', (url) => ({ url, apiKey: `${SECRETS.apiKeyId}:${SECRETS.apiKey}` })],
  ['an API key (encoded)', (url) => ({ url, apiKey: Buffer.from(`${SECRETS.apiKeyId}:${SECRETS.apiKey}`).toString('base64') })],
  ['basic auth', (url) => ({ url, username: 'analyst', password: SECRETS.password })],
  ['basic auth in the URL', (url) => ({ url: url.replace('//', `//analyst:${encodeURIComponent(SECRETS.password)}@`) })],
  ['a bearer token', (url) => ({ url, bearerToken: SECRETS.token })],
];

describe('credentials in errors', () => {
  let echo: { server: Server; url: string };
  beforeAll(async () => {
    echo = await echoingServer();
  });
  afterAll(() => new Promise<void>((resolve) => echo.server.close(() => resolve())));

  it.each(kinds)('are redacted when the server echoes %s back', async (_, settings) => {
    for (const engine of ['auto', 'elasticsearch', 'opensearch'] as const) {
      const connection = { ...clusterConnection(settings(echo.url), 'es'), engine };
      const failed = await connectCluster(connection).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ClusterError);
      const message = (failed as Error).message;
      expect(message).toMatch(/HTTP 401.*security_exception/);
      expect((failed as ClusterError).exitCode).toBe(4);
      expect(message).toContain('[redacted]');
      expect(leaks(message)).toStrictEqual([]);
      expect(leaks(String((failed as Error).stack))).toStrictEqual([]);
    }
  });

  it('keeps the password of a URL out of a refused connection', async () => {
    const failed = await connectCluster(clusterConnection({ url: `http://analyst:${encodeURIComponent(SECRETS.password)}@127.0.0.1:9` }, 'es')).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ClusterError);
    expect((failed as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:9: connect failed/);
    expect((failed as ClusterError).exitCode).toBe(4);
    expect(leaks((failed as Error).message)).toStrictEqual([]);
  });

  it('does not repeat a URL it cannot parse, which may hold a password', () => {
    expect(() => clusterConnection({ url: `https://analyst:${SECRETS.password}@@bad host` }, 'es')).toThrow(/^--es must be a URL/);
    try {
      clusterConnection({ url: `https://analyst:${SECRETS.password}@@bad host` }, 'es');
    } catch (err) {
      expect(leaks((err as Error).message)).toStrictEqual([]);
    }
  });

  it('redacts the longest secret first and every encoded form', () => {
    const redactor = new Redactor(['abc', 'abcdef']);
    expect(redactor.redact('x abcdef y abc z YWJjZGVm')).toBe('x [redacted] y [redacted] z [redacted]');
  });
});

describeSearchNode('credentials in the commands\' output', (node) => {
  it('never appear in what scan, watch and compare print, given by flags or by the environment', async () => {
    const index = node.name('cred-events');
    const end = new Date().toISOString();
    await node.indexEvents(index, timesBefore(end, 30, 60).map((ts) => ecsEvent(ts)));
    // The node has no security plugin: it accepts any credentials, so the commands run to the end.
    const env = { BEACONWATCH_ES_PASSWORD: SECRETS.password, BEACONWATCH_ES_USERNAME: 'analyst', BEACONWATCH_WRITE_ES_BEARER_TOKEN: SECRETS.token };
    const checkpoint = join(mkdtempSync(join(tmpdir(), 'beaconwatch-cred-')), 'watch.json');
    const watch = await runCommand('watch', ['--es', node.url, '--index', index, '--write-es', node.url, '--write-prefix', node.name('cred'), '--checkpoint', checkpoint, '--filters', 'none', '--once', '--sync-delay', '0'], env);
    expect(watch.code).toBe(0);
    expect(watch.output).toMatch(/window .* written to/);
    expect(leaks(watch.output)).toStrictEqual([]);

    const scan = await runCommand('scan', ['--es', node.url, '--es-username', 'analyst', '--index', index, '--mode', 'aggregate', '--filters', 'none', '--write-es', node.url, '--write-prefix', node.name('cred-scan')], {
      BEACONWATCH_ES_PASSWORD: SECRETS.password,
      BEACONWATCH_WRITE_ES_API_KEY: `${SECRETS.apiKeyId}:${SECRETS.apiKey}`,
    });
    expect(scan.code).toBe(0);
    expect(scan.output).toMatch(/results written to .*: 1 documents/);
    expect(leaks(scan.output)).toStrictEqual([]);
    const refused = await runCommand('scan', ['--es', 'http://127.0.0.1:9', '--es-bearer-token', SECRETS.token, '--index', index], {});
    expect(refused.code).toBe(4);
    expect(leaks(refused.output)).toStrictEqual([]);

    const transform = join(REPO_ROOT, 'test', 'search', 'fixtures', 'bucket-span.transform.yml');
    const compare = await runCommand('compare', ['--transform', transform, '--es', node.url, '--index', index, '--es-bearer-token', SECRETS.token, '--now-param', 'now_ms'], {});
    expect(compare.code).toBe(0);
    expect(compare.output).toMatch(/equal: 1\n/);
    expect(leaks(compare.output)).toStrictEqual([]);

    // Failing on the way: a missing index read with URL credentials, a dead write cluster with an API key.
    const failing = await runCommand('watch', ['--es', node.url.replace('//', `//analyst:${encodeURIComponent(SECRETS.password)}@`), '--index', node.name('missing'), '--write-es', 'http://127.0.0.1:9', '--write-es-api-key', `${SECRETS.apiKeyId}:${SECRETS.apiKey}`, '--checkpoint', checkpoint], {});
    expect(failing.code).toBe(4);
    expect(failing.output).toMatch(/beaconwatch: http:\/\/127\.0\.0\.1:9: connect failed/);
    expect(leaks(failing.output)).toStrictEqual([]);
    const missing = await runCommand('watch', ['--es', node.url, '--es-api-key', `${SECRETS.apiKeyId}:${SECRETS.apiKey}`, '--index', node.name('missing'), '--write-es', node.url, '--write-prefix', node.name('cred'), '--checkpoint', checkpoint], {});
    expect(missing.code).toBe(3);
    expect(missing.output).toMatch(/no index matches the pattern/);
    expect(leaks(missing.output)).toStrictEqual([]);
  });
});

/** A command run in its own process (`fixtures/runCommand.mjs`): its exit code and everything it printed. */
function runCommand(command: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test', 'search', 'fixtures', 'runCommand.mjs'), command, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
