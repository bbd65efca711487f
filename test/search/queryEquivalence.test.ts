/**
 * The query the cluster runs selects exactly the events the scan's filters
 * pass (spec section 6), checked on the real node with random events that
 * mix every case: multi-valued fields, missing fields, IPv6, IPv4-mapped
 * addresses, reserved and Microsoft ranges, excluded and Microsoft
 * processes; for endpoint and sensor indices, and for partial filter files.
 */
import { beforeAll, expect, it } from 'vitest';
import { eventFromEcs } from '../../ts/decode/ecsFields.js';
import { ENDPOINT_FIELDS, SENSOR_FIELDS, type CarriedFields } from '../../ts/decode/networkEvent.js';
import { DEFAULT_FILTERS, parseFilterConfig, type FilterConfig } from '../../ts/filter/filterConfig.js';
import { compileFilters, firstFailedFilter } from '../../ts/filter/sourceFilters.js';
import { connectCluster } from '../../ts/search/connectCluster.js';
import { DEFAULT_PAGING, documentPages } from '../../ts/search/documentPages.js';
import { eventQuery } from '../../ts/search/eventQuery.js';
import { SeededRandom } from '../support/seededRandom.js';
import { describeSearchNode } from '../support/searchNode.js';

const START = Date.UTC(2026, 10, 30, 6);
const random = new SeededRandom(6);
const maybe = <T>(values: readonly T[]): T | undefined => (random.next() < 0.1 ? undefined : random.pick(values));
const SOURCES = ['10.1.2.3', '172.20.0.9', '192.168.7.7', '8.8.8.8', '100.64.1.1', '2001:db8::7', 'fe80::1', '::ffff:10.9.9.9', ['10.0.0.1', '8.8.4.4'], ['8.8.8.8', '9.9.9.9']];
const DESTINATIONS = ['93.184.216.34', '169.254.1.1', '127.0.0.1', '224.0.0.251', '10.0.0.5', '13.64.1.1', '20.33.4.5', '::1', 'fe80::9', 'ff02::1', '::ffff:13.64.1.1', '2606:4700::1111', ['13.64.1.1', '93.184.216.34'], ['93.184.216.34', '1.1.1.1']];
const PROCESSES = ['implant.exe', 'Acrobat.exe', 'OUTLOOK.EXE', 'lsass.exe', 'chrome.exe', ['chrome.exe', 'Acrobat.exe'], ['OUTLOOK.EXE', 'x.exe']];
const CATEGORIES = [['network'], ['network', 'process'], ['process'], 'network'];
const ACTIONS = ['disconnect_received', 'connection_attempted', ['connection_attempted', 'disconnect_received']];

const events = Array.from({ length: 3000 }, (_, i) => {
  const doc: Record<string, unknown> = { '@timestamp': new Date(START - 3_600_000 + random.below(8 * 3_600_000)).toISOString(), event: { id: String(i) } };
  const set = (path: string, value: unknown) => {
    if (value === undefined) return;
    const [head, tail] = path.split('.') as [string, string];
    doc[head] = { ...(doc[head] as object), [tail]: value };
  };
  set('event.category', maybe(CATEGORIES));
  set('event.action', maybe(ACTIONS));
  set('process.name', maybe(PROCESSES));
  set('source.ip', maybe(SOURCES));
  set('destination.ip', maybe(DESTINATIONS));
  return doc;
});

const FILTER_SETS: [string, FilterConfig][] = [
  ['the default filters', DEFAULT_FILTERS],
  ['only the Microsoft branch', parseFilterConfig({ microsoft_process_names: ['OUTLOOK.EXE', 'lsass.exe'], microsoft_destination_cidrs: ['13.64.0.0/11'], reserved_destination_cidrs: ['::1', '127.0.0.0/8'] }, 'ms-only')],
  ['only the private branch, no reserved list', parseFilterConfig({ private_source_cidrs: ['10.0.0.0/8', 'fe80::/10'], require_destination_ip: true }, 'private-only')],
];

describeSearchNode('the query selects what the filters pass', (node) => {
  const index = node.name('filters');
  beforeAll(async () => {
    await node.indexEvents(index, events, 2);
  });

  for (const [name, filters] of FILTER_SETS) {
    for (const [carriesName, carries] of [['endpoint', ENDPOINT_FIELDS], ['sensor', SENSOR_FIELDS]] as [string, CarriedFields][]) {
      it(`${name}, ${carriesName} fields`, async () => {
        const fromMs = START;
        const compiled = compileFilters(filters);
        const expected = events
          .filter((doc) => {
            const decoded = eventFromEcs(doc);
            if (decoded.type !== 'event') throw new Error(`test event ${JSON.stringify(doc)} does not decode`);
            return decoded.event.timestampMs >= fromMs && firstFailedFilter(compiled, decoded.event, carries) === undefined;
          })
          .map((doc) => (doc['event'] as { id: string }).id)
          .sort();
        const { client } = await connectCluster(node.connection());
        const selected: string[] = [];
        try {
          for await (const page of documentPages(client, index, { query: eventQuery(filters, carries, { fromMs }), sourceFields: ['event.id'] }, DEFAULT_PAGING)) {
            for (const hit of page) selected.push((hit._source?.['event'] as { id: string }).id);
          }
        } finally {
          await client.close();
        }
        expect(expected.length).toBeGreaterThan(20);
        expect(expected.length).toBeLessThan(events.length);
        expect(selected.sort()).toStrictEqual(expected);
      });
    }
  }
});
