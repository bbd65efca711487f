/**
 * Result documents as NDJSON, to standard output or to a file. A file is
 * written beside its final name and renamed into place once complete, so a
 * reader never sees half a result set and a failed run leaves no partial
 * file behind.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';

export async function writeNdjson(docs: Iterable<object>, out: string | undefined): Promise<void> {
  if (out === undefined || out === '-') {
    await writeLines(process.stdout, docs);
    return;
  }
  const partial = `${out}.${process.pid}.partial`;
  const stream = createWriteStream(partial);
  try {
    await writeLines(stream, docs);
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}

async function writeLines(stream: Writable, docs: Iterable<object>): Promise<void> {
  for (const doc of docs) {
    if (!stream.write(`${JSON.stringify(doc)}\n`)) await once(stream, 'drain');
  }
}
