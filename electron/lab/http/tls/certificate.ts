import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import type { HttpCertificate } from '../../../../shared/schemas/http.js';

export interface ServerCertificate {
  key: string;
  cert: string;
  facts: HttpCertificate;
}

/**
 * A self-signed certificate for 127.0.0.1, ::1 and localhost, made at run time (selfsigned's async API, ~130 ms): no
 * key ships with the app, and no browser trusts it — which is the lesson about the server's identity.
 */
export async function makeServerCertificate(): Promise<ServerCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'Loopscope mini server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  const x509 = new X509Certificate(pems.cert);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails;
  return {
    key: pems.private,
    cert: pems.cert,
    facts: {
      subject: x509.subject.replace(/\n/g, ', '),
      issuer: x509.issuer.replace(/\n/g, ', '),
      subjectAltName: x509.subjectAltName ?? '',
      validFrom: x509.validFrom,
      validTo: x509.validTo,
      serialNumber: x509.serialNumber,
      fingerprint256: x509.fingerprint256,
      publicKey: `${key.asymmetricKeyType ?? 'unknown'}${details?.namedCurve ? ` ${details.namedCurve}` : details?.modulusLength ? ` ${details.modulusLength} bits` : ''}`,
      selfSigned: x509.subject === x509.issuer && x509.verify(x509.publicKey),
      pem: pems.cert,
    },
  };
}
