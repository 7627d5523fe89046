import type { Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import type { HttpConnectionInfo, TlsRecord } from '../../../../shared/schemas/http.js';
import { CipherTap } from './cipherTap.js';
import { TlsRecordReader } from './tlsRecords.js';

/** Records kept per connection; a long download's application-data records beyond are counted. */
const MAX_RECORDS = 64;

type TlsFacts = NonNullable<HttpConnectionInfo['tls']>;

/**
 * Wraps an accepted TCP socket in TLS with the ciphertext tapped: every record each way is read from the bytes as they
 * cross (first MAX_RECORDS kept), and the session keys go to `onKeylog`. Resolves with the TLSSocket once the
 * handshake is done; rejects when it fails.
 */
export function acceptTls(
  socket: Socket,
  context: SecureContext,
  facts: TlsFacts,
  onKeylog: (line: Buffer) => void,
): Promise<TLSSocket> {
  const keep = (record: TlsRecord): void => {
    if (facts.records.length < MAX_RECORDS) facts.records.push(record);
    else facts.droppedRecords++;
  };
  const incoming = new TlsRecordReader('in', keep);
  const outgoing = new TlsRecordReader('out', keep);
  const tap = new CipherTap(
    socket,
    (chunk) => {
      facts.cipherBytesIn += chunk.length;
      incoming.push(chunk);
    },
    (chunk) => {
      facts.cipherBytesOut += chunk.length;
      outgoing.push(chunk);
    },
  );
  const tls = new TLSSocket(tap, { isServer: true, secureContext: context, ALPNProtocols: ['http/1.1'] });
  tls.on('keylog', onKeylog);
  return new Promise((resolve, reject) => {
    tls.once('secure', () => {
      facts.protocol = tls.getProtocol() ?? null;
      facts.cipher = tls.getCipher()?.standardName ?? null;
      tls.off('error', reject);
      resolve(tls);
    });
    tls.once('error', reject);
  });
}
