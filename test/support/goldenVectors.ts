/**
 * The golden vectors and the comparison rules of their README: booleans,
 * integers and floats equal to the last bit; destination IPs as a set, or
 * exactly where a vector lists `exact_destination_ips`; fields absent from
 * an expected result absent from ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BeaconParams } from '../../ts/params/beaconParams.js';
import { GOLDEN_DIR } from './paths.js';

export interface GoldenVector {
  readonly name: string;
  readonly eventsPath: string;
  readonly now: string;
  readonly params: BeaconParams;
  readonly results: readonly Record<string, unknown>[];
}

export function goldenVectors(): GoldenVector[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.expected.json'.length);
      const expected = JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as Omit<GoldenVector, 'name' | 'eventsPath'>;
      return { name, eventsPath: join(GOLDEN_DIR, `${name}.events.ndjson`), now: expected.now, params: expected.params, results: expected.results };
    });
}

/** Float equality to the bit (Object.is also tells 0 from -0). */
function sameBits(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !Object.is(actual, expected)) {
    const rel = expected === 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
    expect.fail(`${path}: ${actual} != ${expected} (relative error ${rel.toExponential(2)})`);
  }
  expect(actual, path).toStrictEqual(expected);
}

/** Asserts our result documents (as parsed JSON) match the vector's expected results. */
export function expectGoldenMatch(vector: GoldenVector, actual: readonly Record<string, unknown>[]): void {
  const label = (r: Record<string, unknown>) => JSON.stringify([r['host'], r['process']]);
  expect(actual.map(label), `${vector.name}: groups`).toStrictEqual(vector.results.map(label));
  vector.results.forEach((expected, i) => {
    const ours = actual[i] as Record<string, unknown>;
    const where = `${vector.name} ${label(expected)}`;
    for (const key of ['@timestamp', 'event', 'host', 'process']) expect(ours[key], `${where} ${key}`).toStrictEqual(expected[key]);
    const want = expected['beacon_stats'] as Record<string, unknown>;
    const got = ours['beacon_stats'] as Record<string, unknown>;
    expect(Object.keys(got).sort(), `${where}: beacon_stats fields`).toStrictEqual(Object.keys(want).sort());
    for (const [key, value] of Object.entries(want)) {
      if (key === 'destination_ips') continue;
      if (Array.isArray(value)) value.forEach((v, k) => sameBits((got[key] as unknown[])[k], v, `${where} ${key}[${k}]`));
      else sameBits(got[key], value, `${where} ${key}`);
    }
    if ('destination_ips' in want) {
      const exact = expected['exact_destination_ips'];
      if (exact !== undefined) expect(got['destination_ips'], `${where} exact destination_ips`).toStrictEqual(exact);
      else expect(new Set(got['destination_ips'] as string[]), `${where} destination_ips`).toStrictEqual(new Set(want['destination_ips'] as string[]));
    }
  });
}
