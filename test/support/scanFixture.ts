/** Runs scans over small inputs written to a fresh temporary directory. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineKind } from '../../ts/engine/scoringEngine.js';
import { DEFAULT_FILTERS, NO_FILTERS } from '../../ts/filter/filterConfig.js';
import { DEFAULT_PARAMS } from '../../ts/params/beaconParams.js';
import { runScan, type ScanOptions, type ScanOutcome } from '../../ts/scan/scanRun.js';
import { resultDocument } from '../../ts/sink/resultDocument.js';

export type Doc = Record<string, any>;

/** Writes `files` (name -> content) into a new temporary directory; returns its path. */
export function writeFixture(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The result documents of an outcome, as they would be written (JSON round trip). */
export function documents(outcome: ScanOutcome): Doc[] {
  return outcome.results.map(
    (r) => JSON.parse(JSON.stringify(resultDocument(r, outcome.groupFields, outcome.windows[r.window] as never))) as Doc,
  );
}

export async function scan(inputs: string[], engine: EngineKind, overrides: Partial<ScanOptions> = {}): Promise<{ outcome: ScanOutcome; docs: Doc[] }> {
  const outcome = await runScan({
    inputs,
    format: 'auto',
    params: DEFAULT_PARAMS,
    filters: DEFAULT_FILTERS,
    windows: {},
    engine,
    zeekBytes: 'ip',
    ...overrides,
  });
  return { outcome, docs: documents(outcome) };
}

export { NO_FILTERS };

/** An ECS connection event as Elastic Defend writes it, with overrides merged in. */
export function ecsEvent(ts: string, overrides: Doc = {}): Doc {
  const base: Doc = {
    '@timestamp': ts,
    event: { category: ['network'], action: 'disconnect_received' },
    host: { name: 'ws-1' },
    process: { name: 'implant.exe' },
    source: { ip: '10.0.0.5', port: 50000, bytes: 500 },
    destination: { ip: '93.184.216.34', port: 443, bytes: 1500 },
  };
  return deepMerge(base, overrides);
}

function deepMerge(a: Doc, b: Doc): Doc {
  const out: Doc = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = typeof v === 'object' && v !== null && !Array.isArray(v) && typeof a[k] === 'object' && a[k] !== null ? deepMerge(a[k], v) : v;
  }
  return out;
}

export const ndjson = (docs: readonly Doc[]): string => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

/** `n` ISO times `stepSeconds` apart, the last `endOffsetSeconds` before `end`. */
export function timesBefore(end: string, n: number, stepSeconds: number, endOffsetSeconds = 5): string[] {
  const endMs = Date.parse(end);
  return Array.from({ length: n }, (_, i) => new Date(endMs - (endOffsetSeconds + (n - 1 - i) * stepSeconds) * 1000).toISOString());
}
