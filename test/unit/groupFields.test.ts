/** `parseGroupFields`: `--group-by` fields that nest into one result document. */
import { describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { ConfigError } from '../../ts/errors.js';
import { parseGroupFields } from '../../ts/group/groupFields.js';

const configErrorOf = (text: string): ConfigError => configError(() => parseGroupFields(text));

describe('parseGroupFields()', () => {
  it('splits on commas and trims each name', () => {
    expect(parseGroupFields('host.name,process.name')).toEqual(['host.name', 'process.name']);
    expect(parseGroupFields(' host.name , process.name ')).toEqual(['host.name', 'process.name']);
    expect(parseGroupFields('source.ip')).toEqual(['source.ip']);
  });

  it('accepts sibling and similar-looking names', () => {
    expect(parseGroupFields('host.name,host.ip')).toEqual(['host.name', 'host.ip']);
    expect(parseGroupFields('hostname,host')).toEqual(['hostname', 'host']);
    expect(parseGroupFields('event.id,event.dataset')).toEqual(['event.id', 'event.dataset']);
  });

  it('refuses a field and a field under it', () => {
    for (const text of ['host,host.name', 'host.name,host', 'a,a.b.c']) {
      const err = configErrorOf(text);
      expect(err.setting).toBe('group-by');
      expect(err.message, text).toMatch(/^--group-by field \S+ collides with \S+ in the result document$/);
    }
    expect(configErrorOf('host,host.name').message).toBe('--group-by field host collides with host.name in the result document');
  });

  it('refuses the names the result document sets itself', () => {
    expect(configErrorOf('@timestamp').message).toBe('--group-by field @timestamp collides with @timestamp in the result document');
    const collision = (a: string, b: string) => `--group-by field ${a} collides with ${b} in the result document`;
    expect(configErrorOf('host.name,event.ingested').message).toBe(collision('event.ingested', 'event.ingested'));
    expect(configErrorOf('event').message).toBe(collision('event', 'event.ingested'));
    expect(configErrorOf('beacon_stats.score').message).toBe(collision('beacon_stats.score', 'beacon_stats'));
    expect(configErrorOf('beaconwatch').message).toBe(collision('beaconwatch', 'beaconwatch'));
    expect(configErrorOf('event.ingested.day').message).toBe(collision('event.ingested.day', 'event.ingested'));
  });

  it('refuses a field named twice', () => {
    expect(configErrorOf('host.name,host.name').message).toBe('--group-by names a field twice ("host.name,host.name")');
    expect(configErrorOf('a, a').message).toBe('--group-by names a field twice ("a, a")');
  });

  it('refuses empty names and stray dots', () => {
    for (const text of ['', ' ', 'a,,b', ',a', 'a,', '.a', 'a.', 'a..b']) {
      expect(configErrorOf(text).message, text).toBe(`--group-by takes field names separated by commas (got "${text}")`);
    }
  });
});
