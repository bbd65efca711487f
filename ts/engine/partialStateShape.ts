/** The shape checks every engine makes before importing partial states. */
import { EngineError } from '../errors.js';
import type { PartialStates } from './scoringEngine.js';

/** Column lengths must agree with each other and with `slots` (the contents are the engine's to check). */
export function checkStateShape(states: PartialStates, slots: number): void {
  const cells = states.cellBuckets.length;
  const ips = states.ipIds.length;
  const consistent =
    states.count === slots &&
    states.cellOffsets.length === slots + 1 &&
    states.ipOffsets.length === slots + 1 &&
    states.latestMs.length === 2 * slots &&
    states.cellCounts.length === cells &&
    states.cellSourceBytes.length === cells &&
    states.cellDestinationBytes.length === cells &&
    states.ipCounts.length === ips;
  if (!consistent) throw new EngineError(`partial states of ${states.count} groups do not fit an import into ${slots} slots`);
}
