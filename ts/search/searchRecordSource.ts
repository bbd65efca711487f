/**
 * Documents of an index as the scan's records: each hit's `_source`
 * (filtered to the fields beaconwatch reads) decoded as an ECS record, the
 * same decoding a file of exported events gets. The cluster applies the
 * filters (fewer documents travel); the scan applies them again and they
 * pass everything.
 */
import { eventFromEcs } from '../decode/ecsFields.js';
import type { CarriedFields, DecodedLine } from '../decode/networkEvent.js';
import type { RecordSource } from '../scan/scanOptions.js';
import { documentPages, type DocumentRequest, type PagingOptions } from './documentPages.js';
import type { SearchClient } from './searchClient.js';

/** Host and process for endpoint events; source and destination IP for indices without process fields (network sensors). */
export function defaultGroupFields(carries: CarriedFields): readonly string[] {
  return carries.process ? ['host.name', 'process.name'] : ['source.ip', 'destination.ip'];
}

export function searchRecordSource(
  client: SearchClient,
  index: string,
  options: { readonly request: DocumentRequest; readonly paging: PagingOptions; readonly carries: CarriedFields },
): RecordSource {
  return {
    name: `${client.target}/${index}`,
    format: client.engine,
    carries: options.carries,
    defaultGroupBy: defaultGroupFields(options.carries),
    async *records(): AsyncIterable<DecodedLine> {
      for await (const page of documentPages(client, index, options.request, options.paging)) {
        for (const hit of page) yield eventFromEcs(hit._source ?? {});
      }
    },
  };
}
