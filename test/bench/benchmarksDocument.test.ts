/**
 * BENCHMARKS.md shows the measurements committed beside it: every table
 * that `node dist-bench/run.js --tables` makes from bench/results/*.json
 * stands in the document as it is printed, so neither can change alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../bench/tables.js';
import { REPO_ROOT } from '../support/paths.js';

const document = readFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), 'utf8');

describe('BENCHMARKS.md', () => {
  it.each(Object.keys(TABLES))('shows the %s tables of bench/results', (name) => {
    const result = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', `${name}.json`), 'utf8'));
    expect(result.profile).toBe('full');
    const tables = (TABLES[name] as (r: never) => string)(result as never)
      .split('\n\n')
      .filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(document).toContain(table);
  });
});
