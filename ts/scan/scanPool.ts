/**
 * The worker threads of a scan (piscina). Read tasks run with a port of
 * their own, over which the main thread answers repeat checks and hears of
 * progress; at most two tasks per thread are in flight, so a fast reader
 * never queues unbounded work.
 */
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { EngineError, InputError } from '../errors.js';
import type { ReadTask, TaskResult, TaskSetup } from './scanTask.js';
import type { ScoreReply, ScoreRequest } from './scoreStates.js';
import type { ClaimReply, PortMessage, ReadMessage, ScoreMessage, WorkerFailure } from './workerMessages.js';

/** A worker's reply, or the failure it sent back as data, thrown again as its class. */
function unwrap<T>(reply: T | WorkerFailure): T {
  if (typeof reply === 'object' && reply !== null && 'failed' in reply) {
    const { kind, message } = reply.failed;
    throw kind === 'InputError' ? new InputError(message) : new EngineError(message);
  }
  return reply;
}

/**
 * The compiled worker. From the TypeScript sources (as in the tests) it is
 * the build's copy in `dist/`: worker threads run JavaScript.
 */
function workerFile(): string {
  const here = import.meta.url;
  const compiled = here.endsWith('.ts') ? new URL('../../dist/scan/scanWorker.js', here) : new URL('./scanWorker.js', here);
  return fileURLToPath(compiled);
}

export class ScanPool {
  private readonly pool: Piscina;

  constructor(readonly threads: number) {
    this.pool = new Piscina({ filename: workerFile(), minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }

  /** Tasks in flight at once: enough to keep every thread busy, no more. */
  get capacity(): number {
    return 2 * this.threads;
  }

  read(task: ReadTask, setup: TaskSetup, answer: (hi: Uint32Array, lo: Uint32Array) => Uint8Array, onBytes: (bytes: number) => void): Promise<TaskResult> {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (message: PortMessage) => {
      if (message.kind === 'bytes') onBytes(message.bytes);
      else port1.postMessage({ id: message.id, repeats: answer(message.hi, message.lo) } satisfies ClaimReply);
    });
    const message: ReadMessage = { kind: 'read', task, setup, port: port2 };
    return (this.pool.run(message, { transferList: [port2] }) as Promise<TaskResult | WorkerFailure>).then(unwrap).finally(() => port1.close());
  }

  score(request: ScoreRequest): Promise<ScoreReply> {
    const message: ScoreMessage = { ...request, kind: 'score' };
    return (this.pool.run(message) as Promise<ScoreReply | WorkerFailure>).then(unwrap);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
