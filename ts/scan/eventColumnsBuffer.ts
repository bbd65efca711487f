/**
 * Events in flat columns, growing as needed: the layout the engines take
 * (`EventColumns`), with `slots` holding whatever key the owner needs (an
 * engine slot, or a group id while the window is still unknown).
 */
import type { EventColumns } from '../engine/scoringEngine.js';

export class EventColumnsBuffer implements EventColumns {
  length = 0;
  slots: Uint32Array;
  timestampMs: Float64Array;
  ingestedMs: Float64Array;
  sourceBytes: Float64Array;
  destinationBytes: Float64Array;
  destinationIp: Uint32Array;

  constructor(private capacity: number) {
    this.slots = new Uint32Array(capacity);
    this.timestampMs = new Float64Array(capacity);
    this.ingestedMs = new Float64Array(capacity);
    this.sourceBytes = new Float64Array(capacity);
    this.destinationBytes = new Float64Array(capacity);
    this.destinationIp = new Uint32Array(capacity);
  }

  get full(): boolean {
    return this.length === this.capacity;
  }

  push(key: number, timestampMs: number, ingestedMs: number, sourceBytes: number, destinationBytes: number, destinationIp: number): void {
    if (this.full) this.grow();
    const i = this.length++;
    this.slots[i] = key;
    this.timestampMs[i] = timestampMs;
    this.ingestedMs[i] = ingestedMs;
    this.sourceBytes[i] = sourceBytes;
    this.destinationBytes[i] = destinationBytes;
    this.destinationIp[i] = destinationIp;
  }

  /** Keeps the events for which `keep(i)` holds, in order; returns how many were dropped. */
  retain(keep: (i: number) => boolean): number {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      if (!keep(i)) continue;
      this.slots[kept] = this.slots[i] as number;
      this.timestampMs[kept] = this.timestampMs[i] as number;
      this.ingestedMs[kept] = this.ingestedMs[i] as number;
      this.sourceBytes[kept] = this.sourceBytes[i] as number;
      this.destinationBytes[kept] = this.destinationBytes[i] as number;
      this.destinationIp[kept] = this.destinationIp[i] as number;
      kept++;
    }
    const dropped = this.length - kept;
    this.length = kept;
    return dropped;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Uint32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.slots = grown(this.slots, new Uint32Array(this.capacity));
    this.timestampMs = grown(this.timestampMs, new Float64Array(this.capacity));
    this.ingestedMs = grown(this.ingestedMs, new Float64Array(this.capacity));
    this.sourceBytes = grown(this.sourceBytes, new Float64Array(this.capacity));
    this.destinationBytes = grown(this.destinationBytes, new Float64Array(this.capacity));
    this.destinationIp = grown(this.destinationIp, new Uint32Array(this.capacity));
  }
}
