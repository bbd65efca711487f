/** `generateConnections`: time order, determinism, beacon timing and drops, limits. */
import { describe, expect, it } from 'vitest';
import { generateConnections, type GeneratedConnection } from '../../ts/source/trafficGenerator.js';
import { listedTalkers, populationTalkers, type Talker } from '../../ts/source/trafficSources.js';

const HOUR = 3_600_000;
const population = populationTalkers({ hosts: 20, processesPerHost: 5, beaconEvery: 10, periodsSeconds: [60, 300], jitter: 0.2, byteJitter: 0.02, dropRate: 0.1, noisePerHour: 30 });
const all = (seed: number, endMs = 6 * HOUR, limit?: number) => [...generateConnections({ seed, startMs: 0, endMs, talkers: population, ...(limit === undefined ? {} : { limit }) })];

const beacon = (over: Partial<Talker> = {}): Talker =>
  ({
    kind: 'beacon',
    host: 'h',
    process: 'p.exe',
    sourceIp: '10.0.0.1',
    destination: '45.1.2.3',
    periodSeconds: 60,
    jitter: 0,
    sourceBytes: 100,
    destinationBytes: 200,
    byteJitter: 0,
    dropRate: 0,
    ...over,
  }) as Talker;

describe('generateConnections()', () => {
  it('yields every connection in time order, the same for the same seed', () => {
    const a = all(1);
    expect(a.length).toBeGreaterThan(1000);
    expect(a.every((c, k) => k === 0 || (a[k - 1] as GeneratedConnection).timeMs <= c.timeMs)).toBe(true);
    expect(all(1)).toEqual(a);
    expect(all(2)).not.toEqual(a);
    expect(a.every((c) => c.timeMs >= 0 && c.timeMs < 6 * HOUR)).toBe(true);
  });

  it('gives each (talker, beat) once', () => {
    const keys = all(3).map((c) => `${c.talker}/${c.beat}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('places an exact beacon in the middle of each period, with constant bytes', () => {
    const out = [...generateConnections({ seed: 9, startMs: 0, endMs: 10 * 60_000, talkers: listedTalkers([beacon()]) })];
    expect(out.map((c) => c.timeMs)).toEqual([30, 90, 150, 210, 270, 330, 390, 450, 510, 570].map((s) => s * 1000));
    expect(new Set(out.map((c) => `${c.sourceBytes}/${c.destinationBytes}`))).toEqual(new Set(['100/200']));
  });

  it('keeps jittered beats within the jitter of their period and drops about the drop rate', () => {
    const out = [...generateConnections({ seed: 4, startMs: 0, endMs: 2000 * 60_000, talkers: listedTalkers([beacon({ jitter: 0.25, dropRate: 0.2 })]) })];
    for (const c of out) expect(Math.abs(c.timeMs - (c.beat + 0.5) * 60_000)).toBeLessThanOrEqual(15_000);
    expect(out.length).toBeGreaterThan(1500);
    expect(out.length).toBeLessThan(1700);
  });

  it('stops at the limit', () => {
    expect(all(5, 6 * HOUR, 123)).toHaveLength(123);
  });
});

describe('populationTalkers()', () => {
  it('describes hosts x processes talkers by index, every n-th a beacon', () => {
    expect(population.count).toBe(100);
    expect(population.talker(9)).toMatchObject({ kind: 'beacon', host: 'host-1', process: 'proc-4.exe', sourceIp: '10.0.0.1', periodSeconds: 300 });
    expect(population.talker(0)).toMatchObject({ kind: 'noise', host: 'host-0', process: 'proc-0.exe' });
    const beacons = Array.from({ length: 100 }, (_, i) => population.talker(i)).filter((t) => t.kind === 'beacon');
    expect(beacons).toHaveLength(10);
  });
});
