/** ECS events, one JSON object per line (Elastic Defend, exports of `logs-*`). */
import { eventFromEcs } from './ecsFields.js';
import { badLine, NO_EVENT, type DecodedLine, type LineDecoder } from './networkEvent.js';

export class EcsNdjsonDecoder implements LineDecoder {
  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return badLine('invalid JSON', undefined, line);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return badLine('not a JSON object', undefined, line);
    return eventFromEcs(doc);
  }
}
