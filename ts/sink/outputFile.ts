/**
 * Files the commands write. Their place is checked before any work, so a
 * long scan does not end in a failure to write; each is written beside its
 * final name and renamed into place once complete, so a reader never sees
 * half a file and a failed run leaves none behind. Errors name the file
 * asked for, never the temporary one.
 */
import { once } from 'node:events';
import { accessSync, constants, createWriteStream, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { ConfigError, InputError } from '../errors.js';

/** Stops with the flag named when `path` cannot be written: no directory, a directory itself, no permission. */
export function checkOutputPath(path: string, flag: string): void {
  const dir = dirname(resolve(path));
  const problem = ((): string | undefined => {
    const place = statSync(dir, { throwIfNoEntry: false });
    if (place === undefined) return `its directory ${dir} does not exist`;
    if (!place.isDirectory()) return `${dir} is not a directory`;
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) return 'it is a directory';
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      return `no permission to write in ${dir}`;
    }
    return undefined;
  })();
  if (problem !== undefined) throw new ConfigError(`--${flag} ${path}: cannot write there (${problem})`, flag);
}

/** Writes `path` through `write`, whole or not at all. */
export async function writeFileWhole(path: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  const stream = createWriteStream(partial);
  // The stream's failure (it cannot open, the disk is full) ends whatever step is waiting.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    await Promise.race([write(stream), failed]);
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    await rename(partial, path);
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new InputError(`cannot write ${path}: ${REASONS[code] ?? (err as Error).message.replaceAll(partial, path)}`, path);
  }
}

/** `text` as the whole of `path`. */
export function writeTextWhole(path: string, text: string): Promise<void> {
  return writeFileWhole(path, async (stream) => {
    if (!stream.write(text)) await once(stream, 'drain');
  });
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
};
