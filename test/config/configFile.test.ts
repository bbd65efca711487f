/** `findConfigFile`, `loadConfigFile`, `parseConfig`: the configuration file found and its keys checked. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, findConfigFile, loadConfigFile, parseConfig, type ConfigSchema } from '../../ts/config/configFile.js';
import { configError } from '../support/configError.js';

const SCHEMA: ConfigSchema = { shared: ['inputs', 'format', 'top-level'], sections: { scan: ['out', 'top'], report: ['out'] } };

const freshDir = () => mkdtempSync(join(tmpdir(), 'beaconwatch-config-'));

describe('parseConfig()', () => {
  it('splits the shared settings from the sections of each command', () => {
    const config = parseConfig({ inputs: ['a.log'], format: 'zeek', scan: { out: 'r.ndjson' }, report: { out: 'r.html' } }, 'c.json', SCHEMA, '/data');
    expect(config).toEqual({ path: 'c.json', dir: '/data', shared: { inputs: ['a.log'], format: 'zeek' }, sections: { scan: { out: 'r.ndjson' }, report: { out: 'r.html' } } });
  });

  it('rejects an unknown key, naming it and the known ones', () => {
    const err = configError(() => parseConfig({ formt: 'zeek' }, 'c.json', SCHEMA, '/'));
    expect(err.message).toBe('c.json: unknown setting "formt" (known: inputs, format, top-level, scan, report)');
    expect(err.setting).toBe('formt');
    expect(err.file).toBe('c.json');
  });

  it('rejects an unknown key of a section, naming it with its section', () => {
    const err = configError(() => parseConfig({ scan: { out: 'x', tops: 3 } }, 'c.json', SCHEMA, '/'));
    expect(err.message).toBe('c.json: unknown setting "scan.tops" (known in scan: out, top)');
    expect(err.setting).toBe('scan.tops');
  });

  it('rejects a section that is no object, and a document that is no object', () => {
    expect(configError(() => parseConfig({ scan: 'fast' }, 'c.json', SCHEMA, '/')).message).toBe('c.json: "scan" must be an object of scan settings (known: out, top)');
    expect(configError(() => parseConfig(['format'], 'c.json', SCHEMA, '/')).message).toBe('c.json: the configuration must be a JSON object of settings');
  });

  it('does not take a shared key inside a section', () => {
    expect(configError(() => parseConfig({ scan: { format: 'zeek' } }, 'c.json', SCHEMA, '/')).setting).toBe('scan.format');
  });
});

describe('findConfigFile()', () => {
  it('reads beaconwatch.config.json from the working directory when no file is named', () => {
    const dir = freshDir();
    expect(findConfigFile(undefined, dir, SCHEMA)).toBeUndefined();
    writeFileSync(join(dir, CONFIG_FILE_NAME), '{"format": "zeek"}');
    expect(findConfigFile(undefined, dir, SCHEMA)).toMatchObject({ path: join(dir, CONFIG_FILE_NAME), dir, shared: { format: 'zeek' } });
  });

  it('reads a named file relative to the working directory, and takes its directory for relative paths', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'team.json'), '{"format": "ecs"}');
    writeFileSync(join(dir, CONFIG_FILE_NAME), '{"format": "zeek"}');
    expect(findConfigFile('conf/team.json', dir, SCHEMA)).toMatchObject({ path: 'conf/team.json', dir: join(dir, 'conf'), shared: { format: 'ecs' } });
  });

  it('fails on a named file that is missing or not JSON, naming it', () => {
    const dir = freshDir();
    expect(configError(() => findConfigFile('nope.json', dir, SCHEMA)).message).toMatch(/^nope\.json: cannot read configuration file \(ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{"format": zeek}');
    const bad = configError(() => loadConfigFile('bad.json', SCHEMA, dir));
    expect(bad.message).toMatch(/^bad\.json: not valid JSON/);
    expect(bad.setting).toBe('config');
  });
});
