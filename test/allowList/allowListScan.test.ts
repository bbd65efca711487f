/**
 * Allow-lists on small inputs, through the scan and the command line:
 * wildcard, case-insensitive and CIDR rules; before scoring (events
 * removed, counted per rule) and after it (findings kept, marked
 * suppressed); rules that never matched listed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllowList, type AllowListConfig } from '../../ts/filter/allowListConfig.js';
import { applyAllowList, neverMatched } from '../../ts/filter/allowListSuppression.js';
import { NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { rankFindings, splitSuppressed } from '../../ts/sink/findingsTable.js';
import { ENGINES } from '../support/engines.js';
import { parseNdjson, runCli } from '../support/runCli.js';
import { ecsEvent, ndjson, scan, timesBefore, writeFixture, type Doc } from '../support/scanFixture.js';

const NOW = '2026-11-30T12:00:00Z';

/** Four once-a-minute beacons, each its own host and process. */
function traffic(): string {
  const beacon = (host: string, process: string, destination: string, first: number) =>
    timesBefore(NOW, 20, 60).map((t, i) => ecsEvent(t, { host: { name: host }, process: { name: process }, destination: { ip: destination }, event: { id: `${first + i}` } }));
  return ndjson([
    ...beacon('ws-1', 'chrome_proxy.exe', '151.101.1.69', 0),
    ...beacon('ws-1', 'Chrome.exe', '151.101.1.69', 100),
    ...beacon('ws-2', 'updater.exe', '13.107.4.50', 200),
    ...beacon('ws-3', 'implant.exe', '93.184.216.34', 300),
  ]);
}

const RULES = [
  { name: 'Chrome, any build', process_name: 'chrome*.exe', case_insensitive: true },
  { name: 'Microsoft', destination_cidrs: ['13.64.0.0/11', '13.107.0.0/16'] },
  { name: 'retired tool', process_name: 'legacy-*.exe' },
];

const allowList = (mode: 'pre' | 'post', rules: object[] = RULES): AllowListConfig => parseAllowList({ mode, rules }, 'allow.json');

const groupsOf = (docs: Doc[]) => docs.map((d) => `${d['host'].name}/${d['process'].name}`);

describe('allow-list before scoring', () => {
  it.each(ENGINES)('removes the matching events, counting them per rule (%s engine)', async (engine) => {
    const dir = writeFixture({ 'events.ndjson': traffic() });
    const { outcome, docs } = await scan([dir], engine, { windows: { nowMs: Date.parse(NOW) }, allowList: allowList('pre') });
    expect(groupsOf(docs)).toEqual(['ws-3/implant.exe']);
    const f = outcome.summary.filtered;
    expect(f.get('allow-list rule 1 "Chrome, any build"')).toBe(40);
    expect(f.get('allow-list rule 2 "Microsoft"')).toBe(20);
    expect(f.get('allow-list rule 3 "retired tool"')).toBe(0);
    expect(outcome.summary.eventsCounted).toBe(20);

    const outcomeRules = applyAllowList(allowList('pre'), outcome.groupFields, outcome.results, outcome.summary.filtered).rules;
    expect(outcomeRules.map((r) => [r.label, r.mode, r.matched, neverMatched(r)])).toEqual([
      ['rule 1 "Chrome, any build"', 'pre', 40, false],
      ['rule 2 "Microsoft"', 'pre', 20, false],
      ['rule 3 "retired tool"', 'pre', 0, true],
    ]);
  });

  it('matches case exactly unless the rule says otherwise', async () => {
    const dir = writeFixture({ 'events.ndjson': traffic() });
    const exact = allowList('pre', [{ process_name: 'chrome*.exe' }]);
    const { outcome, docs } = await scan([dir], 'wasm', { windows: { nowMs: Date.parse(NOW) }, allowList: exact });
    expect(groupsOf(docs)).toEqual(['ws-1/Chrome.exe', 'ws-2/updater.exe', 'ws-3/implant.exe']);
    expect(outcome.summary.filtered.get('allow-list rule 1 (process.name chrome*.exe)')).toBe(20);
  });

  it('charges an event to the package filters first, then to the first rule it matches', async () => {
    const dir = writeFixture({ 'events.ndjson': traffic() });
    // Both rules match ws-1's events; the second is charged with ws-2's only.
    const list = allowList('pre', [{ process_name: '*', case_insensitive: true, host_name: 'WS-1' }, { host_name: ['ws-1', 'ws-2'] }]);
    const { outcome, docs } = await scan([dir], 'wasm', { windows: { nowMs: Date.parse(NOW) }, allowList: list });
    expect([...outcome.summary.filtered.entries()]).toEqual([
      ['event.category is network', 0],
      ['destination.ip exists', 0],
      ['event.action is disconnect_received', 0],
      ['process.name not excluded', 0],
      ['locality (private source to non-reserved destination, or Microsoft process to non-Microsoft destination)', 0],
      ['allow-list rule 1 (process.name * and host.name WS-1 (any case))', 40],
      ['allow-list rule 2 (host.name one of ws-1, ws-2)', 20],
    ]);
    expect(groupsOf(docs)).toEqual(['ws-3/implant.exe']);
  });
});

describe('allow-list after scoring', () => {
  it('keeps every score and marks the matching groups suppressed', async () => {
    const dir = writeFixture({ 'events.ndjson': traffic() });
    const list = allowList('post');
    const { outcome, docs } = await scan([dir], 'wasm', { windows: { nowMs: Date.parse(NOW) }, allowList: list });
    expect(groupsOf(docs)).toEqual(['ws-1/Chrome.exe', 'ws-1/chrome_proxy.exe', 'ws-2/updater.exe', 'ws-3/implant.exe']);
    expect(docs.every((d) => d['beacon_stats'].is_beaconing === true)).toBe(true);

    const applied = applyAllowList(list, outcome.groupFields, outcome.results, outcome.summary.filtered);
    expect([...applied.suppressed.entries()]).toEqual([
      ['["ws-1","Chrome.exe"]', 'rule 1 "Chrome, any build"'],
      ['["ws-1","chrome_proxy.exe"]', 'rule 1 "Chrome, any build"'],
      ['["ws-2","updater.exe"]', 'rule 2 "Microsoft"'],
    ]);
    expect(applied.rules.map((r) => [r.matched, r.groups, neverMatched(r)])).toEqual([
      [2, 2, false],
      [1, 1, false],
      [0, 0, true],
    ]);
    const { shown, suppressed } = splitSuppressed(rankFindings(outcome.results), (f) => applied.suppressed.get(JSON.stringify(f.group)));
    expect(shown.map((f) => f.group.join('/'))).toEqual(['ws-3/implant.exe']);
    expect(suppressed).toHaveLength(3);
  });

  it('lists a rule that cannot match the scan\'s groups, and why', () => {
    const list = allowList('post', [{ process_name: 'ntpd' }]);
    const applied = applyAllowList(list, ['source.ip', 'destination.ip'], [], new Map());
    expect(applied.rules[0]).toMatchObject({ matched: 0, groups: 0, never: 'process.name is not a group field of this scan (grouped by source.ip, destination.ip)' });
  });
});

describe('beaconwatch scan --allow-list', () => {
  it('prints each rule with its count, lists the rules that never matched, and marks the documents', async () => {
    const dir = writeFixture({ 'events.ndjson': traffic() });
    const rules = join(dir, 'allow.json');
    writeFileSync(
      rules,
      JSON.stringify({
        rules: [
          { name: 'Chrome, any build', process_name: 'chrome*.exe', case_insensitive: true, mode: 'pre' },
          { name: 'Microsoft', destination_cidrs: ['13.107.0.0/16'] },
          { name: 'retired tool', process_name: 'legacy-*.exe', mode: 'pre' },
          { group: { 'user.name': 'svc-backup' } },
        ],
      }),
    );
    const run = await runCli(['scan', join(dir, 'events.ndjson'), '--now', NOW, '--allow-list', rules]);
    expect(run.code, run.stderr).toBe(0);
    const docs = parseNdjson(run.stdout);
    expect(docs.map((d) => [(d as Doc)['process'].name, (d as Doc)['beaconwatch'].suppressed_by])).toEqual([
      ['updater.exe', 'rule 2 "Microsoft"'],
      ['implant.exe', undefined],
    ]);
    expect(run.stderr).toContain(`  allow-list (${rules}): 40 events removed before scoring, 1 finding suppressed after it; 2 of 4 rules never matched\n`);
    expect(run.stderr).toContain('    rule 1 "Chrome, any build" [pre: process.name chrome*.exe (any case)]: 40 events\n');
    expect(run.stderr).toContain('    rule 2 "Microsoft" [post: destination.ip in 13.107.0.0/16]: 1 finding suppressed (1 group matched)\n');
    expect(run.stderr).toContain('    rule 3 "retired tool" [pre: process.name legacy-*.exe]: NEVER MATCHED\n');
    expect(run.stderr).toContain(
      '    rule 4 (user.name svc-backup) [post: user.name svc-backup]: NEVER MATCHED: user.name is not a group field of this scan (grouped by host.name, process.name)\n',
    );
    // The package's filters are listed without the rules.
    expect(run.stderr).toMatch(/ {2}filtered \(filters: default\): 0\n/);
    const table = run.stderr.slice(run.stderr.indexOf('Top findings'));
    expect(table).toContain('ws-3 / implant.exe');
    expect(table).not.toContain('updater.exe');
    expect(table).toContain('1 more beaconing group suppressed by the allow-list');
  });

  it('exits 2 naming the file and the key of a broken allow-list', async () => {
    const dir = writeFixture({ 'events.ndjson': traffic(), 'allow.json': '{"rules":[{"process":"x"}]}' });
    const run = await runCli(['scan', join(dir, 'events.ndjson'), '--allow-list', join(dir, 'allow.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`beaconwatch: ${join(dir, 'allow.json')}: allow-list rule 1: unknown key "process"`);
  });

  it('notes that a process rule does not apply to Zeek records', async () => {
    const zeek = [
      '#separator \\x09',
      '#path\tconn',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_ip_bytes\tresp_ip_bytes',
      ...timesBefore(NOW, 20, 60).map((t, i) => [Date.parse(t) / 1000, `C${i}`, '10.0.0.5', 5000 + i, '93.184.216.34', 443, 'tcp', 100, 200].join('\t')),
    ].join('\n');
    const dir = writeFixture({ 'conn.log': `${zeek}\n` });
    const { outcome } = await scan([dir], 'wasm', { filters: NO_FILTERS, windows: { nowMs: Date.parse(NOW) }, allowList: allowList('pre', [{ process_name: '*' }]) });
    expect(outcome.results).toHaveLength(1);
    expect(outcome.summary.filtered.get('allow-list rule 1 (process.name *)')).toBe(0);
    expect(outcome.summary.filterNotes.join('\n')).toContain('so these filters do not apply to them (spec section 6): allow-list rule 1 (process.name *)');
  });
});
