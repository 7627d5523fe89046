import { X509Certificate } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { head, httpLabPerTest, rawExchange, request } from './httpHarness.js';

const lab = httpLabPerTest();

describe('HTTPS beside HTTP', () => {
  test('the certificate is made at run time for 127.0.0.1 and its facts are in the status', async () => {
    const harness = await lab();
    const { certificate, tlsUrl } = await harness.call('http.status');
    expect(tlsUrl).toBe(`https://127.0.0.1:${harness.tlsPort}/`);
    expect(certificate?.selfSigned).toBe(true);
    expect(certificate?.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(new X509Certificate(certificate?.pem ?? '').fingerprint256).toBe(certificate?.fingerprint256);
  });

  test('the composer trusts the server’s own certificate; the ciphertext’s records differ from the decrypted exchange', async () => {
    const harness = await lab();
    const secret = 'a-plaintext-marker-9f3c';
    const sent = await harness.call('http.send', { url: `https://127.0.0.1:${harness.tlsPort}/search?q=${secret}` });
    expect(sent.outcome).toBe('response');
    const exchange = sent.exchange;
    expect(exchange?.summary).toMatchObject({ scheme: 'https', status: 200 });
    expect(Buffer.from(exchange?.request.raw ?? '', 'base64').toString()).toContain(secret);
    const tls = exchange?.connection.tls;
    expect(tls?.protocol).toBe('TLSv1.3');
    expect(exchange?.steps.map((step) => step.step).slice(0, 3)).toEqual(['accepted', 'tls', 'read']);
    const names = tls?.records.map((record) => `${record.direction} ${record.name}`) ?? [];
    expect(names[0]).toBe('in handshake'); // the ClientHello
    expect(names).toContain('out handshake'); // the ServerHello
    expect(names).toContain('in application_data');
    expect(names).toContain('out application_data');
    const heads = (tls?.records ?? []).map((record) => Buffer.from(record.head, 'base64'));
    expect(heads.every((bytes) => bytes[0] === tls?.records[heads.indexOf(bytes)]?.contentType)).toBe(true);
    expect(Buffer.concat(heads).includes(secret)).toBe(false);
    expect((tls?.cipherBytesIn ?? 0) > (exchange?.request.totalBytes ?? 0)).toBe(true);
  });

  test('the session keys are exported in the SSLKEYLOGFILE format', async () => {
    const harness = await lab();
    const response = head(await rawExchange(harness.tlsPort, request('GET', '/'), { tls: true }));
    expect(response.status).toBe(200);
    const { text, lines } = await harness.call('http.keylog');
    expect(lines).toBeGreaterThanOrEqual(5);
    const labels = text.trimEnd().split('\n').map((line) => {
      expect(line).toMatch(/^[A-Z][A-Z0-9_]+ [0-9a-f]{64} [0-9a-f]{64,}$/);
      return line.split(' ')[0];
    });
    expect(new Set(labels)).toEqual(new Set(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET']));
  });

  test('a client that speaks plain HTTP to the TLS port fails the handshake, logged, and the server goes on', async () => {
    const harness = await lab();
    await rawExchange(harness.tlsPort, request('GET', '/'));
    const failed = await harness.waitFor('http.step', (event) => event.data.step === 'error');
    expect(failed.data.detail).toMatch(/TLS handshake failed/);
    expect(head(await rawExchange(harness.tlsPort, request('GET', '/status/204'), { tls: true })).status).toBe(204);
  });
});
