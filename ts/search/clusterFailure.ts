/**
 * Turns whatever a client throws into a {@link ClusterError} whose message
 * says what was being done, on which cluster, and what the cluster said:
 * redacted, and never carrying the client's request metadata (which holds
 * the headers).
 */
import type { Redactor } from './redactor.js';
import { ClusterError } from './searchErrors.js';

interface ClientFailure {
  readonly name?: string;
  readonly message?: string;
  readonly statusCode?: number;
  readonly meta?: { readonly statusCode?: number; readonly body?: unknown };
  readonly body?: unknown;
}

export function clusterFailure(err: unknown, action: string, target: string, redactor: Redactor): ClusterError {
  if (err instanceof ClusterError) return err;
  const failure = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ClientFailure;
  const status = failure.meta?.statusCode ?? failure.statusCode;
  const body = failure.meta?.body ?? failure.body;
  const reported = errorOfBody(body);
  let detail: string;
  let type: string | undefined = reported?.type;
  if (reported !== undefined) detail = reported.text;
  else if (failure.name === 'ProductNotSupportedError') {
    detail = 'the server did not identify itself as Elasticsearch (no X-Elastic-Product header); for OpenSearch give --es-engine opensearch';
    type = 'product';
  } else if (status === undefined) {
    detail = failure.message ?? String(err);
    type = 'connection';
  } else detail = `${failure.message ?? 'error'}${typeof body === 'string' && body !== '' ? `: ${body.slice(0, 300)}` : ''}`;
  const code = status === undefined ? '' : ` (HTTP ${status})`;
  return new ClusterError(redactor.redact(`${target}: ${action} failed${code}: ${detail}`), status, type);
}

interface Cause {
  readonly type?: string;
  readonly reason?: string;
  readonly script_stack?: readonly string[];
  readonly caused_by?: Cause;
}

/** `type: reason` of an Elasticsearch-style error body, with its first shard's or root cause. */
function errorOfBody(body: unknown): { type: string; text: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { type: 'error', text: error };
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Cause & { root_cause?: Cause[]; failed_shards?: { reason?: Cause }[] };
  const parts = [`${e.type ?? 'error'}: ${e.reason ?? ''}`];
  const cause = e.failed_shards?.[0]?.reason ?? e.root_cause?.[0] ?? e.caused_by;
  if (cause !== undefined && cause.reason !== e.reason) parts.push(`(${cause.type ?? 'cause'}: ${cause.reason ?? ''})`);
  // A script's own error: where in the script, and the innermost reason.
  if (cause?.script_stack !== undefined) parts.push(`at: ${cause.script_stack.join(' ').replace(/\s+/g, ' ')}`);
  let deepest = cause?.caused_by;
  while (deepest?.caused_by !== undefined) deepest = deepest.caused_by;
  if (deepest !== undefined) parts.push(`caused by ${deepest.type ?? 'error'}: ${deepest.reason ?? ''}`);
  return { type: e.type ?? 'error', text: parts.join(' ') };
}
