/** `parseAllowList`, `loadAllowList`, `ruleLabel`: allow-list files checked, errors naming the rule and the key. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllowList, parseAllowList, ruleConditions, ruleLabel } from '../../ts/filter/allowListConfig.js';
import { configError } from '../support/configError.js';

const parse = (json: unknown) => parseAllowList(json, 'allow.json', 'allow.json');

describe('parseAllowList()', () => {
  it('reads every kind of condition, with post-scoring the default mode', () => {
    const list = parse({
      rules: [
        { name: 'Chrome', process_name: 'chrome*.exe', case_insensitive: true },
        { host_name: ['build-*', 'ci-01'], mode: 'pre' },
        { destination_cidrs: '13.107.0.0/16', comment: 'Microsoft 365' },
        { group: { 'source.ip': '10.0.0.0/8', 'destination.ip': '91.189.91.157', 'network.transport': 'udp' } },
      ],
    });
    expect(list.name).toBe('allow.json');
    expect(list.rules).toEqual([
      { index: 1, name: 'Chrome', mode: 'post', caseInsensitive: true, processNames: ['chrome*.exe'] },
      { index: 2, mode: 'pre', caseInsensitive: false, hostNames: ['build-*', 'ci-01'] },
      { index: 3, comment: 'Microsoft 365', mode: 'post', caseInsensitive: false, destinationCidrs: ['13.107.0.0/16'] },
      {
        index: 4,
        mode: 'post',
        caseInsensitive: false,
        group: [
          { field: 'source.ip', pattern: '10.0.0.0/8' },
          { field: 'destination.ip', pattern: '91.189.91.157' },
          { field: 'network.transport', pattern: 'udp' },
        ],
      },
    ]);
  });

  it('takes the file-wide mode for rules that name none', () => {
    const list = parse({ mode: 'pre', rules: [{ process_name: 'a.exe' }, { process_name: 'b.exe', mode: 'post' }] });
    expect(list.rules.map((r) => r.mode)).toEqual(['pre', 'post']);
  });

  it('rejects unknown keys, naming the key and the rule', () => {
    const top = configError(() => parse({ rules: [{ process_name: 'a' }], mdoe: 'pre' }));
    expect(top.message).toBe('allow.json: unknown allow-list key "mdoe" (known: mode, rules)');
    expect(top.setting).toBe('mdoe');
    const inRule = configError(() => parse({ rules: [{ process_name: 'a' }, { proces_name: 'b' }] }));
    expect(inRule.message).toContain('allow-list rule 2: unknown key "proces_name"');
    expect(inRule.setting).toBe('proces_name');
  });

  it('rejects a rule without a condition, a bad range, a bad mode, an ip group value that is no address', () => {
    expect(configError(() => parse({ rules: [{ name: 'nothing' }] })).message).toContain('allow-list rule 1 names no condition');
    expect(configError(() => parse({ rules: [{ destination_cidrs: ['10.0.0.0/33'] }] })).message).toContain(
      'allow-list rule 1: destination_cidrs must be IP addresses or CIDR ranges (got "10.0.0.0/33")',
    );
    expect(configError(() => parse({ rules: [{ process_name: 'a', mode: 'before' }] })).message).toContain('allow-list rule 1: mode must be "pre"');
    expect(configError(() => parse({ rules: [{ group: { 'destination.ip': 'example.com' } }] })).message).toContain(
      'group.destination.ip must be an IP address or CIDR range',
    );
    expect(configError(() => parse({ rules: [{ process_name: [] }] })).setting).toBe('process_name');
    expect(configError(() => parse({ rules: [{ process_name: 'a', case_insensitive: 'yes' }] })).setting).toBe('case_insensitive');
    expect(configError(() => parse({ rules: [] })).message).toContain('"rules" must be a non-empty array');
    expect(configError(() => parse([])).message).toContain('must be a JSON object');
  });

  it('names the file when reading one fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-allow-'));
    writeFileSync(join(dir, 'bad.json'), '{"rules": [');
    const bad = configError(() => loadAllowList(join(dir, 'bad.json')));
    expect(bad.file).toBe(join(dir, 'bad.json'));
    expect(bad.message).toContain('not valid JSON');
    expect(configError(() => loadAllowList(join(dir, 'missing.json'))).message).toContain('cannot read allow-list file');
  });
});

describe('ruleLabel() and ruleConditions()', () => {
  it('labels a rule by its name, or by its conditions when it has none', () => {
    const [named, unnamed, cidr] = parse({
      rules: [{ name: 'Chrome', process_name: 'chrome*.exe', case_insensitive: true }, { process_name: ['a.exe', 'b.exe'], host_name: 'ws-*' }, { group: { 'destination.ip': '10.0.0.0/8' } }],
    }).rules;
    expect(ruleLabel(named!)).toBe('rule 1 "Chrome"');
    expect(ruleConditions(named!)).toBe('process.name chrome*.exe (any case)');
    expect(ruleLabel(unnamed!)).toBe('rule 2 (process.name one of a.exe, b.exe and host.name ws-*)');
    expect(ruleConditions(cidr!)).toBe('destination.ip in 10.0.0.0/8');
  });
});
