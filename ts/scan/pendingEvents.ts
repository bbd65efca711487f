/**
 * Events held back while the window end is unknown (no `--now`: the window
 * ends at the latest event, known only once the input is read), keyed by
 * group id.
 *
 * Since the end can only move later, an event older than the latest seen
 * minus the look-back can never count and is dropped as the buffer grows;
 * for input in rough time order, memory then stays at one window's events
 * (about 40 bytes each), not the whole input's.
 */
import { EventColumnsBuffer } from './eventColumnsBuffer.js';

export class PendingEvents {
  readonly events = new EventColumnsBuffer(4096);
  /** Events dropped because they fell behind the look-back. */
  dropped = 0;

  constructor(private readonly lookbackMs: number) {}

  push(group: number, timestampMs: number, ingestedMs: number, sourceBytes: number, destinationBytes: number, destinationIp: number, latestMs: number): void {
    // Before the buffer doubles, drop what can no longer count.
    if (this.events.full) {
      const oldest = latestMs - this.lookbackMs;
      this.dropped += this.events.retain((i) => (this.events.timestampMs[i] as number) >= oldest);
    }
    this.events.push(group, timestampMs, ingestedMs, sourceBytes, destinationBytes, destinationIp);
  }
}
