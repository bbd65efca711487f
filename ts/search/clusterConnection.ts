/**
 * How to reach a cluster: its URL, credentials (API key, basic or bearer),
 * TLS trust (a CA file or a pinned fingerprint) and, optionally, which
 * engine it runs. Credentials come from flags or the environment; the URL
 * kept here never holds them, so it can be printed.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { Redactor } from './redactor.js';

export type SearchEngineKind = 'elasticsearch' | 'opensearch';

export const SEARCH_ENGINE_KINDS: readonly SearchEngineKind[] = ['elasticsearch', 'opensearch'];

export type ClusterAuth =
  | { readonly kind: 'none' }
  /** `id:key`, or its base64 encoding as Elasticsearch hands it out. */
  | { readonly kind: 'api-key'; readonly apiKey: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly token: string };

export interface ClusterConnection {
  /** The node URL, without credentials: safe to print. */
  readonly url: string;
  readonly auth: ClusterAuth;
  /** PEM file of the CA that signed the cluster's certificate. */
  readonly caFile?: string;
  /** SHA-256 fingerprint of the CA certificate (or of a self-signed server certificate), hex, colons optional. */
  readonly caFingerprint?: string;
  /** `auto`: from the cluster's answer to `GET /`. */
  readonly engine: 'auto' | SearchEngineKind;
  /** Per request (default 60 s). */
  readonly requestTimeoutMs?: number;
}

/** The credential-bearing settings of one cluster, as flags or environment variables give them. */
export interface ClusterSettings {
  readonly url: string;
  readonly apiKey?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly bearerToken?: string | undefined;
  readonly caFile?: string | undefined;
  readonly caFingerprint?: string | undefined;
  readonly engine?: string | undefined;
}

/**
 * Checks the settings of one cluster. `flag` prefixes the names in messages
 * (`es` for `--es-api-key`, `write-es` for the result cluster). Credentials
 * in the URL (`https://user:pass@host`) are taken out of it and used as
 * basic auth; two kinds of credentials at once are an error.
 */
export function clusterConnection(settings: ClusterSettings, flag: string): ClusterConnection {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    // The text may hold a password: do not repeat it.
    throw new ConfigError(`--${flag} must be a URL such as https://host:9200`, flag);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`--${flag} must be an http:// or https:// URL (got ${url.protocol})`, flag);
  const kinds: ClusterAuth[] = [];
  if (url.username !== '' || url.password !== '') {
    kinds.push({ kind: 'basic', username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    url.username = '';
    url.password = '';
  }
  if (settings.username !== undefined || settings.password !== undefined) {
    if (settings.username === undefined || settings.password === undefined) {
      throw new ConfigError(`basic auth needs both --${flag}-username and --${flag}-password (or their environment variables)`, `${flag}-username`);
    }
    kinds.push({ kind: 'basic', username: settings.username, password: settings.password });
  }
  if (settings.apiKey !== undefined) kinds.push({ kind: 'api-key', apiKey: settings.apiKey });
  if (settings.bearerToken !== undefined) kinds.push({ kind: 'bearer', token: settings.bearerToken });
  if (kinds.length > 1) {
    throw new ConfigError(`give one kind of credentials for --${flag} (found: ${kinds.map((k) => k.kind).join(', ')})`, `${flag}-api-key`);
  }
  const engine = settings.engine ?? 'auto';
  if (engine !== 'auto' && !(SEARCH_ENGINE_KINDS as readonly string[]).includes(engine)) {
    throw new ConfigError(`--${flag}-engine must be auto, elasticsearch or opensearch (got "${engine}")`, `${flag}-engine`);
  }
  const fingerprint = settings.caFingerprint === undefined ? undefined : normalizeFingerprint(settings.caFingerprint, flag);
  if (fingerprint !== undefined && settings.caFile !== undefined) {
    throw new ConfigError(`give --${flag}-ca or --${flag}-ca-fingerprint, not both`, `${flag}-ca`);
  }
  return {
    url: url.href.replace(/\/$/, ''),
    auth: kinds[0] ?? { kind: 'none' },
    ...(settings.caFile === undefined ? {} : { caFile: settings.caFile }),
    ...(fingerprint === undefined ? {} : { caFingerprint: fingerprint }),
    engine: engine as ClusterConnection['engine'],
  };
}

/** A redactor for the secrets of one connection. */
export function connectionRedactor(connection: ClusterConnection): Redactor {
  const a = connection.auth;
  switch (a.kind) {
    case 'none':
      return new Redactor([]);
    case 'api-key':
      return new Redactor([a.apiKey, apiKeyHeaderValue(a.apiKey), ...a.apiKey.split(':').slice(1)]);
    case 'basic':
      return new Redactor([a.password, `${a.username}:${a.password}`]);
    case 'bearer':
      return new Redactor([a.token]);
  }
}

/** The encoded form of an API key, as the `Authorization: ApiKey ...` header carries it. */
export function apiKeyHeaderValue(apiKey: string): string {
  return apiKey.includes(':') ? Buffer.from(apiKey).toString('base64') : apiKey;
}

/** The CA file's certificates, read when a client is made. */
export function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`cannot read the CA file (${(err as Error).message})`, 'ca', file);
  }
}

/** `AB:CD:...` uppercase with colons, from hex with or without colons. */
function normalizeFingerprint(text: string, flag: string): string {
  const hex = text.replace(/:/g, '').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError(`--${flag}-ca-fingerprint must be a SHA-256 fingerprint: 64 hex digits, colons optional`, `${flag}-ca-fingerprint`);
  }
  return hex.toUpperCase().match(/../g)?.join(':') ?? hex;
}
