/**
 * `beaconwatch scan --es`, as a user runs it: the same events scored from a
 * file, streamed from the cluster and aggregated by it give the same
 * documents, byte for byte; `--write-es` puts them behind the results alias
 * (and nothing on stdout); a configuration file can hold the cluster; a
 * missing index is an unusable input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../support/runCli.js';
import { describeSearchNode } from '../support/searchNode.js';

describeSearchNode('scan with --es', (node) => {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-scan-es-'));
  const events = join(dir, 'events.ndjson');
  const index = node.name('scan-cli');
  let fromFile: string;

  beforeAll(async () => {
    const generated = await runCli(['generate', '--hours', '6', '--hosts', '8', '--processes', '4', '--beacon-every', '5', '--out', events]);
    expect(generated.code).toBe(0);
    await node.indexNdjsonFile(index, events);
    const scan = await runCli(['scan', events, '--out', join(dir, 'file.ndjson')]);
    expect(scan.code).toBe(0);
    fromFile = readFileSync(join(dir, 'file.ndjson'), 'utf8');
  }, 120_000);

  /** Documents in a stable order: the cluster reads shards in no fixed order. */
  const sorted = (text: string) => text.split('\n').filter((l) => l !== '').sort();

  it.each(['stream', 'aggregate'])('scores the index in %s mode exactly as the file', async (mode) => {
    const out = join(dir, `${mode}.ndjson`);
    const run = await runCli(['scan', '--es', node.url, '--index', index, '--mode', mode, '--out', out]);
    expect(run.stderr).toContain('beaconing: 6 groups');
    expect(run.code).toBe(0);
    const documents = sorted(readFileSync(out, 'utf8'));
    expect(documents).toHaveLength(32);
    expect(documents).toStrictEqual(sorted(fromFile));
  });

  it('writes the documents behind the results alias, and none to stdout without --out', async () => {
    const prefix = node.name('scan-cli-results');
    const run = await runCli(['scan', '--es', node.url, '--index', index, '--write-es', node.url, '--write-prefix', prefix, '--write-refresh']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`results written to ${prefix}-beaconwatch-1: 32 documents`);
    const written = [...(await node.documents(`${prefix}.latest`)).values()].map((d) => JSON.stringify(d)).sort();
    expect(written).toStrictEqual(sorted(fromFile));
  });

  it('exits 5 naming the documents the cluster refused, when the results index takes no writes', async () => {
    const prefix = node.name('scan-cli-blocked');
    const args = ['scan', '--es', node.url, '--index', index, '--write-es', node.url, '--write-prefix', prefix];
    expect((await runCli(args)).code).toBe(0);
    await node.admin.indices.putSettings({ index: `${prefix}-beaconwatch-1`, body: { 'index.blocks.write': true } } as never);
    try {
      const run = await runCli(args);
      expect(run.code).toBe(5);
      expect(run.stderr).toContain('NOT written: 32 documents:');
      expect(run.stderr).toMatch(/32 of 32 result documents were not written to .*-beaconwatch-1 \(first: host\.name=.* process\.name=.*cluster_block_exception/);
    } finally {
      await node.admin.indices.putSettings({ index: `${prefix}-beaconwatch-1`, body: { 'index.blocks.write': false } } as never);
    }
  });

  it('reads the cluster from the configuration file', async () => {
    writeFileSync(join(dir, 'beaconwatch.config.json'), JSON.stringify({ scan: { es: node.url, index, mode: 'aggregate', 'composite-size': 7 } }));
    const run = await runCli(['scan', '--config', join(dir, 'beaconwatch.config.json')]);
    expect(run.code).toBe(0);
    expect(sorted(run.stdout)).toStrictEqual(sorted(fromFile));
    expect(parseNdjson(run.stdout).filter((d) => (d['beacon_stats'] as { is_beaconing: boolean }).is_beaconing)).toHaveLength(6);
  });

  it('exits 3 naming the cluster and the pattern when no index matches', async () => {
    const run = await runCli(['scan', '--es', node.url, '--index', node.name('absent-*')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`beaconwatch: ${node.url} ${node.name('absent-*')}: no index matches the pattern\n`);
  });
});
