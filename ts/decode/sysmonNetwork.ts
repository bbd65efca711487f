/**
 * Sysmon network connections (event ID 3), from Windows event logs as JSON
 * lines: the flat shape of NXLog and similar collectors (`Hostname`,
 * `Image`, `SourceIp`, `DestinationIp`, `UtcTime`, ...), winlogbeat's raw
 * shape (`winlog.event_data.*`), or winlogbeat's ECS output, where its sysmon
 * module (and Elastic Agent's Windows integration) moved the event data to
 * the ECS fields of the table below and set `@timestamp` from `UtcTime`.
 * Mapped onto ECS:
 *
 * | Sysmon | ECS |
 * |---|---|
 * | `UtcTime` (not the collector's `@timestamp`) | `@timestamp` |
 * | `Hostname` / `Computer` (winlogbeat: `host.name`, else `winlog.computer_name`) | `host.name` |
 * | base name of `Image` | `process.name` (`Image` itself: `process.executable`) |
 * | `ProcessId` | `process.pid` |
 * | `SourceIp`, `SourcePort` | `source.ip`, `source.port` |
 * | `DestinationIp`, `DestinationPort` | `destination.ip`, `destination.port` |
 * | `DestinationHostname` | `destination.domain` |
 * | `Protocol` | `network.transport` |
 * | `User` | `user.name` |
 * | host and `RecordNumber` (winlogbeat: `winlog.record_id`) | `event.id` |
 *
 * Every record gets `event.category: network`. Sysmon has no byte counts;
 * other event IDs and channels are skipped and counted.
 */
import { eventFromEcs } from './ecsFields.js';
import { readField } from './fieldPath.js';
import { parseJsonObjectLine } from './jsonLine.js';
import { badLine, NO_EVENT, type CarriedFields, type DecodedLine, type LineDecoder } from './networkEvent.js';
import { parseTimestamp } from './timestamp.js';

/** A process and a category, but not Elastic Defend's `disconnect_received` action. */
export const SYSMON_FIELDS: CarriedFields = Object.freeze({ category: true, action: false, process: true });

const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon';

/** Sysmon text fields -> ECS fields (ports and the image are converted apart). */
const COPIES: readonly (readonly [string, string])[] = [
  ['SourceIp', 'source.ip'],
  ['DestinationIp', 'destination.ip'],
  ['Protocol', 'network.transport'],
  ['User', 'user.name'],
  ['DestinationHostname', 'destination.domain'],
];

/** ECS field -> Sysmon field, for bad records. */
const SYSMON_NAMES: Readonly<Record<string, string>> = { ...Object.fromEntries(COPIES.map(([from, to]) => [to, from])), '@timestamp': 'UtcTime' };

/**
 * Where winlogbeat's sysmon module puts each Sysmon field it renames. Its
 * `@timestamp` is `UtcTime` already; it splits `User` into `user.domain` and
 * `user.name`.
 */
const ECS_OUTPUT: Readonly<Record<string, string>> = {
  UtcTime: '@timestamp',
  SourceIp: 'source.ip',
  SourcePort: 'source.port',
  DestinationIp: 'destination.ip',
  DestinationPort: 'destination.port',
  DestinationHostname: 'destination.domain',
  Protocol: 'network.transport',
  Image: 'process.executable',
  ProcessId: 'process.pid',
  User: 'user.name',
};

/** Where each shape keeps the Sysmon fields, the event's identity and its host. */
interface RecordView {
  readonly channel: string;
  readonly eventId: string;
  readonly data: (name: string) => string | undefined;
  /** The name bad records give for a Sysmon field: where this shape keeps it. */
  readonly fieldName: (name: string) => string;
  /** ECS field -> the name bad records give for it. */
  readonly names: Readonly<Record<string, string>>;
  readonly host: string | undefined;
  readonly recordId: string | undefined;
}

function first(doc: object, path: string): string | undefined {
  const value = readField(doc, path)[0];
  return value === undefined ? undefined : String(value);
}

/**
 * Whether winlogbeat's sysmon module moved the event data to ECS: the
 * destination is in `destination.ip`, not in `winlog.event_data`. Only then
 * is `@timestamp` the event's time rather than the collector's.
 */
function isModuleOutput(doc: object): boolean {
  return readField(doc, 'winlog.event_data.DestinationIp').length === 0 && readField(doc, 'destination.ip').length > 0;
}

/** The view of a record in one of winlogbeat's shapes, or in the flat one. */
function viewOf(doc: Record<string, unknown>): RecordView {
  if (readField(doc, 'winlog.channel').length > 0 || readField(doc, 'winlog.event_id').length > 0) {
    const moved = isModuleOutput(doc);
    return {
      channel: first(doc, 'winlog.channel') ?? first(doc, 'winlog.provider_name') ?? 'unknown channel',
      eventId: first(doc, 'winlog.event_id') ?? first(doc, 'event.code') ?? '?',
      data: (name) => {
        const ecs = ECS_OUTPUT[name];
        return moved && ecs !== undefined ? first(doc, ecs) : first(doc, `winlog.event_data.${name}`);
      },
      fieldName: (name) => (moved ? (ECS_OUTPUT[name] ?? name) : name),
      names: moved ? {} : SYSMON_NAMES,
      host: first(doc, 'host.name') ?? first(doc, 'winlog.computer_name'),
      recordId: first(doc, 'winlog.record_id'),
    };
  }
  const plain = (name: string) => {
    const value = doc[name];
    return value === undefined || value === null ? undefined : String(value);
  };
  return {
    channel: plain('Channel') ?? plain('SourceName') ?? 'unknown channel',
    eventId: plain('EventID') ?? '?',
    data: plain,
    fieldName: (name) => name,
    names: SYSMON_NAMES,
    host: plain('Hostname') ?? plain('Computer'),
    recordId: plain('RecordNumber'),
  };
}

/** `C:\Windows\System32\x.exe` -> `x.exe`. */
export function executableName(image: string): string {
  return image.slice(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
}

/** Whether a first line looks like a Windows event log record. */
export function looksLikeWindowsEvent(doc: Record<string, unknown>): boolean {
  return ('EventID' in doc && ('Channel' in doc || 'SourceName' in doc)) || readField(doc, 'winlog.channel').length > 0;
}

export class SysmonNetworkDecoder implements LineDecoder {
  readonly carries = SYSMON_FIELDS;

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    const parsed = parseJsonObjectLine(line);
    if ('bad' in parsed) return parsed.bad;
    const view = viewOf(parsed.object);
    if (!(view.channel.startsWith(SYSMON_PROVIDER) && view.eventId === '3')) {
      return { type: 'other', kind: `${view.channel} event ${view.eventId}`, wholeInput: false };
    }
    const utc = view.data('UtcTime');
    if (utc === undefined) return badLine('missing timestamp', view.fieldName('UtcTime'));
    const timestampMs = parseTimestamp(utc);
    if (timestampMs === undefined) return badLine('invalid timestamp', view.fieldName('UtcTime'), utc);

    const doc: Record<string, unknown> = { '@timestamp': timestampMs, 'event.category': ['network'] };
    for (const [name, field] of COPIES) {
      const text = view.data(name);
      if (text !== undefined && text !== '-' && text !== '') doc[field] = text;
    }
    for (const [name, field] of [['SourcePort', 'source.port'], ['DestinationPort', 'destination.port'], ['ProcessId', 'process.pid']] as const) {
      const text = view.data(name);
      if (text === undefined || text === '-' || text === '') continue;
      if (!/^\d{1,10}$/.test(text)) return badLine('invalid number', view.fieldName(name), text);
      doc[field] = Number(text);
    }
    const image = view.data('Image');
    if (image !== undefined && image !== '-') {
      doc['process.executable'] = image;
      doc['process.name'] = executableName(image);
    }
    if (view.host !== undefined) doc['host.name'] = view.host;
    if (view.recordId !== undefined) doc['event.id'] = `${view.host ?? ''}#${view.recordId}`;
    return eventFromEcs(doc, view.names);
  }
}
