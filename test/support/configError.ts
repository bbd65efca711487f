/** The ConfigError that `run` throws; anything else thrown, or nothing, fails the test. */
import { ConfigError } from '../../ts/errors.js';

export function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('no ConfigError thrown');
}
