/**
 * The piscina worker of a scan: read tasks (a file or part of one, into
 * partial states) and score tasks (partial states into scores). Each
 * worker thread loads its own WebAssembly engine on first use.
 */
import type { MessagePort } from 'node:worker_threads';
import { readLineRange, readLines } from '../source/lineReader.js';
import { readThroughTask, taskDecoder, TaskState, type Claim, type TaskResult } from './scanTask.js';
import { scoreStates, type ScoreReply } from './scoreStates.js';
import { EngineError, InputError } from '../errors.js';
import type { ClaimReply, PortMessage, ReadMessage, WorkerFailure, WorkerMessage } from './workerMessages.js';

/** Bytes read between progress messages. */
const PROGRESS_BYTES = 4 << 20;

export default async function scanWorker(message: WorkerMessage): Promise<TaskResult | ScoreReply | WorkerFailure> {
  try {
    return message.kind === 'score' ? scoreStates(message) : await read(message);
  } catch (err) {
    if (err instanceof InputError || err instanceof EngineError) return { failed: { kind: err.name as 'InputError' | 'EngineError', message: err.message } };
    throw err;
  }
}

async function read(message: ReadMessage): Promise<TaskResult> {
  const { task, setup, port } = message;
  try {
    const state = new TaskState(task.index, setup, claimOver(port));
    let unreported = 0;
    const onBytes = (bytes: number) => {
      unreported += bytes;
      if (unreported < PROGRESS_BYTES) return;
      port.postMessage({ kind: 'bytes', bytes: unreported } satisfies PortMessage);
      unreported = 0;
    };
    const lines = task.range === undefined ? readLines(task.file, { onBytes }) : readLineRange(task.file, task.range.start, task.range.end, { onBytes });
    await readThroughTask(state, lines, taskDecoder(task, setup), task, task.format);
    if (unreported > 0) port.postMessage({ kind: 'bytes', bytes: unreported } satisfies PortMessage);
    return await state.finish();
  } finally {
    port.close();
  }
}

/** Repeat checks answered by the main thread, over the task's port. */
function claimOver(port: MessagePort): Claim {
  let next = 0;
  const waiting = new Map<number, (repeats: Uint8Array) => void>();
  port.on('message', (reply: ClaimReply) => {
    waiting.get(reply.id)?.(reply.repeats);
    waiting.delete(reply.id);
  });
  return (hi, lo) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      port.postMessage({ kind: 'claim', id, hi, lo } satisfies PortMessage);
    });
}
