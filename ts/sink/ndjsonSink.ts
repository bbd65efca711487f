/** Result documents as NDJSON, to standard output or to a file (written whole or not at all). */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { writeFileWhole } from './outputFile.js';

export async function writeNdjson(docs: Iterable<object>, out: string | undefined): Promise<void> {
  if (out === undefined || out === '-') await writeLines(process.stdout, docs);
  else await writeFileWhole(out, (stream) => writeLines(stream, docs));
}

async function writeLines(stream: Writable, docs: Iterable<object>): Promise<void> {
  for (const doc of docs) {
    if (!stream.write(`${JSON.stringify(doc)}\n`)) await once(stream, 'drain');
  }
}
