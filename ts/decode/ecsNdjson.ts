/** ECS events, one JSON object per line (Elastic Defend, exports of `logs-*`). */
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
