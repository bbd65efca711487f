/**
 * Zeek TSV read keeping only the columns a scan uses gives the same events
 * as keeping every column, on every line of the real captures.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ECS_FIELDS_READ } from '../../ts/decode/ecsFields.js';
import { readField } from '../../ts/decode/fieldPath.js';
import type { DecodedLine } from '../../ts/decode/networkEvent.js';
import { ZeekFieldMap, ZeekTsvDecoder } from '../../ts/decode/zeekConn.js';
import { readLines } from '../../ts/source/lineReader.js';
import { describeRealdata } from '../support/realdata.js';

const GROUP_FIELDS = ['source.ip', 'destination.ip', 'destination.port'];

function comparable(d: DecodedLine): unknown {
  if (d.type !== 'event') return d;
  const { fields, ...event } = d.event;
  return { ...event, read: [...ECS_FIELDS_READ, ...GROUP_FIELDS].map((f) => readField(fields, f)) };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /conn/.test(name) ? [path] : [];
  });
}

for (const dataset of ['rita-missing-host', 'stratosphere-008-benign-24h']) {
  describeRealdata(dataset, (dir) => {
    it('reads every conn line alike keeping only the columns used', async () => {
      let events = 0;
      for (const file of files(dir)) {
        const fields = new ZeekFieldMap('ip');
        const fast = new ZeekTsvDecoder(fields, new Set(GROUP_FIELDS));
        const general = new ZeekTsvDecoder(fields);
        for await (const line of readLines(file)) {
          const a = fast.decode(line);
          expect(comparable(a), `${file}: ${line}`).toEqual(comparable(general.decode(line)));
          if (a.type === 'event') events++;
        }
      }
      expect(events).toBe(dataset === 'rita-missing-host' ? 105_918 : 5_663);
    });
  });
}
