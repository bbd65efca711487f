/**
 * Failures that involve a search cluster. Every message is built from text
 * that went through a {@link Redactor}, so no credential reaches a log.
 */
import { BeaconwatchError } from '../errors.js';

/**
 * The cluster could not be used. Exit code 4 when it could not be reached
 * or would not talk to us (no answer, TLS, credentials refused, not the
 * engine expected): a connection error, like the engine's own; 3 when it
 * answered with an error about the data (no such index, a bad query), as
 * for any other input that cannot be read.
 */
export class ClusterError extends BeaconwatchError {
  constructor(
    message: string,
    /** HTTP status of the cluster's answer; undefined when there was none (connection, TLS). */
    readonly status?: number,
    /** The cluster's error type, e.g. `index_not_found_exception`. */
    readonly type?: string,
  ) {
    super(message);
  }

  get exitCode(): number {
    const connection = this.type === 'connection' || this.type === 'product' || this.status === 401 || this.status === 403;
    return connection ? 4 : 3;
  }

  /** Worth retrying: too many requests, a server-side failure, or no answer at all. */
  get transient(): boolean {
    return this.status === undefined ? this.type === 'connection' : this.status === 429 || this.status >= 500;
  }
}

/** The result index exists with a mapping our documents cannot be written into. Found before any scoring. */
export class ResultIndexConflictError extends BeaconwatchError {
  readonly exitCode = 2;
}

/** Some result documents could not be written; the message says how many and why. Exit code 5. */
export class ResultsNotWrittenError extends BeaconwatchError {
  readonly exitCode = 5;

  constructor(
    message: string,
    readonly failed: number,
  ) {
    super(message);
  }
}

/** `compare` found groups or fields that differ. Exit code 6, after the report. */
export class ComparisonDiffersError extends BeaconwatchError {
  readonly exitCode = 6;
}
