/**
 * The talkers of synthetic traffic: each a host's process connecting to
 * destinations either like a beacon (a period, timing jitter, byte
 * variation, missed beats) or like ordinary software (Poisson arrivals,
 * heavy-tailed sizes). A set of talkers is a function of an index, so a
 * million of them cost nothing until they talk.
 */

export interface BeaconTalker {
  readonly kind: 'beacon';
  readonly host: string;
  readonly process: string;
  readonly sourceIp: string;
  readonly destination: string;
  readonly periodSeconds: number;
  /** Timing jitter as a fraction of the period, below 0.5 (each beat moves by up to this much). */
  readonly jitter: number;
  readonly sourceBytes: number;
  readonly destinationBytes: number;
  /** Byte variation as a fraction (each connection's bytes move by up to this much). */
  readonly byteJitter: number;
  /** Fraction of beats that never happen. */
  readonly dropRate: number;
}

export interface NoiseTalker {
  readonly kind: 'noise';
  readonly host: string;
  readonly process: string;
  readonly sourceIp: string;
  readonly destinations: readonly string[];
  /** Mean connections per hour. */
  readonly perHour: number;
  readonly meanSourceBytes: number;
  readonly meanDestinationBytes: number;
}

export type Talker = BeaconTalker | NoiseTalker;

export interface TalkerSet {
  readonly count: number;
  talker(index: number): Talker;
}

/** A fixed list of talkers (a hand-written scenario). */
export function listedTalkers(talkers: readonly Talker[]): TalkerSet {
  return { count: talkers.length, talker: (i) => talkers[i] as Talker };
}

/** A population of `hosts` x `processes` talkers, one in `beaconEvery` a beacon, described by index. */
export interface PopulationSpec {
  readonly hosts: number;
  readonly processesPerHost: number;
  /** Every n-th talker beacons (0: none). */
  readonly beaconEvery: number;
  /** Beacon periods are drawn from these (seconds). */
  readonly periodsSeconds: readonly number[];
  readonly jitter: number;
  readonly byteJitter: number;
  readonly dropRate: number;
  /** Mean connections per hour of an ordinary talker. */
  readonly noisePerHour: number;
}

export function populationTalkers(spec: PopulationSpec): TalkerSet {
  const count = spec.hosts * spec.processesPerHost;
  return {
    count,
    talker(i) {
      const h = Math.floor(i / spec.processesPerHost);
      const p = i % spec.processesPerHost;
      const host = `host-${h}`;
      const process = `proc-${p}.exe`;
      const sourceIp = `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
      if (spec.beaconEvery > 0 && i % spec.beaconEvery === spec.beaconEvery - 1) {
        return {
          kind: 'beacon',
          host,
          process,
          sourceIp,
          destination: publicAddress(i * 7 + 1),
          periodSeconds: spec.periodsSeconds[i % spec.periodsSeconds.length] as number,
          jitter: spec.jitter,
          sourceBytes: 200 + (i % 800),
          destinationBytes: 1000 + ((i * 13) % 4000),
          byteJitter: spec.byteJitter,
          dropRate: spec.dropRate,
        };
      }
      return {
        kind: 'noise',
        host,
        process,
        sourceIp,
        destinations: [0, 1, 2, 3].map((k) => publicAddress(i * 4 + k)),
        perHour: spec.noisePerHour,
        meanSourceBytes: 800,
        meanDestinationBytes: 20_000,
      };
    },
  };
}

/** A public IPv4 address (first octet 45..94: none of the reserved ranges) for a number. */
function publicAddress(n: number): string {
  const x = (Math.imul(n + 1, 0x9e3779b1) >>> 0) % 50_000_000;
  return `${45 + Math.floor(x / 1_000_000)}.${Math.floor(x / 4000) % 250}.${Math.floor(x / 16) % 250}.${1 + (x % 16) * 15}`;
}
