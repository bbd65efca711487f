/** What the main thread and the scan workers say to each other. */
import type { MessagePort } from 'node:worker_threads';
import type { ReadTask, TaskSetup } from './scanTask.js';
import type { ScoreRequest } from './scoreStates.js';

export interface ReadMessage {
  readonly kind: 'read';
  readonly task: ReadTask;
  readonly setup: TaskSetup;
  /** Repeat checks and progress go over this port while the task runs. */
  readonly port: MessagePort;
}

export interface ScoreMessage extends ScoreRequest {
  readonly kind: 'score';
}

export type WorkerMessage = ReadMessage | ScoreMessage;

/** Worker to main, on the task's port. */
export type PortMessage =
  | { readonly kind: 'claim'; readonly id: number; readonly hi: Uint32Array; readonly lo: Uint32Array }
  | { readonly kind: 'bytes'; readonly bytes: number };

/** Main to worker, on the task's port. */
export interface ClaimReply {
  readonly id: number;
  readonly repeats: Uint8Array;
}

/**
 * A failure the CLI reports on purpose (an InputError, an EngineError),
 * sent back as data: an Error crossing threads loses its class, and with it
 * the exit code.
 */
export interface WorkerFailure {
  readonly failed: { readonly kind: 'InputError' | 'EngineError'; readonly message: string };
}
