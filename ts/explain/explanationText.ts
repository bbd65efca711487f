/** An explanation as `beaconwatch explain` prints it: plain words, one paragraph per test. */
import { formatTimestamp } from '../decode/timestamp.js';
import type { ScoringWindow } from '../window/windowPlan.js';
import type { Explanation, TestOutcome } from './explainResult.js';
import { formatNumber } from './formatNumber.js';

export interface ExplainedGroup {
  readonly groupFields: readonly string[];
  readonly group: readonly (string | number | boolean)[];
  readonly window: ScoringWindow;
  readonly destinationIps: readonly string[];
  /** Over a replay: windows the group was flagged in, of those it had events in. */
  readonly windowsFlagged?: number;
  readonly windowsSeen?: number;
  /** The allow-list rule that suppressed the group. */
  readonly suppressedBy?: string;
}

const OUTCOME_TEXT: Readonly<Record<TestOutcome, string>> = { pass: 'PASS', fail: 'FAIL', 'not run': 'NOT RUN (fails)', 'no data': 'NO DATA (fails)' };

export function formatExplanation(e: Explanation, g: ExplainedGroup): string {
  const out: string[] = [];
  out.push(`${g.group.map(String).join(' / ')}  (${g.groupFields.join(' / ')})`);
  out.push(`window: ${formatTimestamp(g.window.startMs)} .. ${formatTimestamp(g.window.endMs)}, buckets of ${formatNumber(e.bucketSeconds)} s`);
  if (g.windowsSeen !== undefined && g.windowsSeen > 1) out.push(`flagged in ${g.windowsFlagged ?? 0} of the ${g.windowsSeen} windows it had events in`);
  if (g.suppressedBy !== undefined) out.push(`suppressed by allow-list ${g.suppressedBy}`);
  out.push(`verdict: ${e.verdict}`);
  if (e.scored) {
    out.push(`buckets: connections in ${e.nonEmptyBuckets} of the ${e.interval} from the first to the last event (interval ${e.interval})`);
    out.push(`detected period: ${e.period.text}`);
  }
  out.push(`top destinations: ${g.destinationIps.length === 0 ? 'none' : g.destinationIps.join(', ')}`);
  e.tests.forEach((t, i) => {
    out.push('');
    out.push(`${i + 1}. ${t.title} (${t.flag}): ${OUTCOME_TEXT[t.outcome]}`);
    out.push(`   ${t.reading}`);
    out.push(`   threshold: ${t.parameter} = ${formatNumber(t.threshold)}`);
    out.push(`   to flip: ${t.flip}`);
  });
  out.push('');
  out.push(e.flip);
  return `${out.join('\n')}\n`;
}
