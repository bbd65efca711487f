/**
 * An HTTPS agent that trusts exactly one certificate: the CA (top of the
 * chain the server presents, or a self-signed server certificate) whose
 * SHA-256 fingerprint was given. The Elasticsearch client pins this way on
 * its own (`caFingerprint`); the OpenSearch client gets this agent.
 *
 * The socket is handed to HTTP only after the check, so no request (and no
 * credential) is ever written to an unverified server.
 */
import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

export function pinnedTlsAgent(fingerprint: string, options: AgentOptions = {}): Agent {
  return new PinnedTlsAgent(fingerprint, options);
}

class PinnedTlsAgent extends Agent {
  constructor(
    private readonly fingerprint: string,
    options: AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: ConnectionOptions, callback: (err: Error | null, socket?: Duplex) => void): undefined {
    const socket: TLSSocket = connect({ ...options, rejectUnauthorized: false });
    const fail = (err: Error) => callback(err);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      const root = chainRoot(socket.getPeerCertificate(true));
      if (root === undefined || normalize(root.fingerprint256) !== normalize(this.fingerprint)) {
        socket.destroy();
        callback(new Error('the server certificate chain does not match the pinned CA fingerprint'));
        return;
      }
      callback(null, socket);
    });
    return undefined;
  }
}

/** The last certificate of the chain: the CA, or the certificate itself when self-signed. */
function chainRoot(certificate: DetailedPeerCertificate): DetailedPeerCertificate | undefined {
  let current = certificate;
  if (Object.keys(current).length === 0) return undefined;
  for (let depth = 0; depth < 16; depth++) {
    const issuer = current.issuerCertificate as DetailedPeerCertificate | undefined;
    if (issuer === undefined || issuer === null || Object.keys(issuer).length === 0 || issuer.fingerprint256 === current.fingerprint256) return current;
    current = issuer;
  }
  return undefined;
}

function normalize(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toUpperCase();
}
