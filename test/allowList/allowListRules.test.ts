/** `wildcardMatcher`, `allowListFilters`, `groupMatcher`: the rules as matchers on events and on scored groups. */
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../ts/decode/ipAddress.js';
import { ENDPOINT_FIELDS, SENSOR_FIELDS, type NetworkEvent } from '../../ts/decode/networkEvent.js';
import { parseAllowList } from '../../ts/filter/allowListConfig.js';
import { allowListFilters, groupMatcher, wildcardMatcher } from '../../ts/filter/allowListRules.js';

const rulesOf = (rules: object[]) => parseAllowList({ rules }, 'allow.json');

function event(spec: { processNames?: string[]; destinationIps?: string[]; fields?: object } = {}): NetworkEvent {
  return {
    timestampMs: 0,
    ingestedMs: NaN,
    sourceBytes: NaN,
    destinationBytes: NaN,
    categories: ['network'],
    actions: ['disconnect_received'],
    processNames: spec.processNames ?? ['beacon.exe'],
    sourceIps: [parseIp('10.0.0.5')!],
    destinationIps: (spec.destinationIps ?? ['93.184.216.34']).map((t) => parseIp(t)!),
    eventId: undefined,
    fields: spec.fields ?? {},
  };
}

describe('wildcardMatcher()', () => {
  it('matches exactly by default, as keyword fields do', () => {
    const m = wildcardMatcher(['chrome.exe'], false);
    expect(m('chrome.exe')).toBe(true);
    expect(m('Chrome.exe')).toBe(false);
    expect(m('chrome.exe ')).toBe(false);
  });

  it('takes * for any run of characters, none included', () => {
    const m = wildcardMatcher(['chrome*.exe'], false);
    expect(['chrome.exe', 'chrome_proxy.exe', 'chrome*.exe'].map(m)).toEqual([true, true, true]);
    expect(['chrome.ex', 'xchrome.exe', 'chrome.exe.bak'].map(m)).toEqual([false, false, false]);
    expect(wildcardMatcher(['*'], false)('')).toBe(true);
    expect(wildcardMatcher(['a**b'], false)('ab')).toBe(true);
  });

  it('ignores case when the rule says so, non-ASCII letters too', () => {
    const m = wildcardMatcher(['OUTLOOK.EXE', 'straße*'], true);
    expect(['outlook.exe', 'Outlook.Exe', 'STRASSE', 'STRAßE.exe'].map(m)).toEqual([true, true, false, true]);
  });

  it('reads regular-expression characters literally', () => {
    const m = wildcardMatcher(['a.b+(c)?[d]{2}|e^$\\/'], false);
    expect(m('a.b+(c)?[d]{2}|e^$\\/')).toBe(true);
    expect(m('aXb+(c)?[d]{2}|e^$\\/')).toBe(false);
    expect(wildcardMatcher(['x-y'], true)('X-Y')).toBe(true);
  });
});

describe('allowListFilters()', () => {
  it('turns the pre rules, and only those, into filters named by their labels', () => {
    const filters = allowListFilters(rulesOf([{ process_name: 'a.exe', mode: 'pre' }, { process_name: 'b.exe' }, { name: 'CDN', destination_cidrs: ['151.101.0.0/16'], mode: 'pre' }]));
    expect(filters.map((f) => f.name)).toEqual(['allow-list rule 1 (process.name a.exe)', 'allow-list rule 3 "CDN"']);
    expect(allowListFilters(undefined)).toEqual([]);
  });

  it('removes an event when every condition of the rule holds, any value of a multi-valued field matching', () => {
    const [rule] = allowListFilters(rulesOf([{ process_name: 'svchost.exe', destination_cidrs: ['13.64.0.0/10', '2603:1000::/24'], mode: 'pre' }]));
    const passes = (e: NetworkEvent) => rule!.passes(e, ENDPOINT_FIELDS);
    expect(passes(event({ processNames: ['svchost.exe'], destinationIps: ['13.107.4.50'] }))).toBe(false);
    expect(passes(event({ processNames: ['svchost.exe'], destinationIps: ['2603:1030::1'] }))).toBe(false);
    expect(passes(event({ processNames: ['other.exe', 'svchost.exe'], destinationIps: ['8.8.8.8', '13.107.4.50'] }))).toBe(false);
    expect(passes(event({ processNames: ['svchost.exe'], destinationIps: ['8.8.8.8'] }))).toBe(true);
    expect(passes(event({ processNames: ['chrome.exe'], destinationIps: ['13.107.4.50'] }))).toBe(true);
    expect(passes(event({ processNames: ['svchost.exe'], destinationIps: ['::ffff:13.107.4.50'] }))).toBe(false);
  });

  it('reads host names and group fields from the record, ip fields by range', () => {
    const [host, group] = allowListFilters(
      rulesOf([
        { host_name: 'BUILD-*', case_insensitive: true, mode: 'pre' },
        { group: { 'source.ip': '10.0.0.0/8', 'network.transport': 'udp' }, mode: 'pre' },
      ]),
    );
    expect(host!.passes(event({ fields: { host: { name: 'build-07' } } }), ENDPOINT_FIELDS)).toBe(false);
    expect(host!.passes(event({ fields: { 'host.name': 'ws-07' } }), ENDPOINT_FIELDS)).toBe(true);
    expect(group!.passes(event({ fields: { source: { ip: '10.1.2.3' }, network: { transport: 'udp' } } }), SENSOR_FIELDS)).toBe(false);
    expect(group!.passes(event({ fields: { source: { ip: '10.1.2.3' }, network: { transport: 'tcp' } } }), SENSOR_FIELDS)).toBe(true);
    expect(group!.passes(event({ fields: { source: { ip: '192.168.1.3' }, network: { transport: 'udp' } } }), SENSOR_FIELDS)).toBe(true);
  });

  it('does not apply a process-name rule to records that carry no process', () => {
    const [processRule, rangeRule] = allowListFilters(rulesOf([{ process_name: '*', mode: 'pre' }, { destination_cidrs: ['0.0.0.0/0'], mode: 'pre' }]));
    expect(processRule!.appliesTo(SENSOR_FIELDS)).toBe(false);
    expect(processRule!.appliesTo(ENDPOINT_FIELDS)).toBe(true);
    expect(rangeRule!.appliesTo(SENSOR_FIELDS)).toBe(true);
  });
});

describe('groupMatcher()', () => {
  const hostProcess = ['host.name', 'process.name'];
  const ipPair = ['source.ip', 'destination.ip'];

  it('matches the group values of the scan', () => {
    const [rule] = rulesOf([{ process_name: 'Updater*', case_insensitive: true, host_name: 'ws-0?' }]).rules;
    const m = groupMatcher(rule!, hostProcess);
    if (typeof m !== 'function') throw new Error(m.never);
    // `?` is no wildcard: only `*` is.
    expect(m({ values: ['ws-0?', 'updater-x.exe'], destinationIps: [] })).toBe(true);
    expect(m({ values: ['ws-02', 'updater-x.exe'], destinationIps: [] })).toBe(false);
  });

  it('says why a rule on a field that is not a group field can never match', () => {
    const [rule] = rulesOf([{ process_name: 'x.exe', group: { 'user.name': 'svc' } }]).rules;
    const m = groupMatcher(rule!, ipPair);
    expect(m).toEqual({ never: 'process.name, user.name are not group fields of this scan (grouped by source.ip, destination.ip)' });
  });

  it('holds destination ranges to the destination.ip group value, or else to every top destination', () => {
    const [rule] = rulesOf([{ destination_cidrs: ['91.189.88.0/21'] }]).rules;
    const byIp = groupMatcher(rule!, ipPair);
    const byProcess = groupMatcher(rule!, hostProcess);
    if (typeof byIp !== 'function' || typeof byProcess !== 'function') throw new Error('unexpected never');
    expect(byIp({ values: ['10.0.0.1', '91.189.91.157'], destinationIps: ['8.8.8.8'] })).toBe(true);
    expect(byIp({ values: ['10.0.0.1', '8.8.8.8'], destinationIps: ['91.189.91.157'] })).toBe(false);
    expect(byProcess({ values: ['ws', 'ntpd'], destinationIps: ['91.189.91.157', '91.189.89.198'] })).toBe(true);
    expect(byProcess({ values: ['ws', 'ntpd'], destinationIps: ['91.189.91.157', '8.8.8.8'] })).toBe(false);
    expect(byProcess({ values: ['ws', 'ntpd'], destinationIps: [] })).toBe(false);
  });
});
