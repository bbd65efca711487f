/** Durations on the command line: `90s`, `30m`, `1h`, `1d`, or plain seconds. */
import { ConfigError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, setting: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const ms = m === null ? NaN : Number(m[1]) * (UNIT_MS[m[2] ?? 's'] as number);
  if (!(ms > 0) || !Number.isInteger(ms)) {
    throw new ConfigError(`${setting} must be a duration such as 90s, 30m, 1h or 1d (got "${text}")`, setting);
  }
  return ms;
}
