/** `compileFilters` and `firstFailedFilter`: the transform's query on decoded events (spec section 6). */
import { describe, expect, it } from 'vitest';
import { parseIp, type IpAddress } from '../../ts/decode/ipAddress.js';
import { ENDPOINT_FIELDS, SENSOR_FIELDS, type CarriedFields, type NetworkEvent } from '../../ts/decode/networkEvent.js';
import { DEFAULT_FILTERS, NO_FILTERS, parseFilterConfig } from '../../ts/filter/filterConfig.js';
import { compileFilters, firstFailedFilter, type SourceFilter } from '../../ts/filter/sourceFilters.js';

function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad test address ${text}`);
  return parsed;
}

interface EventSpec {
  readonly categories?: string[];
  readonly actions?: string[];
  readonly processNames?: string[];
  readonly sourceIps?: string[];
  readonly destinationIps?: string[];
}

/** An endpoint event that passes the default filters, with `spec` changed. */
function event(spec: EventSpec = {}): NetworkEvent {
  return {
    timestampMs: 0,
    ingestedMs: NaN,
    sourceBytes: NaN,
    destinationBytes: NaN,
    categories: spec.categories ?? ['network'],
    actions: spec.actions ?? ['disconnect_received'],
    processNames: spec.processNames ?? ['beacon.exe'],
    sourceIps: (spec.sourceIps ?? ['10.0.0.5']).map(ip),
    destinationIps: (spec.destinationIps ?? ['93.184.216.34']).map(ip),
    eventId: undefined,
    fields: {},
  };
}

/** A sensor record (Zeek): no category, action or process. */
const sensor = (spec: EventSpec = {}) => event({ categories: [], actions: [], processNames: [], ...spec });

const DEFAULTS = compileFilters(DEFAULT_FILTERS);

const CATEGORY = 'event.category is network';
const DESTINATION = 'destination.ip exists';
const ACTION = 'event.action is disconnect_received';
const PROCESS = 'process.name not excluded';
const LOCALITY = 'locality (private source to non-reserved destination, or Microsoft process to non-Microsoft destination)';

/** Name of the first filter `e` fails, or undefined when it passes. */
const failed = (e: NetworkEvent, carried: CarriedFields = ENDPOINT_FIELDS, filters: readonly SourceFilter[] = DEFAULTS) =>
  firstFailedFilter(filters, e, carried)?.name;

const filtersOf = (json: object) => compileFilters(parseFilterConfig(json, 'test'));

describe('compileFilters()', () => {
  it('compiles the defaults in the order events are charged', () => {
    expect(DEFAULTS.map((f) => f.name)).toEqual([CATEGORY, DESTINATION, ACTION, PROCESS, LOCALITY]);
  });

  it('compiles nothing for no filters', () => {
    expect(compileFilters(NO_FILTERS)).toEqual([]);
  });

  it('compiles only the filters switched on', () => {
    const names = (json: object) => filtersOf(json).map((f) => f.name);
    expect(names({ event_action: 'x', require_destination_ip: true })).toEqual(['destination.ip exists', 'event.action is x']);
    expect(names({ private_source_cidrs: ['10.0.0.0/8'] })).toEqual(['locality (private source to non-reserved destination)']);
    expect(filtersOf({ microsoft_process_names: ['lsass.exe'] }).map((f) => f.name)).toEqual([
      'locality (Microsoft process to non-Microsoft destination)',
    ]);
  });

  it('applies the category, action and process filters only where records carry those fields', () => {
    expect(DEFAULTS.map((f) => f.appliesTo(ENDPOINT_FIELDS))).toEqual([true, true, true, true, true]);
    expect(DEFAULTS.map((f) => f.appliesTo(SENSOR_FIELDS))).toEqual([false, true, false, false, true]);
    // Sysmon: a process and a category, not Defend's action.
    expect(DEFAULTS.map((f) => f.appliesTo({ category: true, action: false, process: true }))).toEqual([true, true, false, true, true]);
  });

  it('applies a locality filter without the private branch to endpoint records only', () => {
    const [locality] = filtersOf({ microsoft_process_names: ['lsass.exe'] });
    expect([locality?.appliesTo(ENDPOINT_FIELDS), locality?.appliesTo(SENSOR_FIELDS)]).toEqual([true, false]);
  });
});

describe('firstFailedFilter()', () => {
  it('passes an event that meets every filter', () => {
    expect(failed(event())).toBeUndefined();
  });

  it('passes everything through an empty list', () => {
    expect(firstFailedFilter([], event({ categories: [], destinationIps: [] }), ENDPOINT_FIELDS)).toBeUndefined();
  });

  it('charges each event to the first filter it fails', () => {
    const everythingWrong = {
      categories: ['process'],
      destinationIps: [],
      actions: ['x'],
      processNames: ['chrome.exe'],
      sourceIps: ['8.8.8.8'],
    };
    expect(failed(event(everythingWrong))).toBe(CATEGORY);
    expect(failed(event({ ...everythingWrong, categories: ['network'] }))).toBe(DESTINATION);
    expect(failed(event({ ...everythingWrong, categories: ['network'], destinationIps: ['8.8.4.4'] }))).toBe(ACTION);
    expect(failed(event({ processNames: ['chrome.exe'], sourceIps: ['8.8.8.8'] }))).toBe(PROCESS);
    expect(failed(event({ sourceIps: ['8.8.8.8'] }))).toBe(LOCALITY);
  });

  it('matches multi-valued keyword fields when any value matches', () => {
    expect(failed(event({ categories: ['process', 'network'] }))).toBeUndefined();
    expect(failed(event({ categories: [] }))).toBe(CATEGORY);
    expect(failed(event({ actions: ['connection_attempted', 'disconnect_received'] }))).toBeUndefined();
    expect(failed(event({ actions: [] }))).toBe(ACTION);
    // must_not on process.name: one excluded value is enough to fail.
    expect(failed(event({ processNames: ['beacon.exe', 'chrome.exe'] }))).toBe(PROCESS);
    expect(failed(event({ processNames: [] }))).toBeUndefined();
  });

  it('matches case-sensitively, as keyword terms do', () => {
    expect(failed(event({ categories: ['Network'] }))).toBe(CATEGORY);
    expect(failed(event({ processNames: ['Chrome.exe'] }))).toBeUndefined();
  });

  describe('locality, first branch: private source to a non-reserved destination', () => {
    it('needs any source IP private', () => {
      expect(failed(event({ sourceIps: ['8.8.8.8', '10.0.0.1'] }))).toBeUndefined();
      expect(failed(event({ sourceIps: ['172.31.255.255'] }))).toBeUndefined();
      expect(failed(event({ sourceIps: ['172.32.0.0'] }))).toBe(LOCALITY);
      expect(failed(event({ sourceIps: [] }))).toBe(LOCALITY);
    });

    it('needs no destination IP reserved', () => {
      expect(failed(event({ destinationIps: ['93.184.216.34', '10.0.0.2'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['169.254.0.1'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['192.0.0.8'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['192.0.0.11'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['192.0.1.0'] }))).toBeUndefined();
      expect(failed(event({ destinationIps: ['239.255.255.255'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['255.255.255.255'] }))).toBe(LOCALITY);
    });

    it('reserves ::1, FE80::/10 and FF00::/8 among IPv6 destinations', () => {
      expect(failed(event({ destinationIps: ['::1'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['fe80::1'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['febf:ffff::1'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['fec0::1'] }))).toBeUndefined();
      expect(failed(event({ destinationIps: ['ff02::1'] }))).toBe(LOCALITY);
      expect(failed(event({ destinationIps: ['2001:db8::1'] }))).toBeUndefined();
    });

    it('matches an IPv4-mapped source against 10.0.0.0/8', () => {
      expect(failed(event({ sourceIps: ['::ffff:10.0.0.5'] }))).toBeUndefined();
      expect(failed(event({ destinationIps: ['::ffff:10.0.0.9'] }))).toBe(LOCALITY);
    });

    it('takes no IPv6 source for private under the default lists', () => {
      expect(failed(event({ sourceIps: ['fd00::1'] }))).toBe(LOCALITY);
    });
  });

  describe('locality, second branch: Microsoft process to a non-Microsoft destination', () => {
    it('passes lsass.exe from a public source to a non-Microsoft destination', () => {
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'] }))).toBeUndefined();
    });

    it('excludes lsass.exe to a Microsoft range or a reserved one', () => {
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['13.64.0.1'] }))).toBe(LOCALITY);
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['52.224.0.1'] }))).toBe(LOCALITY);
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['127.0.0.1'] }))).toBe(LOCALITY);
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['52.255.255.255'] }))).toBe(LOCALITY);
      expect(failed(event({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['53.0.0.0'] }))).toBeUndefined();
    });

    it('lets a private source reach a Microsoft range by the first branch', () => {
      expect(failed(event({ processNames: ['lsass.exe'], destinationIps: ['13.64.0.1'] }))).toBeUndefined();
    });

    it('charges svchost.exe to the excluded processes first under the defaults', () => {
      expect(failed(event({ processNames: ['svchost.exe'], sourceIps: ['8.8.8.8'], destinationIps: ['13.64.0.1'] }))).toBe(PROCESS);
    });

    it('excludes svchost.exe to a Microsoft range once the process list is off', () => {
      const filters = filtersOf({
        private_source_cidrs: ['10.0.0.0/8'],
        reserved_destination_cidrs: ['127.0.0.0/8'],
        microsoft_process_names: ['svchost.exe'],
        microsoft_destination_cidrs: ['13.64.0.0/11'],
      });
      const svchost = { processNames: ['svchost.exe'], sourceIps: ['8.8.8.8'] };
      expect(failed(event({ ...svchost, destinationIps: ['13.64.0.1'] }), ENDPOINT_FIELDS, filters)).toBe(LOCALITY);
      expect(failed(event({ ...svchost, destinationIps: ['13.96.0.1'] }), ENDPOINT_FIELDS, filters)).toBeUndefined();
      expect(failed(event({ ...svchost, destinationIps: ['127.0.0.1'] }), ENDPOINT_FIELDS, filters)).toBe(LOCALITY);
    });

    it('needs any process name to be Microsoft\'s', () => {
      expect(failed(event({ processNames: ['beacon.exe', 'lsass.exe'], sourceIps: ['8.8.8.8'] }))).toBeUndefined();
    });
  });

  describe('sensor records', () => {
    it('skip the category, action and process filters', () => {
      expect(failed(sensor(), SENSOR_FIELDS)).toBeUndefined();
      expect(failed(sensor({ categories: ['process'], actions: ['x'], processNames: ['chrome.exe'] }), SENSOR_FIELDS)).toBeUndefined();
    });

    it('still need a destination IP and the first locality branch', () => {
      expect(failed(sensor({ destinationIps: [] }), SENSOR_FIELDS)).toBe(DESTINATION);
      expect(failed(sensor({ sourceIps: ['8.8.8.8'] }), SENSOR_FIELDS)).toBe(LOCALITY);
      expect(failed(sensor({ destinationIps: ['192.168.1.1'] }), SENSOR_FIELDS)).toBe(LOCALITY);
    });

    it('cannot take the Microsoft branch, process name or not', () => {
      expect(failed(sensor({ processNames: ['lsass.exe'], sourceIps: ['8.8.8.8'] }), SENSOR_FIELDS)).toBe(LOCALITY);
    });

    it('pass a locality filter that has only the Microsoft branch', () => {
      const filters = filtersOf({ microsoft_process_names: ['lsass.exe'] });
      expect(failed(sensor({ sourceIps: ['8.8.8.8'] }), SENSOR_FIELDS, filters)).toBeUndefined();
      expect(failed(event({ sourceIps: ['8.8.8.8'] }), ENDPOINT_FIELDS, filters)).toBe('locality (Microsoft process to non-Microsoft destination)');
    });
  });

  it('lets any destination through when the reserved list is off', () => {
    const filters = filtersOf({ private_source_cidrs: ['10.0.0.0/8'] });
    expect(failed(event({ destinationIps: ['10.0.0.2'] }), ENDPOINT_FIELDS, filters)).toBeUndefined();
    expect(failed(event({ sourceIps: ['8.8.8.8'] }), ENDPOINT_FIELDS, filters)).toBe('locality (private source to non-reserved destination)');
  });

  it('reads IPv6-style ranges of a user list', () => {
    const filters = filtersOf({ private_source_cidrs: ['::ffff:10.0.0.0/104', 'fd00::/8'] });
    expect(failed(event({ sourceIps: ['10.1.1.1'] }), ENDPOINT_FIELDS, filters)).toBeUndefined();
    expect(failed(event({ sourceIps: ['fd12::1'] }), ENDPOINT_FIELDS, filters)).toBeUndefined();
    expect(failed(event({ sourceIps: ['11.1.1.1'] }), ENDPOINT_FIELDS, filters)).toBe('locality (private source to non-reserved destination)');
  });
});
