/**
 * A hand-written traffic scenario (the demo's office day, test data): named
 * beacons and ordinary talkers, turned into the generator's talkers and
 * generated as ECS events (as Elastic Defend writes `disconnect_received`
 * events). Deterministic for a seed.
 */
import { generateConnections } from './trafficGenerator.js';
import { listedTalkers, type Talker } from './trafficSources.js';

/** A beacon of the scenario: the generator's, with its host's address taken from `hostIps`. */
export type BeaconSpec = Omit<Extract<Talker, { kind: 'beacon' }>, 'kind' | 'sourceIp'>;
export type NoiseSpec = Omit<Extract<Talker, { kind: 'noise' }>, 'kind' | 'sourceIp'>;

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

/** All events of the scenario, in time order. */
export function generateTraffic(spec: TrafficSpec): EcsEvent[] {
  const sourceIp = (host: string) => spec.hostIps[host] ?? '10.0.0.1';
  const talkers = listedTalkers([
    ...spec.beacons.map((b): Talker => ({ ...b, kind: 'beacon', sourceIp: sourceIp(b.host) })),
    ...spec.noise.map((n): Talker => ({ ...n, kind: 'noise', sourceIp: sourceIp(n.host) })),
  ]);
  return [...generateConnections({ seed: spec.seed, startMs: spec.startMs, endMs: spec.endMs, talkers })].map((c) => ({
    '@timestamp': new Date(c.timeMs).toISOString(),
    event: { category: ['network'], action: 'disconnect_received', ingested: new Date(c.timeMs + 2000).toISOString(), id: `synthetic-${spec.seed}-${c.talker}-${c.beat}` },
    host: { name: c.host },
    process: { name: c.process },
    source: { ip: c.sourceIp, port: c.sourcePort, bytes: c.sourceBytes },
    destination: { ip: c.destinationIp, port: 443, bytes: c.destinationBytes },
  }));
}
