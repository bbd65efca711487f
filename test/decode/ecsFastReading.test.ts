/**
 * The fast reading of ECS lines gives the same events as JSON.parse and
 * `readField`, on every golden input, on generated traffic, and on lines
 * broken or bent at random (where it must decline rather than differ).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EcsNdjsonDecoder } from '../../ts/decode/ecsNdjson.js';
import { ECS_FIELDS_READ } from '../../ts/decode/ecsFields.js';
import { EcsLineScanner } from '../../ts/decode/ecsLineScanner.js';
import { readField } from '../../ts/decode/fieldPath.js';
import type { DecodedLine } from '../../ts/decode/networkEvent.js';
import { ecsLine } from '../../ts/source/generatedLines.js';
import { generateConnections } from '../../ts/source/trafficGenerator.js';
import { populationTalkers } from '../../ts/source/trafficSources.js';
import { SeededRandom } from '../support/seededRandom.js';
import { GOLDEN_DIR } from '../support/paths.js';

const GROUP_FIELDS = ['host.name', 'process.name', 'source.port', 'network.transport'];
const fast = new EcsNdjsonDecoder(GROUP_FIELDS);
const general = new EcsNdjsonDecoder();

/** A decoded line with its fields read as a scan reads them, comparable across readings. */
function comparable(d: DecodedLine): unknown {
  if (d.type !== 'event') return d;
  const { fields, ...event } = d.event;
  return { ...event, read: [...ECS_FIELDS_READ, ...GROUP_FIELDS].map((f) => readField(fields, f)) };
}

function expectSameReading(line: string): void {
  expect(comparable(fast.decode(line)), line).toEqual(comparable(general.decode(line)));
}

const goldenLines = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.events.ndjson'))
  .flatMap((f) => readFileSync(join(GOLDEN_DIR, f), 'utf8').split('\n').filter((l) => l !== ''));

describe('the fast reading of ECS lines', () => {
  it('agrees with JSON.parse on every golden input, without declining them', () => {
    const scanner = new EcsLineScanner([...ECS_FIELDS_READ, ...GROUP_FIELDS]);
    expect(goldenLines.length).toBeGreaterThan(20_000);
    for (const line of goldenLines) {
      expect(scanner.scan(line), line).toBeDefined();
      expectSameReading(line);
    }
  });

  it('agrees on generated traffic', () => {
    const talkers = populationTalkers({ hosts: 30, processesPerHost: 3, beaconEvery: 4, periodsSeconds: [60], jitter: 0.1, byteJitter: 0.1, dropRate: 0, noisePerHour: 60 });
    for (const c of generateConnections({ seed: 3, startMs: 0, endMs: 3_600_000, talkers, limit: 3000 })) expectSameReading(ecsLine(c, true));
  });

  it('agrees on the shapes ECS allows: dotted keys, arrays, nesting, numbers as text', () => {
    const lines = [
      '{"@timestamp":"2026-11-30T11:00:00Z","host.name":"a","process":{"name":"p.exe"},"source.ip":"10.0.0.1","destination":{"ip":["9.9.9.9","1.1.1.1"]}}',
      '{"@timestamp":["2026-11-30T11:00:00Z","2026-11-30T10:00:00Z"],"host":{"name":["a","b"]},"process.name":"p","source":{"bytes":"12"}}',
      ' { "@timestamp" : 1764500000000 , "event" : { "category" : [ "network" ] , "id" : 7 } , "host" : { "name" : "h" } } ',
      '{"@timestamp":"2026-11-30T11:00:00Z","source":{"bytes":1.5e2,"ip":"::ffff:10.0.0.1"},"destination":{"bytes":-0}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","host":"not an object","process":{"name":null},"event":{"action":true}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","extra":{"deep":[{"a":[1,{"b":null}]}]},"host":{"name":"x"}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","host":{"name":"a"},"host":{"id":"b"}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","host.name":"a","host":{"name":"b"}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","host":[{"name":"a"},{"name":"b"}]}',
      '{"@timestamp":"2026-11-30T11:00:00Z","process":{"name":"say \\"hi\\".exe"}}',
      '{"@timestamp":"2026-11-30T11:00:00Z","event":{"category":[["network"]]}}',
      '{}',
      '[1,2]',
      '{"@timestamp":"2026-11-30T11:00:00Z"} trailing',
    ];
    for (const line of lines) expectSameReading(line);
  });

  it('declines or agrees on lines broken at random', () => {
    const r = new SeededRandom(99);
    const bends = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', 'e', '.', 't', 'n', '\u0001', 'é'];
    for (let k = 0; k < 20_000; k++) {
      const line = goldenLines[r.below(goldenLines.length)] as string;
      const at = r.below(line.length);
      const cut = r.next();
      const bent =
        cut < 0.4
          ? line.slice(0, at) + line.slice(at + 1)
          : cut < 0.8
            ? line.slice(0, at) + r.pick(bends) + line.slice(at)
            : line.slice(0, at) + line.slice(at).replace(/"host"/, '"host":{"id":1},"host"');
      expectSameReading(bent);
    }
  });
});
