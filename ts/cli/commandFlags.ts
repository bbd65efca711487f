/**
 * The flags of every command that reads events, and the keys of the
 * configuration file that can hold the same settings: the scan's settings
 * at its top level, one section per command for what only that command
 * reads (`scan.out`, `watch.checkpoint`).
 */
import type { ConfigSchema } from '../config/configFile.js';
import { SCORING_FLAGS, SEARCH_FLAGS, SEARCH_READ_FLAGS } from './searchOptions.js';

/** What the scan reads and how: flags of every scanning command, and top-level keys of the configuration file. */
export const SCAN_FLAGS = {
  format: { type: 'string' },
  now: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  every: { type: 'string' },
  params: { type: 'string' },
  filters: { type: 'string' },
  'allow-list': { type: 'string' },
  'group-by': { type: 'string' },
  engine: { type: 'string' },
  'zeek-bytes': { type: 'string' },
  'field-map': { type: 'string' },
  workers: { type: 'string' },
  'max-groups': { type: 'string' },
} as const;

/** The commands that run a scan take SCAN_FLAGS and these, their section of the configuration file. */
export const SCANNING_COMMAND_FLAGS = {
  scan: {
    out: { type: 'string' },
    top: { type: 'string' },
    details: { type: 'string' },
    ...SEARCH_FLAGS,
  },
  report: {
    out: { type: 'string' },
    title: { type: 'string' },
    plots: { type: 'string' },
    results: { type: 'string' },
    details: { type: 'string' },
  },
  explain: {
    group: { type: 'string' },
    rank: { type: 'string' },
    window: { type: 'string' },
    json: { type: 'boolean' },
    results: { type: 'string' },
    details: { type: 'string' },
  },
} as const;

/** The cluster commands take only these: the scan settings among them also come from the file's top level. */
export const CLUSTER_COMMAND_FLAGS = {
  watch: {
    ...SEARCH_FLAGS,
    ...SCORING_FLAGS,
    frequency: { type: 'string' },
    'sync-delay': { type: 'string' },
    checkpoint: { type: 'string' },
    start: { type: 'string' },
    once: { type: 'boolean' },
  },
  compare: {
    ...SEARCH_READ_FLAGS,
    transform: { type: 'string' },
    now: { type: 'string' },
    'now-param': { type: 'string' },
    'pivot-via': { type: 'string' },
    params: { type: 'string' },
    engine: { type: 'string' },
    show: { type: 'string' },
  },
} as const;

export type ScanningCommand = keyof typeof SCANNING_COMMAND_FLAGS;
export type ClusterCommand = keyof typeof CLUSTER_COMMAND_FLAGS;
export type ConfiguredCommand = ScanningCommand | ClusterCommand;

/** Every flag a command takes (but `--config`). */
export function commandFlags(command: ConfiguredCommand) {
  return command === 'watch' || command === 'compare' ? CLUSTER_COMMAND_FLAGS[command] : { ...SCAN_FLAGS, ...SCANNING_COMMAND_FLAGS[command] };
}

const SHARED = ['inputs', ...Object.keys(SCAN_FLAGS)];

/** The keys of `beaconwatch.config.json`: INPUTs as `inputs`, the scan's flags, one section per command. */
export const CONFIG_SCHEMA: ConfigSchema = {
  shared: SHARED,
  sections: Object.fromEntries(
    [...Object.entries(SCANNING_COMMAND_FLAGS), ...Object.entries(CLUSTER_COMMAND_FLAGS)].map(([command, flags]) => [command, Object.keys(flags).filter((k) => !SHARED.includes(k))]),
  ),
};
