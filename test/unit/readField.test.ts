/** `readField`: an ECS field by its dotted name, whatever mix of nesting and dotted keys. */
import { describe, expect, it } from 'vitest';
import { readField } from '../../ts/decode/fieldPath.js';

describe('readField()', () => {
  it('reads a nested field', () => {
    expect(readField({ host: { name: 'a' } }, 'host.name')).toEqual(['a']);
    expect(readField({ a: { b: { c: 1 } } }, 'a.b.c')).toEqual([1]);
  });

  it('reads a dotted key', () => {
    expect(readField({ 'host.name': 'a' }, 'host.name')).toEqual(['a']);
    expect(readField({ '@timestamp': 't' }, '@timestamp')).toEqual(['t']);
  });

  it('reads any mix of nesting and dotted keys', () => {
    expect(readField({ a: { 'b.c': 1 } }, 'a.b.c')).toEqual([1]);
    expect(readField({ 'a.b': { c: 2 } }, 'a.b.c')).toEqual([2]);
    expect(readField({ 'a.b.c': 3 }, 'a.b.c')).toEqual([3]);
  });

  it('collects every spelling present, the shorter key first', () => {
    expect(readField({ 'host.name': 'dotted', host: { name: 'nested' } }, 'host.name')).toEqual(['nested', 'dotted']);
  });

  it('flattens arrays of primitives, nested arrays too', () => {
    expect(readField({ event: { category: ['network', 'process'] } }, 'event.category')).toEqual(['network', 'process']);
    expect(readField({ x: [1, [2, [3]]] }, 'x')).toEqual([1, 2, 3]);
    expect(readField({ x: [] }, 'x')).toEqual([]);
  });

  it('reads through arrays of objects', () => {
    expect(readField({ a: [{ b: 1 }, { b: 2 }, { c: 3 }] }, 'a.b')).toEqual([1, 2]);
    expect(readField({ 'a.b': [{ c: 1 }, { c: [2, 3] }] }, 'a.b.c')).toEqual([1, 2, 3]);
    expect(readField([{ a: 1 }, { a: 2 }], 'a')).toEqual([1, 2]);
  });

  it('gives nothing for a missing field', () => {
    expect(readField({}, 'host.name')).toEqual([]);
    expect(readField({ host: {} }, 'host.name')).toEqual([]);
    expect(readField({ host: 'a' }, 'host.name')).toEqual([]);
    expect(readField({ a: 1 }, 'a.b')).toEqual([]);
  });

  it('ignores null values, alone or in arrays', () => {
    expect(readField({ a: null }, 'a')).toEqual([]);
    expect(readField({ a: [null, 1, null] }, 'a')).toEqual([1]);
    expect(readField({ a: null }, 'a.b')).toEqual([]);
    expect(readField(null, 'a')).toEqual([]);
  });

  it('gives nothing for an object where a value is expected', () => {
    expect(readField({ host: { name: 'a' } }, 'host')).toEqual([]);
  });

  it('keeps falsy primitives: 0, false and the empty string', () => {
    expect(readField({ a: [0, false, ''] }, 'a')).toEqual([0, false, '']);
  });

  it('reads own keys only, never the prototype', () => {
    expect(readField({ a: {} }, 'a.toString')).toEqual([]);
    expect(readField({}, 'constructor.name')).toEqual([]);
  });
});
