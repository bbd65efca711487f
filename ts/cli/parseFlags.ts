/**
 * Node's `parseArgs`, its errors made ours: one line, a usage error (exit
 * 2), pointing at the help. Its message for an unknown flag explains how to
 * pass a positional argument that starts with a dash, which is never what
 * happened here, and quotes unevenly: that one is said plainly.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

export function parseFlags<T extends ParseArgsConfig>(config: T, help: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new UsageError(`${unknown === null ? message : `unknown option ${unknown[1]}`} (see ${help})`);
  }
}
