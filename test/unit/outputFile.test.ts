/**
 * Output files: their place refused before any work, with the flag and the
 * reason; written whole or not at all, errors naming the file asked for.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../ts/errors.js';
import { checkOutputPath, writeFileWhole, writeTextWhole } from '../../ts/sink/outputFile.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'beaconwatch-out-'));

function refusal(path: string): ConfigError {
  try {
    checkOutputPath(path, 'out');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`${path} was accepted`);
}

describe('checkOutputPath', () => {
  it('accepts a new or existing file in a directory that exists', () => {
    const dir = freshDir();
    expect(() => checkOutputPath(join(dir, 'new.ndjson'), 'out')).not.toThrow();
    writeFileSync(join(dir, 'old.ndjson'), 'x');
    expect(() => checkOutputPath(join(dir, 'old.ndjson'), 'out')).not.toThrow();
  });

  it('refuses a missing directory, a file as directory, and a directory as file, naming the flag', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'plain'), 'x');
    mkdirSync(join(dir, 'sub'));
    expect(refusal(join(dir, 'nowhere', 'r.html')).message).toBe(`--out ${join(dir, 'nowhere', 'r.html')}: cannot write there (its directory ${join(dir, 'nowhere')} does not exist)`);
    expect(refusal(join(dir, 'plain', 'r.html')).message).toContain(`(${join(dir, 'plain')} is not a directory)`);
    expect(refusal(join(dir, 'sub')).message).toContain('(it is a directory)');
    expect(refusal(join(dir, 'sub')).setting).toBe('out');
  });
});

describe('writeFileWhole', () => {
  it('writes the whole file and leaves nothing beside it', async () => {
    const dir = freshDir();
    await writeTextWhole(join(dir, 'a.txt'), 'one\ntwo\n');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('keeps the old file and leaves no partial one when writing fails', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'a.txt'), 'old');
    const failure = writeFileWhole(join(dir, 'a.txt'), async (stream) => {
      stream.write('half');
      throw new Error('the scan failed');
    });
    await expect(failure).rejects.toThrow('the scan failed');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('names the file asked for, not the temporary one, when the system refuses it', async () => {
    const dir = freshDir();
    const path = join(dir, 'gone', 'a.txt');
    const failure = writeTextWhole(path, 'x');
    await expect(failure).rejects.toThrow(InputError);
    await expect(failure).rejects.toThrow(`cannot write ${path}: its directory does not exist`);
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });
});
