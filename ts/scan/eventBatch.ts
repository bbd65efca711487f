/**
 * Events gathered into flat columns and handed to the engine a batch at a
 * time: one boundary crossing per few thousand events, not one per event.
 */
import type { EventColumns, ScoringEngine } from '../engine/scoringEngine.js';
import type { SlotTable } from '../group/slotTable.js';

export const BATCH_SIZE = 8192;

export class EventBatch implements EventColumns {
  length = 0;
  readonly slots = new Uint32Array(BATCH_SIZE);
  readonly timestampMs = new Float64Array(BATCH_SIZE);
  readonly ingestedMs = new Float64Array(BATCH_SIZE);
  readonly sourceBytes = new Float64Array(BATCH_SIZE);
  readonly destinationBytes = new Float64Array(BATCH_SIZE);
  readonly destinationIp = new Uint32Array(BATCH_SIZE);

  constructor(
    private readonly engine: ScoringEngine,
    private readonly slotTable: SlotTable,
  ) {}

  push(slot: number, timestampMs: number, ingestedMs: number, sourceBytes: number, destinationBytes: number, destinationIp: number): void {
    const i = this.length++;
    this.slots[i] = slot;
    this.timestampMs[i] = timestampMs;
    this.ingestedMs[i] = ingestedMs;
    this.sourceBytes[i] = sourceBytes;
    this.destinationBytes[i] = destinationBytes;
    this.destinationIp[i] = destinationIp;
    if (this.length === BATCH_SIZE) this.flush();
  }

  /** Registers new slots with the engine, then hands it the pending events. */
  flush(): void {
    const fresh = this.slotTable.takeNewSlots();
    if (fresh.length > 0) this.engine.addGroups(fresh);
    this.engine.ingest(this);
    this.length = 0;
  }
}
