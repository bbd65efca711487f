/** `parseCsvFieldMap` and `loadCsvFieldMap`: the field map of a CSV flow export. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configError } from '../support/configError.js';
import { loadCsvFieldMap, parseCsvFieldMap, type CsvFieldMap } from '../../ts/decode/csvFieldMap.js';

const FILE = 'flows.map.json';

const FIELDS = { 'source.ip': 'SrcAddr', 'destination.ip': 'DstAddr', 'source.bytes': 'SrcBytes' };

/** A field map with `time` replaced by these settings. */
const withTime = (time: Record<string, unknown>): CsvFieldMap => parseCsvFieldMap({ time: { column: 'StartTime', ...time }, fields: FIELDS }, FILE);

/** The time parser of a map with this format (and offset). */
const parserOf = (format: string, utcOffset?: string) => withTime(utcOffset === undefined ? { format } : { format, utc_offset: utcOffset }).parseTime;

/** The setting, file and message of the ConfigError that parsing `json` throws. */
function failure(json: unknown): [string, string | undefined, string] {
  const err = configError(() => parseCsvFieldMap(json, FILE));
  return [err.setting, err.file, err.message];
}

const validTime = { column: 'StartTime', format: 'iso8601' };

describe('parseCsvFieldMap()', () => {
  it('reads a complete map', () => {
    const map = parseCsvFieldMap(
      { delimiter: ';', time: { column: 'StartTime', format: 'YYYY/MM/DD HH:mm:ss.SSS', utc_offset: '+00:00' }, fields: FIELDS },
      FILE,
    );
    expect(map.file).toBe(FILE);
    expect(map.delimiter).toBe(';');
    expect(map.timeColumn).toBe('StartTime');
    expect(map.fields).toEqual(FIELDS);
    expect(map.parseTime('2024/04/19 10:00:00.123')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
  });

  it('takes a comma by default, and delimiters of tabs or several characters', () => {
    expect(parseCsvFieldMap({ time: validTime, fields: {} }, FILE).delimiter).toBe(',');
    expect(parseCsvFieldMap({ delimiter: '\t', time: validTime, fields: {} }, FILE).delimiter).toBe('\t');
    expect(parseCsvFieldMap({ delimiter: '||', time: validTime, fields: {} }, FILE).delimiter).toBe('||');
  });

  it('accepts an empty fields object', () => {
    expect(parseCsvFieldMap({ time: validTime, fields: {} }, FILE).fields).toEqual({});
  });

  it('refuses a map that is not a JSON object', () => {
    for (const json of [[], null, 'map', 3]) {
      expect(failure(json), JSON.stringify(json)).toEqual(['field-map', FILE, `${FILE}: the field map must be a JSON object`]);
    }
  });

  it('refuses an unknown top-level key, naming it', () => {
    expect(failure({ time: validTime, fields: {}, colums: {} })).toEqual([
      'colums',
      FILE,
      `${FILE}: unknown key "colums" (known: delimiter, time, fields)`,
    ]);
  });

  it('refuses a bad delimiter', () => {
    for (const delimiter of ['', '"', ';"', 5, ['|']]) {
      expect(failure({ delimiter, time: validTime, fields: {} }), JSON.stringify(delimiter)).toEqual([
        'delimiter',
        FILE,
        `${FILE}: delimiter must be a non-empty string without quotes`,
      ]);
    }
  });

  it('refuses a missing time or one that is not an object', () => {
    for (const time of [undefined, 'StartTime', ['StartTime'], null]) {
      expect(failure({ time, fields: {} }), JSON.stringify(time)).toEqual(['time', FILE, `${FILE}: time must be an object with column and format`]);
    }
  });

  it('refuses an unknown time key, naming it', () => {
    expect(failure({ time: { ...validTime, zone: '+02:00' }, fields: {} })).toEqual([
      'time.zone',
      FILE,
      `${FILE}: unknown key "time.zone" (known: column, format, utc_offset)`,
    ]);
  });

  it('refuses a missing, empty or non-string time.column', () => {
    for (const column of [undefined, '', 3, ['StartTime']]) {
      expect(failure({ time: { format: 'iso8601', column }, fields: {} }), JSON.stringify(column)).toEqual([
        'time.column',
        FILE,
        `${FILE}: time.column must name the column holding the time`,
      ]);
    }
  });

  it('refuses fields that are missing or not an object', () => {
    for (const fields of [undefined, null, ['SrcAddr'], 'SrcAddr']) {
      expect(failure({ time: validTime, fields }), JSON.stringify(fields)).toEqual([
        'fields',
        FILE,
        `${FILE}: fields must map ECS field names to column names`,
      ]);
    }
  });

  it('refuses a field mapped to anything but a column name, naming the field', () => {
    for (const column of [3, null, '', ['SrcAddr'], { column: 'SrcAddr' }, true]) {
      expect(failure({ time: validTime, fields: { 'destination.ip': 'DstAddr', 'source.ip': column } }), JSON.stringify(column)).toEqual([
        'fields.source.ip',
        FILE,
        `${FILE}: fields.source.ip must name a column`,
      ]);
    }
  });

  it('refuses @timestamp in fields: the time comes from time', () => {
    expect(failure({ time: validTime, fields: { '@timestamp': 'StartTime' } })).toEqual([
      'fields.@timestamp',
      FILE,
      `${FILE}: the time comes from "time", not from "fields"`,
    ]);
  });

  it('refuses a missing or unknown time.format', () => {
    const message = `${FILE}: time.format must be iso8601, epoch_seconds, epoch_millis or a pattern such as "YYYY-MM-DD HH:mm:ss.SSS"`;
    for (const format of [undefined, '', 'epoch', 'ISO8601', 'HH:mm:ss', 'yyyy-MM-dd', 7, null]) {
      expect(failure({ time: { column: 'StartTime', format }, fields: {} }), JSON.stringify(format)).toEqual(['time.format', FILE, message]);
    }
  });

  it('refuses a pattern giving a part of the time twice', () => {
    expect(failure({ time: { column: 'T', format: 'YYYY-MM-DD YYYY' }, fields: {} })).toEqual([
      'time.format',
      FILE,
      `${FILE}: time.format gives YYYY more than once`,
    ]);
    expect(failure({ time: { column: 'T', format: 'YYYY-MM-DD HH:mm:ss.SSS SSS' }, fields: {} })).toEqual([
      'time.format',
      FILE,
      `${FILE}: time.format gives S more than once`,
    ]);
    expect(failure({ time: { column: 'T', format: 'YYYY-MM-DD HH:mm HH:mm' }, fields: {} })[0]).toBe('time.format');
  });

  it('refuses a bad utc_offset for a pattern', () => {
    const message = `${FILE}: time.utc_offset must be Z or +HH:MM / -HH:MM, at most 18:00`;
    for (const offset of ['+2', '02:00', '+0200', '+02:00:00', 'UTC', 'z', '', 2, '+19:00', '-18:01', '+05:60']) {
      expect(failure({ time: { column: 'T', format: 'YYYY-MM-DD', utc_offset: offset }, fields: {} }), JSON.stringify(offset)).toEqual([
        'time.utc_offset',
        FILE,
        message,
      ]);
    }
  });

  it('accepts offsets up to ±18:00', () => {
    expect(parserOf('YYYY-MM-DD', '+18:00')('2024-01-02')).toBe(Date.UTC(2024, 0, 1, 6));
    expect(parserOf('YYYY-MM-DD', '-18:00')('2024-01-02')).toBe(Date.UTC(2024, 0, 2, 18));
  });

  it('checks the top-level keys before the values', () => {
    expect(failure({ delimiter: '', time: 3, extra: 1 })[0]).toBe('extra');
  });
});

describe('CsvFieldMap.parseTime() with iso8601', () => {
  const parse = parserOf('iso8601');

  it('reads ISO 8601 times, UTC without an offset', () => {
    expect(parse('2024-04-19T10:00:00.123Z')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
    expect(parse('2024-04-19T12:00:00.123+02:00')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
    expect(parse('2024-04-19 10:00:00')).toBe(Date.UTC(2024, 3, 19, 10));
    expect(parse(' 2024-04-19T10:00:00.123456789Z ')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
  });

  it('gives undefined for malformed or impossible times', () => {
    for (const text of ['', 'yesterday', '2024-04-19T10:00:00Zx', '2023-02-29T00:00:00Z', '2024-04-19T24:00:00Z']) {
      expect(parse(text), text).toBeUndefined();
    }
  });
});

describe('CsvFieldMap.parseTime() with epoch_seconds', () => {
  const parse = parserOf('epoch_seconds');

  it('reads the exact digits, fractions truncated to milliseconds', () => {
    expect(parse('1713484795.943239')).toBe(1_713_484_795_943);
    expect(parse('1713484795.9999999')).toBe(1_713_484_795_999);
    expect(parse('1713484795')).toBe(1_713_484_795_000);
    expect(parse('1713484795.9')).toBe(1_713_484_795_900);
    expect(parse(' 1713484795.943 ')).toBe(1_713_484_795_943);
    expect(parse('0')).toBe(0);
    expect(parse('-1.5')).toBe(-1500);
  });

  it('gives undefined for malformed cells', () => {
    for (const text of ['', '-', 'abc', '1713484795.', '1.7e9', '1713484795,943', '0x10']) {
      expect(parse(text), text).toBeUndefined();
    }
  });
});

describe('CsvFieldMap.parseTime() with epoch_millis', () => {
  const parse = parserOf('epoch_millis');

  it('reads whole milliseconds', () => {
    expect(parse('1713484795943')).toBe(1_713_484_795_943);
    expect(parse(' 1713484795943 ')).toBe(1_713_484_795_943);
    expect(parse('0')).toBe(0);
    expect(parse('-1000')).toBe(-1000);
  });

  it('gives undefined for fractions, exponents, words and too many digits', () => {
    for (const text of ['', '-', '1713484795943.5', '1.7e12', 'now', '12345678901234567']) {
      expect(parse(text), text).toBeUndefined();
    }
  });
});

describe('CsvFieldMap.parseTime() with a pattern', () => {
  it('reads Argus times, six fraction digits truncated to milliseconds', () => {
    const parse = parserOf('YYYY/MM/DD HH:mm:ss.SSSSSS');
    expect(parse('2024/04/19 10:00:00.123456')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
    expect(parse('2024/04/19 10:00:00.999999')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 999));
    expect(parse('  2024/04/19 23:59:59.000001 ')).toBe(Date.UTC(2024, 3, 19, 23, 59, 59, 0));
  });

  it('takes any number of fraction digits for S', () => {
    const parse = parserOf('YYYY/MM/DD HH:mm:ss.SSS');
    expect(parse('2024/04/19 10:00:00.1')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 100));
    expect(parse('2024/04/19 10:00:00.123456')).toBe(Date.UTC(2024, 3, 19, 10, 0, 0, 123));
    expect(parse('2024/04/19 10:00:00.')).toBeUndefined();
    expect(parse('2024/04/19 10:00:00')).toBeUndefined();
  });

  it('reads day-first times, dots literal', () => {
    const parse = parserOf('DD.MM.YYYY HH:mm:ss');
    expect(parse('19.04.2024 10:05:07')).toBe(Date.UTC(2024, 3, 19, 10, 5, 7));
    expect(parse('01.12.1999 00:00:00')).toBe(Date.UTC(1999, 11, 1));
    // `.` is a literal dot, not any character.
    expect(parse('19-04-2024 10:05:07')).toBeUndefined();
    expect(parse('19x04x2024 10:05:07')).toBeUndefined();
  });

  it('shifts by utc_offset', () => {
    expect(parserOf('YYYY/MM/DD HH:mm:ss.SSSSSS', '+02:00')('2024/04/19 10:00:00.123456')).toBe(Date.UTC(2024, 3, 19, 8, 0, 0, 123));
    expect(parserOf('DD.MM.YYYY HH:mm:ss', '+02:00')('19.04.2024 01:00:00')).toBe(Date.UTC(2024, 3, 18, 23));
    expect(parserOf('DD.MM.YYYY HH:mm:ss', '-05:30')('19.04.2024 10:00:00')).toBe(Date.UTC(2024, 3, 19, 15, 30));
    expect(parserOf('DD.MM.YYYY HH:mm:ss', 'Z')('19.04.2024 10:00:00')).toBe(Date.UTC(2024, 3, 19, 10));
    expect(parserOf('DD.MM.YYYY HH:mm:ss', '+00:00')('19.04.2024 10:00:00')).toBe(Date.UTC(2024, 3, 19, 10));
  });

  it('takes the first of a month, day or hour the pattern leaves out', () => {
    expect(parserOf('YYYY-MM-DD')('2024-04-19')).toBe(Date.UTC(2024, 3, 19));
    expect(parserOf('YYYY-MM')('2024-04')).toBe(Date.UTC(2024, 3, 1));
    expect(parserOf('YYYY-MM-DD HH:mm')('2024-04-19 10:05')).toBe(Date.UTC(2024, 3, 19, 10, 5));
  });

  it('reads compact patterns and literal regex characters', () => {
    expect(parserOf('YYYYMMDDHHmmss')('20240419100507')).toBe(Date.UTC(2024, 3, 19, 10, 5, 7));
    expect(parserOf('YYYY-MM-DDTHH:mm:ss')('2024-04-19T10:05:07')).toBe(Date.UTC(2024, 3, 19, 10, 5, 7));
    expect(parserOf('[YYYY-MM-DD] (HH:mm:ss)+')('[2024-04-19] (10:05:07)+')).toBe(Date.UTC(2024, 3, 19, 10, 5, 7));
    expect(parserOf('[YYYY-MM-DD] (HH:mm:ss)+')('[2024-04-19] (10:05:07)')).toBeUndefined();
  });

  it('gives undefined for malformed cells', () => {
    const parse = parserOf('YYYY-MM-DD HH:mm:ss');
    for (const text of ['', '-', '2024-04-19', '2024-4-19 10:00:00', '2024-04-19 10:00:00Z', '2024-04-19 10:00:00+02:00', 'x2024-04-19 10:00:00']) {
      expect(parse(text), text).toBeUndefined();
    }
  });

  it('gives undefined for impossible dates and times', () => {
    const parse = parserOf('YYYY-MM-DD HH:mm:ss');
    for (const text of ['2023-02-29 00:00:00', '2024-04-31 00:00:00', '2024-13-01 00:00:00', '2024-00-10 00:00:00', '2024-04-00 00:00:00', '2024-04-19 24:00:00', '2024-04-19 10:60:00', '2024-04-19 10:00:60']) {
      expect(parse(text), text).toBeUndefined();
    }
    expect(parse('2024-02-29 00:00:00')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('loadCsvFieldMap()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beaconwatch-csvmap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a map from a file, naming the file', () => {
    const path = join(dir, 'argus.json');
    writeFileSync(path, JSON.stringify({ delimiter: ',', time: { column: 'StartTime', format: 'epoch_seconds' }, fields: FIELDS }));
    const map = loadCsvFieldMap(path);
    expect([map.file, map.delimiter, map.timeColumn]).toEqual([path, ',', 'StartTime']);
    expect(map.fields).toEqual(FIELDS);
    expect(map.parseTime('1713484795.943239')).toBe(1_713_484_795_943);
  });

  it('names a file it cannot read', () => {
    const path = join(dir, 'missing.json');
    const err = configError(() => loadCsvFieldMap(path));
    expect([err.setting, err.file]).toEqual(['field-map', path]);
    expect(err.message.startsWith(`${path}: cannot read the CSV field map (`)).toBe(true);
    expect(err.message).toContain('ENOENT');
  });

  it('names a file that is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"time": ');
    const err = configError(() => loadCsvFieldMap(path));
    expect([err.setting, err.file]).toEqual(['field-map', path]);
    expect(err.message.startsWith(`${path}: cannot read the CSV field map (`)).toBe(true);
  });

  it('names the file and the setting of a bad value', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ time: { column: 'StartTime', format: 'YYYY-MM-DD', utc_offset: '2' }, fields: {} }));
    const err = configError(() => loadCsvFieldMap(path));
    expect([err.setting, err.file, err.message]).toEqual([
      'time.utc_offset',
      path,
      `${path}: time.utc_offset must be Z or +HH:MM / -HH:MM, at most 18:00`,
    ]);
  });
});

describe('utc_offset with a format that carries its own zone', () => {
  it('is refused rather than ignored', () => {
    for (const format of ['iso8601', 'epoch_seconds', 'epoch_millis']) {
      expect(() => parseCsvFieldMap({ time: { column: 'T', format, utc_offset: '+02:00' }, fields: {} }, 'map.json')).toThrow(
        `map.json: time.utc_offset applies to time patterns only, not to ${format}`,
      );
    }
  });
});
