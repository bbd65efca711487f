/**
 * Synthetic network connection events (ECS, as Elastic Defend writes its
 * `disconnect_received` events): planted beacons with a chosen period,
 * timing jitter, byte variation and drop rate, among Poisson background
 * traffic. Deterministic for a seed.
 */
import { SeededRandom } from './seededRandom.js';

export interface BeaconSpec {
  readonly host: string;
  readonly process: string;
  readonly destination: string;
  readonly periodSeconds: number;
  /** Timing jitter as a fraction of the period (each beat moves by up to this much). */
  readonly jitter: number;
  readonly sourceBytes: number;
  readonly destinationBytes: number;
  /** Byte variation as a fraction (each connection's bytes move by up to this much). */
  readonly byteJitter: number;
  /** Fraction of beats that never happen. */
  readonly dropRate: number;
}

export interface NoiseSpec {
  readonly host: string;
  readonly process: string;
  readonly destinations: readonly string[];
  /** Mean connections per hour. */
  readonly perHour: number;
  readonly meanSourceBytes: number;
  readonly meanDestinationBytes: number;
}

export interface TrafficSpec {
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Source address of each host. */
  readonly hostIps: Readonly<Record<string, string>>;
  readonly beacons: readonly BeaconSpec[];
  readonly noise: readonly NoiseSpec[];
}

export interface EcsEvent {
  readonly '@timestamp': string;
  readonly event: { readonly category: readonly string[]; readonly action: string; readonly ingested: string; readonly id: string };
  readonly host: { readonly name: string };
  readonly process: { readonly name: string };
  readonly source: { readonly ip: string; readonly port: number; readonly bytes: number };
  readonly destination: { readonly ip: string; readonly port: number; readonly bytes: number };
}

/** All events of the spec, in time order. */
export function generateTraffic(spec: TrafficSpec): EcsEvent[] {
  const random = new SeededRandom(spec.seed);
  const raw: { ms: number; host: string; process: string; dst: string; src: number; dstBytes: number }[] = [];
  for (const b of spec.beacons) {
    for (let beat = spec.startMs; beat < spec.endMs; beat += b.periodSeconds * 1000) {
      if (random.next() < b.dropRate) continue;
      const ms = Math.round(beat + random.symmetric() * b.jitter * b.periodSeconds * 1000);
      if (ms < spec.startMs || ms >= spec.endMs) continue;
      const vary = (bytes: number) => Math.max(1, Math.round(bytes * (1 + random.symmetric() * b.byteJitter)));
      raw.push({ ms, host: b.host, process: b.process, dst: b.destination, src: vary(b.sourceBytes), dstBytes: vary(b.destinationBytes) });
    }
  }
  for (const n of spec.noise) {
    const meanGapMs = 3_600_000 / n.perHour;
    for (let ms = spec.startMs + random.exponential(meanGapMs); ms < spec.endMs; ms += random.exponential(meanGapMs)) {
      // Log-normal-ish sizes: heavy tails, as real traffic has.
      const size = (mean: number) => Math.max(1, Math.round(mean * Math.exp(random.symmetric() * 1.5)));
      raw.push({ ms: Math.round(ms), host: n.host, process: n.process, dst: random.pick(n.destinations), src: size(n.meanSourceBytes), dstBytes: size(n.meanDestinationBytes) });
    }
  }
  raw.sort((a, b) => a.ms - b.ms);
  return raw.map((r, i) => ({
    '@timestamp': new Date(r.ms).toISOString(),
    event: { category: ['network'], action: 'disconnect_received', ingested: new Date(r.ms + 2000).toISOString(), id: `synthetic-${spec.seed}-${i}` },
    host: { name: r.host },
    process: { name: r.process },
    source: { ip: spec.hostIps[r.host] ?? '10.0.0.1', port: 49152 + random.below(16384), bytes: r.src },
    destination: { ip: r.dst, port: 443, bytes: r.dstBytes },
  }));
}
