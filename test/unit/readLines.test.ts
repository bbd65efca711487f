/** `readLines`: plain or gzip by content, CRLF endings, a byte-order mark, a truncated gzip stream. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../ts/source/lineReader.js';

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
