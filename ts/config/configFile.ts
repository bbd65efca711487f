/**
 * The configuration file: `beaconwatch.config.json` in the working
 * directory, or the file `--config` names. Its top-level keys are the
 * settings of a scan, named as the long flags are (`group-by`, `allow-list`);
 * a section per command holds what only that command reads (`scan.out`,
 * `report.out`). Unknown keys are errors that name the key: a misspelt
 * setting must not be silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

export const CONFIG_FILE_NAME = 'beaconwatch.config.json';

/** The keys a file may hold. */
export interface ConfigSchema {
  /** Top-level keys: what every command that runs a scan reads. */
  readonly shared: readonly string[];
  /** One section per command, with its own keys. */
  readonly sections: Readonly<Record<string, readonly string[]>>;
}

export interface ConfigFile {
  /** The file's path as given, or the working directory's file. */
  readonly path: string;
  /** Relative paths inside the file are relative to this directory. */
  readonly dir: string;
  readonly shared: Readonly<Record<string, unknown>>;
  readonly sections: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The configuration in effect: the file `explicit` names (which must
 * exist), else the working directory's `beaconwatch.config.json` when there
 * is one, else none.
 */
export function findConfigFile(explicit: string | undefined, cwd: string, schema: ConfigSchema): ConfigFile | undefined {
  if (explicit !== undefined) return loadConfigFile(explicit, schema, cwd);
  const implicit = join(cwd, CONFIG_FILE_NAME);
  return existsSync(implicit) ? loadConfigFile(implicit, schema, cwd) : undefined;
}

/** Reads `path` (relative to `cwd`); errors name it as given. */
export function loadConfigFile(path: string, schema: ConfigSchema, cwd: string = process.cwd()): ConfigFile {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read configuration file (${(err as Error).message})`, 'config', path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message})`, 'config', path);
  }
  return parseConfig(json, path, schema, dirname(resolve(cwd, path)));
}

/** Checks a configuration document's keys against `schema`; `dir` is where its relative paths start. */
export function parseConfig(json: unknown, path: string, schema: ConfigSchema, dir: string): ConfigFile {
  if (!isObject(json)) throw new ConfigError('the configuration must be a JSON object of settings', 'config', path);
  const shared: Record<string, unknown> = {};
  const sections: Record<string, Record<string, unknown>> = {};
  const sectionNames = Object.keys(schema.sections);
  for (const [key, value] of Object.entries(json)) {
    const sectionKeys = Object.hasOwn(schema.sections, key) ? schema.sections[key] : undefined;
    if (sectionKeys !== undefined) {
      if (!isObject(value)) throw new ConfigError(`"${key}" must be an object of ${key} settings (known: ${sectionKeys.join(', ')})`, key, path);
      for (const inner of Object.keys(value)) {
        if (!sectionKeys.includes(inner)) throw new ConfigError(`unknown setting "${key}.${inner}" (known in ${key}: ${sectionKeys.join(', ')})`, `${key}.${inner}`, path);
      }
      sections[key] = value;
    } else if (schema.shared.includes(key)) {
      shared[key] = value;
    } else {
      throw new ConfigError(`unknown setting "${key}" (known: ${[...schema.shared, ...sectionNames].join(', ')})`, key, path);
    }
  }
  return { path, dir, shared, sections };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
