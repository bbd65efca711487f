/**
 * ECS events, one JSON object per line (Elastic Defend, exports of
 * `logs-*`). Given the fields a scan reads, lines go through the fast
 * scanner, which keeps only those; lines it declines, and every line when
 * the fields are not known, through JSON.parse. Both give the same event.
 */
import { ECS_FIELDS_READ, eventFromEcs, eventFromPickedFields } from './ecsFields.js';
import { EcsLineScanner } from './ecsLineScanner.js';
import { parseJsonObjectLine } from './jsonLine.js';
import { ENDPOINT_FIELDS, NO_EVENT, type DecodedLine, type LineDecoder } from './networkEvent.js';

export class EcsNdjsonDecoder implements LineDecoder {
  readonly carries = ENDPOINT_FIELDS;
  private readonly scanner: EcsLineScanner | undefined;

  /** `fieldsRead`: the fields besides ECS_FIELDS_READ the scan reads (group fields); none: read everything. */
  constructor(fieldsRead?: readonly string[]) {
    this.scanner = fieldsRead === undefined ? undefined : new EcsLineScanner([...ECS_FIELDS_READ, ...fieldsRead]);
  }

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    const fields = this.scanner?.scan(line);
    if (fields !== undefined) return eventFromPickedFields(fields);
    const parsed = parseJsonObjectLine(line);
    return 'bad' in parsed ? parsed.bad : eventFromEcs(parsed.object);
  }
}
