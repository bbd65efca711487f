/**
 * A command's settings, from its flags and the configuration file, flags
 * winning. Each value remembers where it came from, so that an error names
 * the flag (`--top`) or the key and file (`beaconwatch.config.json:
 * scan.top`), and a relative path in the file is read relative to the file.
 */
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigFile } from './configFile.js';

export interface Setting {
  readonly value: unknown;
  /** `--top` for a flag, `scan.top` for a key of the configuration file. */
  readonly name: string;
  /** The configuration file the value came from. */
  readonly file?: string;
  /** Relative paths are relative to this directory: the file's, or the working directory for flags. */
  readonly dir: string;
}

export interface MergeRequest {
  readonly command: string;
  /** Flag values by long name, as parsed (absent flags undefined). */
  readonly flags: Readonly<Record<string, unknown>>;
  readonly config: ConfigFile | undefined;
  readonly cwd: string;
  /**
   * Settings that only make sense together (the window: `now`, or `from`,
   * `to` and `every`): when the command line gives any of a set, the file's
   * values for that set are ignored, so the two never mix.
   */
  readonly linked?: readonly (readonly string[])[];
}

export class Settings {
  private constructor(private readonly values: ReadonlyMap<string, Setting>) {}

  static merge(request: MergeRequest): Settings {
    const { command, flags, config, cwd } = request;
    const values = new Map<string, Setting>();
    if (config !== undefined) {
      const fromFile = (entries: Readonly<Record<string, unknown>>, prefix: string) => {
        for (const [key, value] of Object.entries(entries)) {
          if (value !== undefined) values.set(key, { value, name: `${prefix}${key}`, file: config.path, dir: config.dir });
        }
      };
      fromFile(config.shared, '');
      fromFile(config.sections[command] ?? {}, `${command}.`);
      for (const set of request.linked ?? []) {
        if (set.some((key) => flags[key] !== undefined)) for (const key of set) values.delete(key);
      }
    }
    for (const [key, value] of Object.entries(flags)) {
      if (value !== undefined) values.set(key, { value, name: `--${key}`, dir: cwd });
    }
    return new Settings(values);
  }

  get(key: string): Setting | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** A text setting; the file may hold a string only. */
  text(key: string): string | undefined {
    const s = this.values.get(key);
    if (s === undefined) return undefined;
    return typeof s.value === 'string' ? s.value : invalid(s, 'a string');
  }

  /** A path, resolved against the configuration file's directory when it came from there; `-` stays `-`. */
  path(key: string): string | undefined {
    const s = this.values.get(key);
    const text = this.text(key);
    return text === undefined || s === undefined ? undefined : resolvePath(s, text);
  }

  /** A whole number in `[min, max]`; the file may hold a number or a numeric string. */
  wholeNumber(key: string, min: number, max: number, what: string): number | undefined {
    const s = this.values.get(key);
    if (s === undefined) return undefined;
    const n = typeof s.value === 'number' ? s.value : typeof s.value === 'string' && s.value.trim() !== '' ? Number(s.value) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : invalid(s, what);
  }

  /** One of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const s = this.values.get(key);
    if (s === undefined) return undefined;
    return allowed.includes(s.value as T) ? (s.value as T) : invalid(s, `one of ${allowed.join(', ')}`);
  }

  /** A switch: a flag given, or `true`/`false` in the file. */
  flag(key: string): boolean {
    const s = this.values.get(key);
    if (s === undefined) return false;
    return typeof s.value === 'boolean' ? s.value : invalid(s, 'true or false');
  }
}

/** `path` as written in `setting`'s source: relative to the configuration file's directory for the file's values. */
export function resolvePath(setting: Setting, path: string): string {
  if (setting.file === undefined || path === '-' || isAbsolute(path)) return path;
  return resolve(setting.dir, path);
}

/** The error for an unusable value: `--top must be a whole number (got "x")`, or the same naming the key and file. */
export function invalid(setting: Setting, what: string): never {
  const got = setting.file === undefined ? `"${String(setting.value)}"` : JSON.stringify(setting.value);
  throw new ConfigError(`${setting.name} must be ${what} (got ${got})`, setting.name.replace(/^--/, ''), setting.file);
}

/**
 * Runs `read` on a setting's value; a configuration error it throws about a
 * value from the file is re-thrown naming the key and the file.
 */
export function fromSetting<T>(setting: Setting, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ConfigError) || setting.file === undefined || err.file !== undefined) throw err;
    throw new ConfigError(`${setting.name}: ${err.message}`, err.setting, setting.file);
  }
}
