/** `readLines`: plain or gzip by content, CRLF endings, a byte-order mark, a truncated gzip stream. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLineRange, readLines } from '../../ts/source/lineReader.js';

const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-lines-'));

async function linesOf(name: string, content: string | Buffer): Promise<string[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const out: string[] = [];
  for await (const line of readLines(path)) out.push(line);
  return out;
}

describe('readLines()', () => {
  it('reads plain text with \\n and \\r\\n endings, a last line without one', async () => {
    expect(await linesOf('a.txt', 'one\r\ntwo\nthree')).toEqual(['one', 'two', 'three']);
  });

  it('drops a byte-order mark from the first line only', async () => {
    expect(await linesOf('bom.csv', '\uFEFFTime,Src\n\uFEFFx,y\n')).toEqual(['Time,Src', '\uFEFFx,y']);
  });

  it('decompresses gzip whatever the file is called', async () => {
    expect(await linesOf('conn.log', gzipSync('a\tb\nc\td\n'))).toEqual(['a\tb', 'c\td']);
  });

  it('yields an empty file as no lines', async () => {
    expect(await linesOf('empty', '')).toEqual([]);
  });

  it('throws where a gzip stream is cut short, after the lines before the cut', async () => {
    const whole = gzipSync(Array.from({ length: 20000 }, (_, i) => `line ${i}`).join('\n'));
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const got: string[] = [];
    const read = async () => {
      for await (const line of readLines(join(dir, 'cut.gz'))) got.push(line);
    };
    writeFileSync(join(dir, 'cut.gz'), cut);
    await expect(read()).rejects.toThrow(/unexpected end of file/);
    expect(got.length).toBeGreaterThan(1000);
    expect(got[0]).toBe('line 0');
  });
});

describe('readLineRange()', () => {
  it('gives every line exactly once over any tiling of the file, CRLF and a BOM included', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `record ${i} ${'x'.repeat(i % 37)} é`);
    const content = `\uFEFF${lines.join('\r\n')}`;
    const path = join(dir, 'tiled.txt');
    writeFileSync(path, content);
    const size = Buffer.byteLength(content);
    for (const step of [1, 7, 64, 1000, size]) {
      const got: string[] = [];
      for (let start = 0; start < size; start += step) {
        for await (const line of readLineRange(path, start, Math.min(size, start + step))) got.push(line);
      }
      expect(got, `step ${step}`).toEqual(lines);
    }
  });

  it('gives a range inside one line nothing, and the line to the range holding its first byte', async () => {
    const path = join(dir, 'three.txt');
    writeFileSync(path, 'aaaa\nbbbb\ncccc\n');
    const range = async (start: number, end: number) => {
      const got: string[] = [];
      for await (const line of readLineRange(path, start, end)) got.push(line);
      return got;
    };
    expect(await range(1, 4)).toEqual([]);
    expect(await range(0, 1)).toEqual(['aaaa']);
    expect(await range(5, 6)).toEqual(['bbbb']);
    expect(await range(4, 5)).toEqual([]);
    expect(await range(6, 15)).toEqual(['cccc']);
  });
});
