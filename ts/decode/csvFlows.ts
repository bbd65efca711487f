/**
 * Flow exports as CSV with a header line, read through a field map
 * (`csvFieldMap.ts`). Cells become the mapped ECS fields; the header must
 * hold every mapped column. Which filtered fields the records carry follows
 * from the map (a mapped `process.name` makes the process filters apply).
 */
import type { CsvFieldMap } from './csvFieldMap.js';
import { splitCsvLine } from './csvLine.js';
import { eventFromEcs } from './ecsFields.js';
import { badLine, NO_EVENT, type CarriedFields, type DecodedLine, type LineDecoder } from './networkEvent.js';

export class CsvFlowDecoder implements LineDecoder {
  readonly carries: CarriedFields;
  private columns: string[] | undefined;
  /** For each cell position, the ECS fields it fills (a column may fill several). */
  private targets: string[][] = [];
  private timeIndex = -1;
  /** ECS field -> column, to name the column in bad records. */
  private readonly columnOf: Readonly<Record<string, string>>;

  constructor(private readonly map: CsvFieldMap) {
    const mapped = (field: string) => field in map.fields;
    this.carries = { category: mapped('event.category'), action: mapped('event.action'), process: mapped('process.name') };
    this.columnOf = { ...map.fields, '@timestamp': map.timeColumn };
  }

  /** The mapped columns missing from a header line (empty when it fits the map). */
  static missingColumns(map: CsvFieldMap, header: string): string[] {
    const cells = splitCsvLine(header, map.delimiter)?.map((c) => c.trim()) ?? [];
    return [...new Set([map.timeColumn, ...Object.values(map.fields)])].filter((c) => !cells.includes(c));
  }

  decode(line: string): DecodedLine {
    if (line.trim() === '') return NO_EVENT;
    if (this.columns === undefined) {
      this.header(line);
      return NO_EVENT;
    }
    const cells = splitCsvLine(line, this.map.delimiter);
    if (cells === undefined) return badLine('invalid CSV', undefined, line);
    if (cells.length !== this.columns.length) {
      return badLine('wrong number of columns', undefined, `expected ${this.columns.length}, got ${cells.length}`);
    }
    const timeText = cells[this.timeIndex] as string;
    const timestampMs = this.map.parseTime(timeText);
    if (timestampMs === undefined) return badLine('invalid timestamp', this.map.timeColumn, timeText);
    const doc: Record<string, unknown> = { '@timestamp': timestampMs };
    cells.forEach((cell, i) => {
      const value = cell.trim();
      if (value !== '' && value !== '-') for (const field of this.targets[i] ?? []) doc[field] = value;
    });
    return eventFromEcs(doc, this.columnOf);
  }

  private header(line: string): void {
    this.columns = (splitCsvLine(line, this.map.delimiter) ?? []).map((c) => c.trim());
    const fields = Object.entries(this.map.fields);
    this.targets = this.columns.map((c) => fields.filter(([, column]) => column === c).map(([field]) => field));
    this.timeIndex = this.columns.indexOf(this.map.timeColumn);
  }
}
