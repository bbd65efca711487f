/**
 * One scale run in a process of its own (so its peak memory is its own):
 * `node dist-bench/scaleChild.js GROUPS EVENTS [ids]` scores EVENTS
 * generated connections over GROUPS host/process groups in one 6-hour
 * window, streamed straight from the generator as decoded events, and
 * prints {seconds, peakRssMiB} as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SENSOR_FIELDS, type DecodedLine } from '../dist/decode/networkEvent.js';
import { parseIp } from '../dist/decode/ipAddress.js';
import { NO_FILTERS } from '../dist/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../dist/params/beaconParams.js';
import { runScan } from '../dist/scan/scanRun.js';
import { generateConnections } from '../dist/source/trafficGenerator.js';
import { populationTalkers } from '../dist/source/trafficSources.js';

const [groups = 1000, events = 100_000] = process.argv.slice(2, 4).map(Number);
const withIds = process.argv[4] === 'ids';
const WINDOW_MS = 6 * 3_600_000;
const processes = Math.min(groups, 10);
const talkers = populationTalkers({
  hosts: Math.ceil(groups / processes),
  processesPerHost: processes,
  beaconEvery: 20,
  periodsSeconds: [60, 300],
  jitter: 0.1,
  byteJitter: 0.02,
  dropRate: 0.02,
  // A tenth more ordinary traffic than EVENTS needs in six hours, so that
  // the limit, not the window's end, stops the stream at exactly EVENTS.
  noisePerHour: (1.1 * events) / groups / 6,
});

async function* records(): AsyncGenerator<DecodedLine> {
  for (const c of generateConnections({ seed: 5, startMs: 0, endMs: WINDOW_MS, talkers, limit: events })) {
    const fields = { 'host.name': c.host, 'process.name': c.process };
    yield {
      type: 'event',
      event: {
        timestampMs: c.timeMs,
        ingestedMs: NaN,
        sourceBytes: c.sourceBytes,
        destinationBytes: c.destinationBytes,
        sourceIps: [parseIp(c.sourceIp)!],
        destinationIps: [parseIp(c.destinationIp)!],
        categories: [],
        actions: [],
        processNames: [c.process],
        eventId: withIds ? `g-${c.talker}-${c.beat}` : undefined,
        fields,
      },
    };
  }
}

const start = performance.now();
const outcome = await runScan({
  inputs: [],
  format: 'auto',
  params: DEFAULT_PARAMS,
  filters: NO_FILTERS,
  groupBy: ['host.name', 'process.name'],
  windows: { nowMs: WINDOW_MS },
  engine: 'wasm',
  zeekBytes: 'ip',
  recordSources: [{ name: 'generator', format: 'generated', carries: SENSOR_FIELDS, defaultGroupBy: ['host.name', 'process.name'], records }],
});
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  `${JSON.stringify({ groups: outcome.summary.groups, events: outcome.summary.eventsCounted, seconds, peakRssMiB: peakRssMiB() })}\n`,
);

/**
 * This process's peak resident set. Linux's `VmHWM` rather than
 * `resourceUsage().maxRSS`: Linux carries the parent's peak through fork and
 * exec into the child's maxRSS, so a child of a large benchmark process
 * would report the parent's size. Other systems have only maxRSS.
 */
function peakRssMiB(): number {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return Math.round((hwm === null ? process.resourceUsage().maxRSS : Number(hwm[1])) / 1024);
}
