/**
 * Lines of a file or of standard input, gzip or plain (told apart by the
 * gzip magic bytes, not the name), `\n` or `\r\n` terminated; or the lines
 * of one byte range of a plain file, so that several workers can share a
 * large file. Lines are split on raw bytes, which keeps offsets exact.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { STDIN } from './inputFiles.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = '\uFEFF';

export interface LineReadOptions {
  /** Called with the count of input bytes (compressed, for gzip) as they are read. */
  readonly onBytes?: (bytes: number) => void;
}

/** Yields the lines of `path` (or stdin); a read or decompression error is thrown where it happens. */
export async function* readLines(path: string, options: LineReadOptions = {}): AsyncGenerator<string> {
  const raw: Readable = path === STDIN ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const { onBytes } = options;
  if (onBytes !== undefined) raw.on('data', (chunk: Buffer) => onBytes(chunk.length));
  const chunks = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const head = await chunks.next();
    if (head.done === true) return;
    const first = head.value;
    let source: AsyncIterable<Buffer> = prepend(first, chunks);
    if (first[0] === 0x1f && first[1] === 0x8b) {
      const gunzip = createGunzip();
      feed(source, gunzip);
      source = gunzip;
    }
    yield* splitLines(source, 0, Infinity);
  } finally {
    if (raw !== process.stdin) raw.destroy();
  }
}

/**
 * Yields the lines of a plain file whose first byte lies in `[start, end)`:
 * a line cut by `start` belongs to the range before, a line cut by `end` to
 * this one. Ranges that tile a file yield each line exactly once.
 */
export async function* readLineRange(path: string, start: number, end: number, options: LineReadOptions = {}): AsyncGenerator<string> {
  // From the byte before `start`: if it ends a line, the next line is ours.
  const from = Math.max(0, start - 1);
  const raw = createReadStream(path, { start: from, highWaterMark: 1 << 20 });
  const { onBytes } = options;
  if (onBytes !== undefined) raw.on('data', (chunk: string | Buffer) => onBytes(chunk.length));
  try {
    yield* splitLines(raw, from, end, start > 0);
  } finally {
    raw.destroy();
  }
}

/**
 * Splits byte chunks into lines. `offset` is the file offset of the first
 * byte; lines starting at or after `end` are not yielded (reading stops);
 * `skipFirst` drops everything through the first newline.
 */
async function* splitLines(chunks: AsyncIterable<Buffer>, offset: number, end: number, skipFirst = false): AsyncGenerator<string> {
  let carry: Buffer | undefined;
  let lineStart = offset;
  let skipping = skipFirst;
  let first = !skipFirst && offset === 0;
  let position = offset;
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = carry === undefined ? piece : Buffer.concat([carry, piece]);
      carry = undefined;
      const startOfLine = lineStart;
      lineStart = position + nl + 1;
      from = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (startOfLine >= end) return;
      yield text(bytes, first);
      first = false;
    }
    position += chunk.length;
    if (from < chunk.length) carry = carry === undefined ? chunk.subarray(from) : Buffer.concat([carry, chunk.subarray(from)]);
  }
  if (carry !== undefined && carry.length > 0 && !skipping && lineStart < end) yield text(carry, first);
}

function text(bytes: Buffer, first: boolean): string {
  const length = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  const line = bytes.toString('utf8', 0, length);
  // A byte-order mark (Windows exports write one) is not part of the first line.
  return first && line.startsWith(BOM) ? line.slice(1) : line;
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

/** Pipes chunks into a stream with back-pressure, passing on errors. */
function feed(source: AsyncIterable<Buffer>, into: NodeJS.WritableStream & Readable): void {
  void (async () => {
    try {
      for await (const chunk of source) {
        if (!into.write(chunk)) await new Promise((resolve) => into.once('drain', resolve));
      }
      into.end();
    } catch (err) {
      into.destroy(err as Error);
    }
  })();
}
