/** The help text of the `beaconwatch` command. */
export const USAGE = `beaconwatch: find command-and-control beaconing in network connection logs

Usage:
  beaconwatch scan INPUT... [options]   score connection events for beaconing
  beaconwatch demo [--engine wasm|ts]   score a built-in synthetic day of traffic
  beaconwatch help | --help | --version

INPUT is a file (plain or gzip), a directory (read recursively) or - (stdin).

Scan options:
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
  --engine wasm|ts           scoring engine (default: wasm; ts is the reference)
  --workers N                worker threads reading and scoring (default: the cores)
  --zeek-bytes ip|payload    Zeek byte counts: orig/resp_ip_bytes (default) or orig/resp_bytes
  --out FILE|-               result documents as NDJSON (default: - for stdout)
  --top N                    rows of the findings table on stderr (default: 20)

TIME is ISO 8601 (2024-04-19T06:00:00Z; no offset means UTC) or epoch milliseconds.
DURATION is 90s, 30m, 1h, 1d.

Exit codes: 0 success, 1 internal error, 2 bad command line or configuration,
3 unusable input, 4 engine error.
`;
