/**
 * The mapping of an index of ECS network events, each field with the type
 * the queries and aggregations need (`indexFields.ts` checks them): dates,
 * ips, keywords to group by, longs to sum. The search tests and the painless
 * benchmark index their events with it.
 */
export const ECS_EVENT_MAPPING = {
  dynamic: 'strict',
  properties: {
    '@timestamp': { type: 'date' },
    event: { properties: { category: { type: 'keyword' }, action: { type: 'keyword' }, ingested: { type: 'date' }, id: { type: 'keyword' } } },
    host: { properties: { name: { type: 'keyword' } } },
    process: { properties: { name: { type: 'keyword' } } },
    source: { properties: { ip: { type: 'ip' }, port: { type: 'long' }, bytes: { type: 'long' } } },
    destination: { properties: { ip: { type: 'ip' }, port: { type: 'long' }, bytes: { type: 'long' } } },
    labels: { properties: { site: { type: 'keyword' } } },
  },
};
