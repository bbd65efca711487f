/**
 * From the command line's inputs to read tasks: files found and sniffed
 * (the first line says the format), large plain files cut into byte ranges
 * that several workers read, each range given the header lines it needs.
 */
import { open, stat } from 'node:fs/promises';
import { CsvFlowDecoder } from '../decode/csvFlows.js';
import { INPUT_FORMATS, formatByName, type InputFormat } from '../decode/inputFormats.js';
import { ConfigError, InputError } from '../errors.js';
import { expandInputs, STDIN, type InputFile } from '../source/inputFiles.js';
import { readLines } from '../source/lineReader.js';
import type { ScanOptions } from './scanOptions.js';
import type { ReadTask } from './scanTask.js';

/** Default size of the parts of a large plain file. */
export const DEFAULT_CHUNK_BYTES = 64 << 20;

/** Standard input: read once, on the main thread, continuing after the sniffed lines. */
export interface StdinInput {
  readonly task: ReadTask;
  readonly lines: AsyncIterable<string>;
}

export interface InputPlan {
  /** File tasks, in input order. */
  readonly tasks: readonly ReadTask[];
  readonly stdin: StdinInput | undefined;
  readonly formats: readonly InputFormat[];
  /** Inputs skipped when found in a directory: no format fits, or empty. */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** Compressed or plain bytes of the file inputs. */
  readonly bytes: number;
}

interface Sniffed {
  readonly format: InputFormat;
  /** Lines read to find the format (standard input must not lose them). */
  readonly lines: readonly string[];
  readonly firstLine: string;
  /** The header block: Zeek `#` lines, or a CSV header line. */
  readonly header: readonly string[];
}

/** `onStdinBytes` counts what is read from standard input, from its first bytes on. */
export async function planInputs(options: ScanOptions, onStdinBytes?: (bytes: number) => void): Promise<InputPlan> {
  const candidates = options.format === 'auto' ? INPUT_FORMATS : [formatByName(options.format)];
  const tasks: ReadTask[] = [];
  const formats = new Set<InputFormat>();
  const skipped: { file: string; reason: string }[] = [];
  let stdin: StdinInput | undefined;
  let bytes = 0;
  const files = options.inputs.length === 0 && (options.recordSources?.length ?? 0) + (options.aggregatedSources?.length ?? 0) > 0 ? [] : await expandInputs(options.inputs);
  for (const file of files) {
    const lines = readLines(file.path, file.path === STDIN && onStdinBytes !== undefined ? { onBytes: onStdinBytes } : {});
    const sniffed = await sniff(file, lines, candidates, options);
    if (sniffed === undefined) {
      skipped.push({ file: file.path, reason: 'empty' });
      continue;
    }
    if ('reason' in sniffed) {
      skipped.push({ file: file.path, reason: sniffed.reason });
      continue;
    }
    formats.add(sniffed.format);
    if (file.path === STDIN) {
      stdin = { task: { index: -1, file: STDIN, format: sniffed.format.name, sniffLine: sniffed.firstLine, preamble: [] }, lines: resume(sniffed.lines, lines) };
      continue;
    }
    await lines.return(undefined);
    const size = (await stat(file.path)).size;
    bytes += size;
    for (const range of await ranges(file.path, size, options.chunkBytes ?? DEFAULT_CHUNK_BYTES)) {
      // The first part reads its header itself; later parts get it ahead.
      const preamble = range === undefined || range.start === 0 ? [] : sniffed.header;
      tasks.push({ index: tasks.length, file: file.path, format: sniffed.format.name, ...(range === undefined ? {} : { range }), sniffLine: sniffed.firstLine, preamble });
    }
  }
  return { tasks, stdin, formats: [...formats], skipped, bytes };
}

/** The group fields: given, or the inputs' formats' default (which must agree). */
export function groupFieldsOf(options: ScanOptions, formats: readonly { name: string; groupBy: readonly string[] }[]): readonly string[] {
  if (options.groupBy !== undefined) return options.groupBy;
  const first = formats[0];
  if (first === undefined) throw new InputError('no input to read');
  if (formats.some((f) => f.groupBy.join() !== first.groupBy.join())) {
    throw new ConfigError(
      `the inputs mix formats (${[...new Set(formats.map((f) => f.name))].join(', ')}) with different default groupings: choose one with --group-by`,
      'group-by',
    );
  }
  return first.groupBy;
}

/**
 * Lines read, looking for the format, before a named file is declared no
 * log at all: a log whose first lines are broken (cut at its start, or
 * with a stray line of something else) is still read, its broken lines
 * counted as bad like any other.
 */
const SNIFF_LINES = 100;

/**
 * The line that shows the input's format (the first non-empty one, or a
 * later one when the first fit no format), the lines read up to it, and the
 * header block. A named file that fits no format is an error naming every
 * format tried; one found in a directory is skipped with the reason.
 */
async function sniff(file: InputFile, lines: AsyncGenerator<string>, candidates: readonly InputFormat[], options: ScanOptions): Promise<Sniffed | { reason: string } | undefined> {
  const read: string[] = [];
  let firstLine: string | undefined;
  /** A Zeek header block: its first line shows the format. */
  const header: string[] = [];
  let nonBlank = 0;
  let tried = 0;
  const sniffed = (line: string): Sniffed | undefined => {
    const format = candidates.find((f) => f.decoderFor(line, options) !== undefined);
    if (format === undefined) return undefined;
    return { format, lines: read, firstLine: line, header: format.name === 'zeek' ? header : format.name === 'csv' ? [line] : [] };
  };
  try {
    // next() by hand: a for-await loop would close the stream on break.
    for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
      const line = next.value;
      read.push(line);
      if (line.trim() === '') continue;
      nonBlank++;
      if (line.startsWith('#') && header.length === nonBlank - 1) {
        header.push(line);
        continue;
      }
      if (header.length > 0) break;
      firstLine ??= line;
      const found = sniffed(line);
      if (found !== undefined) return found;
      if (++tried >= SNIFF_LINES) break;
    }
  } catch (err) {
    throw new InputError(`cannot read ${file.path}: ${(err as Error).message}`, file.path);
  }
  if (header.length > 0) {
    const found = sniffed(header[0] as string);
    if (found !== undefined) return found;
  }
  firstLine = header[0] ?? firstLine;
  if (firstLine === undefined) {
    if (file.named) throw new InputError(`${file.path}: empty`, file.path, 1);
    return undefined;
  }
  if (!file.named) return { reason: `not a recognised log (tried ${candidates.map((f) => f.name).join(', ')})` };
  const scope = tried > 1 ? ` in its first ${tried} lines` : '';
  const list = candidates.map((f) => `  - ${f.name}: ${f.looksLike}`).join('\n');
  const map = options.fieldMap;
  const line = firstLine;
  const csvHint = !candidates.some((f) => f.name === 'csv')
    ? ''
    : map === undefined
      ? '\n(CSV is read only with --field-map)'
      : `\n(its header lacks the field map's columns ${CsvFlowDecoder.missingColumns(map, line).join(', ')})`;
  throw new InputError(`${file.path}: not a recognised log${scope}; formats tried:\n${list}${csvHint}`, file.path, 1);
}

/** Byte ranges of a plain file larger than `chunk`; [undefined] for a whole file (small, or gzip). */
async function ranges(path: string, size: number, chunk: number): Promise<({ start: number; end: number } | undefined)[]> {
  if (size <= chunk || (await isGzip(path))) return [undefined];
  const parts: { start: number; end: number }[] = [];
  for (let start = 0; start < size; start += chunk) parts.push({ start, end: Math.min(size, start + chunk) });
  return parts;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function* resume(sniffed: readonly string[], rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield* sniffed;
  yield* rest;
}
