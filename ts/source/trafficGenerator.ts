/**
 * Synthetic network connections in time order, streamed: every talker's
 * next connection waits in a heap, the earliest goes out. Each connection is
 * a pure function of (seed, talker, beat), so output is the same on every
 * machine and never needs the whole set in memory.
 */
import type { TalkerSet } from './trafficSources.js';

export interface GeneratedConnection {
  readonly timeMs: number;
  /** Talker index and its connection number: together, the connection's identity. */
  readonly talker: number;
  readonly beat: number;
  readonly host: string;
  readonly process: string;
  readonly sourceIp: string;
  readonly sourcePort: number;
  readonly destinationIp: string;
  readonly sourceBytes: number;
  readonly destinationBytes: number;
}

export interface GeneratorSpec {
  readonly seed: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly talkers: TalkerSet;
  /** Stop after this many connections (default: at `endMs`). */
  readonly limit?: number;
}

/** Uniform in [0, 1) from (seed, talker, beat, salt): a hash, not a stream. */
function unit(seed: number, talker: number, beat: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(talker + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(beat + 0x27d4eb2f, 0x165667b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(salt + 0x1b873593, 0xcc9e2d51), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

/** A min-heap of (time, talker, beat) in parallel typed arrays. */
class TalkerHeap {
  private times: Float64Array;
  private talkers: Uint32Array;
  private beats: Uint32Array;
  size = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.talkers = new Uint32Array(Math.max(1, capacity));
    this.beats = new Uint32Array(Math.max(1, capacity));
  }

  push(time: number, talker: number, beat: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(parent, time, talker)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, time, talker, beat);
  }

  /** Removes the earliest; read it first with `top*`. */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const [time, talker, beat] = [this.times[last] as number, this.talkers[last] as number, this.beats[last] as number];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.earlier(child + 1, child)) child++;
      if (!this.before(child, time, talker)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, time, talker, beat);
  }

  get topTime(): number {
    return this.times[0] as number;
  }

  get topTalker(): number {
    return this.talkers[0] as number;
  }

  get topBeat(): number {
    return this.beats[0] as number;
  }

  /** Whether entry `a` comes before (time, talker); ties go by talker for a total order. */
  private before(a: number, time: number, talker: number): boolean {
    const t = this.times[a] as number;
    return t < time || (t === time && (this.talkers[a] as number) < talker);
  }

  private earlier(a: number, b: number): boolean {
    return this.before(a, this.times[b] as number, this.talkers[b] as number);
  }

  private move(from: number, to: number): void {
    this.set(to, this.times[from] as number, this.talkers[from] as number, this.beats[from] as number);
  }

  private set(i: number, time: number, talker: number, beat: number): void {
    this.times[i] = time;
    this.talkers[i] = talker;
    this.beats[i] = beat;
  }
}

/** Connections of all talkers between `startMs` and `endMs`, in time order. */
export function* generateConnections(spec: GeneratorSpec): Generator<GeneratedConnection> {
  const { seed, startMs, endMs, talkers } = spec;
  const heap = new TalkerHeap(talkers.count);
  /** Talker `i`'s first connection from beat `beat` on (after `previousMs`), or none before the end. */
  const next = (i: number, beat: number, previousMs: number): [number, number] | undefined => {
    const t = talkers.talker(i);
    if (t.kind === 'beacon') {
      const periodMs = t.periodSeconds * 1000;
      // Beats stay in order: a jitter below half a period cannot swap two.
      for (let b = beat; ; b++) {
        const ms = Math.round(startMs + (b + 0.5) * periodMs + (2 * unit(seed, i, b, 0) - 1) * t.jitter * periodMs);
        if (ms >= endMs) return undefined;
        if (unit(seed, i, b, 1) >= t.dropRate) return [ms, b];
      }
    }
    const ms = Math.round(previousMs - Math.log(1 - unit(seed, i, beat, 0)) * (3_600_000 / t.perHour));
    return ms < endMs ? [ms, beat] : undefined;
  };
  for (let i = 0; i < talkers.count; i++) {
    const first = next(i, 0, startMs);
    if (first !== undefined) heap.push(first[0], i, first[1]);
  }
  let emitted = 0;
  while (heap.size > 0 && (spec.limit === undefined || emitted < spec.limit)) {
    const [timeMs, i, beat] = [heap.topTime, heap.topTalker, heap.topBeat];
    heap.pop();
    const t = talkers.talker(i);
    const following = next(i, beat + 1, timeMs);
    if (following !== undefined) heap.push(following[0], i, following[1]);
    const vary = (bytes: number, jitter: number, salt: number) => Math.max(1, Math.round(bytes * (1 + (2 * unit(seed, i, beat, salt) - 1) * jitter)));
    // Heavy tails for ordinary traffic, as real sizes have.
    const tail = (mean: number, salt: number) => Math.max(1, Math.round(mean * Math.exp((2 * unit(seed, i, beat, salt) - 1) * 1.5)));
    emitted++;
    yield {
      timeMs,
      talker: i,
      beat,
      host: t.host,
      process: t.process,
      sourceIp: t.sourceIp,
      sourcePort: 49152 + Math.floor(unit(seed, i, beat, 4) * 16384),
      destinationIp: t.kind === 'beacon' ? t.destination : (t.destinations[Math.floor(unit(seed, i, beat, 5) * t.destinations.length)] as string),
      sourceBytes: t.kind === 'beacon' ? vary(t.sourceBytes, t.byteJitter, 2) : tail(t.meanSourceBytes, 2),
      destinationBytes: t.kind === 'beacon' ? vary(t.destinationBytes, t.byteJitter, 3) : tail(t.meanDestinationBytes, 3),
    };
  }
}
