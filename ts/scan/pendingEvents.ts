/**
 * Events held back while the window end is unknown (no `--now`: the window
 * ends at the latest event, known only once the input is read).
 *
 * Since the end can only move later, an event older than the latest seen
 * minus the look-back can never count and is dropped as the buffer grows;
 * for input in rough time order, memory then stays at one window's events
 * (about 40 bytes each), not the whole input's.
 */
export class PendingEvents {
  length = 0;
  private capacity = 4096;
  group = new Uint32Array(this.capacity);
  timestampMs = new Float64Array(this.capacity);
  ingestedMs = new Float64Array(this.capacity);
  sourceBytes = new Float64Array(this.capacity);
  destinationBytes = new Float64Array(this.capacity);
  destinationIp = new Uint32Array(this.capacity);
  /** Events dropped because they fell behind the look-back. */
  dropped = 0;

  constructor(private readonly lookbackMs: number) {}

  push(group: number, timestampMs: number, ingestedMs: number, sourceBytes: number, destinationBytes: number, destinationIp: number, latestMs: number): void {
    if (this.length === this.capacity) this.makeRoom(latestMs);
    const i = this.length++;
    this.group[i] = group;
    this.timestampMs[i] = timestampMs;
    this.ingestedMs[i] = ingestedMs;
    this.sourceBytes[i] = sourceBytes;
    this.destinationBytes[i] = destinationBytes;
    this.destinationIp[i] = destinationIp;
  }

  /** Drops what can no longer count; grows when that frees less than half. */
  private makeRoom(latestMs: number): void {
    const oldest = latestMs - this.lookbackMs;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      if ((this.timestampMs[i] as number) < oldest) continue;
      this.group[kept] = this.group[i] as number;
      this.timestampMs[kept] = this.timestampMs[i] as number;
      this.ingestedMs[kept] = this.ingestedMs[i] as number;
      this.sourceBytes[kept] = this.sourceBytes[i] as number;
      this.destinationBytes[kept] = this.destinationBytes[i] as number;
      this.destinationIp[kept] = this.destinationIp[i] as number;
      kept++;
    }
    this.dropped += this.length - kept;
    this.length = kept;
    if (kept * 2 > this.capacity) this.grow();
  }

  private grow(): void {
    this.capacity *= 2;
    const resize = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.capacity);
      b.set(a);
      return b;
    };
    this.group = resize(this.group, (n) => new Uint32Array(n));
    this.timestampMs = resize(this.timestampMs, (n) => new Float64Array(n));
    this.ingestedMs = resize(this.ingestedMs, (n) => new Float64Array(n));
    this.sourceBytes = resize(this.sourceBytes, (n) => new Float64Array(n));
    this.destinationBytes = resize(this.destinationBytes, (n) => new Float64Array(n));
    this.destinationIp = resize(this.destinationIp, (n) => new Uint32Array(n));
  }
}
