/** The help text of the `beaconwatch` command. */
import { COMPARE_USAGE } from './compareCommand.js';
import { WATCH_USAGE } from './watchCommand.js';

export const USAGE = `beaconwatch: find command-and-control beaconing in network connection logs

Usage:
  beaconwatch scan INPUT... [options]     score connection events for beaconing
  beaconwatch scan --es URL --index PATTERN [--write-es URL] [options]
                                          score events in Elasticsearch/OpenSearch
  beaconwatch watch --es URL ... --write-es URL --checkpoint FILE
                                          score every hour into ml_beaconing, as the transform
  beaconwatch compare --transform FILE|ID --es URL
                                          the package's transform and beaconwatch, field by field
  beaconwatch report INPUT... [options]   scan, and write an HTML report of the findings
  beaconwatch report --results FILE --details FILE   the report of a previous scan
  beaconwatch explain INPUT... [options] --group V1,V2 | --rank N
                                          why one group was flagged or not, in words
  beaconwatch demo [--engine E] [--report FILE]   score a built-in synthetic day
  beaconwatch generate [options]          synthetic traffic of any size, streamed
  beaconwatch help | --help | --version

INPUT is a file (plain or gzip), a directory (read recursively) or - (stdin).

Scan options (scan, report and explain):
  --format FORMAT            auto (default: from each file's first line), ecs, zeek,
                               suricata, sysmon or csv
  --field-map FILE           how to read CSV flow exports (columns -> ECS fields)
  --now TIME                 end of the window (default: the latest event time)
  --from TIME --to TIME      replay the hourly transform: one window ending at each
  --every DURATION             step from --from to --to (default --every 1h)
  --params FILE|JSON         parameters, with the package's names (e.g. '{"max_jitter":0.1}')
  --filters default|none|FILE  source filters (default: the package's query)
  --group-by F1,F2           group fields (default: host.name,process.name for ECS and
                               Sysmon, source.ip,destination.ip for Zeek and Suricata)
  --engine wasm|native|ts    scoring engine (default: wasm; native is the same core as a
                               Node addon; ts is the reference)
  --workers N                worker threads reading and scoring (default: the cores)
  --max-groups N             stop when the groups outgrow N (default: 1000000)
  --zeek-bytes ip|payload    Zeek byte counts: orig/resp_ip_bytes (default) or orig/resp_bytes
  --allow-list FILE          known-good traffic: rules that remove events before
                               scoring (pre) or mark findings suppressed (post)
  --config FILE              settings file (default: ./beaconwatch.config.json if present);
                               flags override it

scan:
  --out FILE|-               result documents as NDJSON (default: - for stdout)
  --details FILE             also write the flagged groups' buckets and curves, for a
                               later report or explain from --results
  --top N                    rows of the findings table on stderr (default: 20)

scan from and to a search cluster (docs/search-engines.md):
  --es URL --index PATTERN   read the events from Elasticsearch or OpenSearch
  --mode stream|aggregate    read documents (default), or let the cluster build the buckets
  --page-size N --slices N --paging auto|point-in-time|scroll --keep-alive 90s
                             how documents are read (default 5000, 1 slice, auto, 2m)
  --composite-size N         buckets per page in aggregate mode (default 10000)
  --write-es URL             write the results to the ml_beaconing alias there
                               (then no NDJSON on stdout unless --out is given)
  --write-prefix NAME        results index NAME-<schema>, aliases NAME.all, NAME.latest
  --write-refresh            make the written results searchable before exiting
  --es-api-key, --es-username, --es-password, --es-bearer-token, --es-ca FILE,
  --es-ca-fingerprint SHA256, --es-engine auto|elasticsearch|opensearch
                             how to connect (each also as BEACONWATCH_ES_API_KEY, ...;
                               --write-es-* and BEACONWATCH_WRITE_ES_* for the write side)

report:
  --out FILE                 the HTML file (default: beaconwatch-report.html)
  --title TEXT               its title
  --plots N                  findings, from the top, with plots (default: 1000)
  --results FILE --details FILE   report a previous scan instead of scanning

explain:
  --group V1,V2              the group's values, in --group-by order (or a JSON array)
  --rank N                   or the N-th row of the findings table
  --window TIME              the window ending at TIME (default: the group's best)
  --json                     the explanation as JSON, every number exact
  --results FILE --details FILE   explain from a previous scan instead of scanning

generate:
  --events N | --hours H     how many connections (default: all of 6 hours)
  --start TIME               the first instant (default: 2026-11-30T00:00:00Z)
  --hosts N --processes N    talkers: hosts x processes (default: 50 x 10)
  --beacon-every N           every N-th talker beacons (default: 25; 0: none)
  --periods S1,S2            beacon periods in seconds (default: 60,300,900)
  --jitter F --byte-jitter F --drop-rate F   beacon timing and size variation, missed beats
  --noise-per-hour N         connections an hour of an ordinary talker (default: 20)
  --format ecs|zeek          ECS NDJSON (default) or a Zeek conn.log
  --no-ids                   leave out event ids (no repeat detection then)
  --seed N --out FILE|-      the seed (default: 1); where to write (default: stdout)

watch:
${WATCH_USAGE.split('\n').slice(1).join('\n')}
compare:
${COMPARE_USAGE.split('\n').slice(1).join('\n')}
TIME is ISO 8601 (2024-04-19T06:00:00Z; no offset means UTC) or epoch milliseconds.
DURATION is 90s, 30m, 1h, 1d.

Progress is shown on stderr when it is a terminal; the run summary always is.

Exit codes: 0 success, 1 internal error, 2 bad command line or configuration,
3 unusable input (a file, or an index), 4 engine or connection error,
5 results not written (each listed),
6 compare found differences.
`;
