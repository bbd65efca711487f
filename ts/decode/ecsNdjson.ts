/**
 * ECS events, one JSON object per line (Elastic Defend, exports of
 * `logs-*`), read with JSON.parse. (A field-picking scanner written in
 * TypeScript measured slower than JSON.parse and reading the fields, even
 * on 1.3 kB Defend-like lines: nearly every field of a connection event is
 * read. See BENCHMARKS.md, "Ingest".)
 */
import { eventFromEcs } from './ecsFields.js';
import { parseJsonObjectLine } from './jsonLine.js';
import { ENDPOINT_FIELDS, NO_EVENT, type DecodedLine, type LineDecoder } from './networkEvent.js';

export class EcsNdjsonDecoder implements LineDecoder {
  readonly carries = ENDPOINT_FIELDS;

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    const parsed = parseJsonObjectLine(line);
    return 'bad' in parsed ? parsed.bad : eventFromEcs(parsed.object);
  }
}
