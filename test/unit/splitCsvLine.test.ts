/** `splitCsvLine`: one CSV line into its cells, RFC 4180 quoting. */
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../ts/decode/csvLine.js';

describe('splitCsvLine()', () => {
  it('splits plain cells, keeping their blanks', () => {
    expect(splitCsvLine('a,b,c', ',')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine(' a , b ', ',')).toEqual([' a ', ' b ']);
    expect(splitCsvLine('2024/04/19 10:00:00.123456,10.0.0.5,443', ',')).toEqual(['2024/04/19 10:00:00.123456', '10.0.0.5', '443']);
  });

  it('gives one cell for a line without a delimiter, and one empty cell for an empty line', () => {
    expect(splitCsvLine('alone', ',')).toEqual(['alone']);
    expect(splitCsvLine('', ',')).toEqual(['']);
  });

  it('keeps empty cells at the start, in the middle and at the end', () => {
    expect(splitCsvLine(',a,,b,', ',')).toEqual(['', 'a', '', 'b', '']);
    expect(splitCsvLine(',', ',')).toEqual(['', '']);
    expect(splitCsvLine(',,,', ',')).toEqual(['', '', '', '']);
  });

  it('gives a trailing empty cell for a trailing delimiter', () => {
    expect(splitCsvLine('a,b,', ',')).toEqual(['a', 'b', '']);
    expect(splitCsvLine('a\t', '\t')).toEqual(['a', '']);
  });

  it('reads quoted cells holding delimiters', () => {
    expect(splitCsvLine('"a,b",c', ',')).toEqual(['a,b', 'c']);
    expect(splitCsvLine('x,"1,2,3"', ',')).toEqual(['x', '1,2,3']);
    expect(splitCsvLine('"chrome.exe"', ',')).toEqual(['chrome.exe']);
  });

  it('reads a doubled quote inside a quoted cell as one quote', () => {
    expect(splitCsvLine('"say ""hi""",b', ',')).toEqual(['say "hi"', 'b']);
    expect(splitCsvLine('""""', ',')).toEqual(['"']);
    expect(splitCsvLine('"a""b""c"', ',')).toEqual(['a"b"c']);
  });

  it('reads an empty quoted cell as an empty cell', () => {
    expect(splitCsvLine('"",b', ',')).toEqual(['', 'b']);
    expect(splitCsvLine('a,""', ',')).toEqual(['a', '']);
  });

  it('keeps a quote in the middle of an unquoted cell literally', () => {
    expect(splitCsvLine('ab"c,d', ',')).toEqual(['ab"c', 'd']);
    expect(splitCsvLine('a",b', ',')).toEqual(['a"', 'b']);
    expect(splitCsvLine('5" disk,x"y"z', ',')).toEqual(['5" disk', 'x"y"z']);
  });

  it('keeps a quote after a leading blank literally (the cell is not quoted)', () => {
    expect(splitCsvLine(' "a,b"', ',')).toEqual([' "a', 'b"']);
  });

  it('refuses a quote left open', () => {
    expect(splitCsvLine('"a,b', ',')).toBeUndefined();
    expect(splitCsvLine('a,"b', ',')).toBeUndefined();
    expect(splitCsvLine('"', ',')).toBeUndefined();
    expect(splitCsvLine('"""', ',')).toBeUndefined();
    expect(splitCsvLine('"a""', ',')).toBeUndefined();
  });

  it('splits on a tab', () => {
    expect(splitCsvLine('a\tb\t\tc', '\t')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvLine('a,b\tc', '\t')).toEqual(['a,b', 'c']);
    expect(splitCsvLine('"a\tb"\tc', '\t')).toEqual(['a\tb', 'c']);
  });

  it('splits on a delimiter of several characters', () => {
    expect(splitCsvLine('a||b||c', '||')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('a|b||c', '||')).toEqual(['a|b', 'c']);
    expect(splitCsvLine('a||||b', '||')).toEqual(['a', '', 'b']);
    expect(splitCsvLine('a||', '||')).toEqual(['a', '']);
    expect(splitCsvLine('"a||b"||c', '||')).toEqual(['a||b', 'c']);
  });

  it('takes the first full delimiter when characters repeat', () => {
    expect(splitCsvLine('a:::b', '::')).toEqual(['a', ':b']);
    expect(splitCsvLine('a; ;b', '; ')).toEqual(['a', ';b']);
  });

  it('does not split on a comma when the delimiter is something else', () => {
    expect(splitCsvLine('a,b;c', ';')).toEqual(['a,b', 'c']);
  });
});
