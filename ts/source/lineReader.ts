/**
 * Lines of a file or of standard input, gzip or plain (told apart by the
 * gzip magic bytes, not the name), `\n` or `\r\n` terminated.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { STDIN } from './inputFiles.js';

const GZIP_MAGIC = [0x1f, 0x8b];
const BOM = '\uFEFF';

/** Yields the lines of `path`; a read or decompression error is thrown where it happens. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const raw = path === STDIN ? process.stdin : createReadStream(path);
  const { first, rest } = await peek(raw);
  let stream: Readable = Readable.from(prepend(first, rest));
  if (first !== undefined && first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1]) {
    const gunzip = createGunzip();
    stream.on('error', (err) => gunzip.destroy(err));
    stream = stream.pipe(gunzip);
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // readline does not forward stream errors to its iterator: do it here.
  const failure = new Promise<never>((_, reject) => stream.on('error', reject));
  failure.catch(() => undefined);
  const iterator = lines[Symbol.asyncIterator]();
  try {
    for (let first = true; ; first = false) {
      const next = await Promise.race([iterator.next(), failure]);
      if (next.done === true) return;
      // A byte-order mark (Windows exports write one) is not part of the first line.
      yield first && next.value.startsWith(BOM) ? next.value.slice(1) : next.value;
    }
  } finally {
    lines.close();
    stream.destroy();
    if (raw !== process.stdin) raw.destroy();
  }
}

/** The first chunk of a stream, and an iterator over the rest. */
async function peek(stream: Readable): Promise<{ first: Buffer | undefined; rest: AsyncIterator<Buffer> }> {
  const rest = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await rest.next();
  return { first: head.done === true ? undefined : head.value, rest };
}

async function* prepend(first: Buffer | undefined, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first === undefined) return;
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}
