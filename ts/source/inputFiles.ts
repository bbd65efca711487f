/**
 * The inputs of a scan: files, directories (walked recursively, in path
 * order, hidden entries skipped) and `-` for standard input.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';

export interface InputFile {
  /** A file path, or `-` for standard input. */
  readonly path: string;
  /** Whether the user named it, rather than it being found in a directory. */
  readonly named: boolean;
}

export const STDIN = '-';

export async function expandInputs(args: readonly string[]): Promise<InputFile[]> {
  if (args.length === 0) throw new InputError('no input given: name files, directories, or - for standard input');
  const files: InputFile[] = [];
  for (const arg of args) {
    if (arg === STDIN) {
      files.push({ path: STDIN, named: true });
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      throw new InputError(`cannot read input ${arg}: ${describeFsError(err as NodeJS.ErrnoException)}`, arg);
    }
    if (info.isDirectory()) {
      const found = await walk(arg);
      if (found.length === 0) throw new InputError(`input directory ${arg} holds no files`, arg);
      files.push(...found.map((path) => ({ path, named: false })));
    } else {
      files.push({ path: arg, named: true });
    }
  }
  return files;
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

function describeFsError(err: NodeJS.ErrnoException): string {
  return (err.code === undefined ? undefined : FS_ERRORS[err.code]) ?? err.message;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
