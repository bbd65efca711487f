/**
 * Events handed to the engine a batch at a time: one boundary crossing per
 * few thousand events, not one per event.
 */
import type { ScoringEngine } from '../engine/scoringEngine.js';
import type { SlotTable } from '../group/slotTable.js';
import { EventColumnsBuffer } from './eventColumnsBuffer.js';

export const BATCH_SIZE = 8192;

export class EventBatch {
  private readonly columns = new EventColumnsBuffer(BATCH_SIZE);

  constructor(
    private readonly engine: ScoringEngine,
    private readonly slotTable: SlotTable,
  ) {}

  push(slot: number, timestampMs: number, ingestedMs: number, sourceBytes: number, destinationBytes: number, destinationIp: number): void {
    this.columns.push(slot, timestampMs, ingestedMs, sourceBytes, destinationBytes, destinationIp);
    this.slotTable.noteBytes(slot, !Number.isNaN(sourceBytes), !Number.isNaN(destinationBytes));
    if (this.columns.full) this.flush();
  }

  /** Registers new slots with the engine, then hands it the pending events. */
  flush(): void {
    const fresh = this.slotTable.takeNewSlots();
    if (fresh.length > 0) this.engine.addGroups(fresh);
    this.engine.ingest(this.columns);
    this.columns.clear();
  }
}
