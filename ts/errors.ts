/**
 * Every failure beaconwatch reports on purpose is one of these classes, each
 * with the process exit code the CLI uses for it (documented in the README).
 * Anything else that escapes is a bug and exits with code 1.
 */
export abstract class BeaconwatchError extends Error {
  abstract readonly exitCode: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A command line that cannot be run: unknown flag, missing argument. */
export class UsageError extends BeaconwatchError {
  readonly exitCode = 2;
}

/** A configuration value that cannot be used: parameters, filters, flags. */
export class ConfigError extends BeaconwatchError {
  readonly exitCode = 2;

  constructor(
    message: string,
    /** The setting at fault, e.g. `truncate_at` or `private_source_cidrs`. */
    readonly setting: string,
    /** The file it came from, when it came from one. */
    readonly file?: string,
  ) {
    super(file === undefined ? message : `${file}: ${message}`);
  }
}

/** Input that yields nothing to score, or cannot be read at all. */
export class InputError extends BeaconwatchError {
  readonly exitCode = 3;

  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The scoring engine is missing, or refused a call it should not have. */
export class EngineError extends BeaconwatchError {
  readonly exitCode = 4;

  constructor(
    message: string,
    /** The engine's status code, where it gave one. */
    readonly status?: number,
  ) {
    super(message);
  }
}
