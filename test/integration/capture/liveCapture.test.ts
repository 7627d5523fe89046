/**
 * Live capture through the lab: tcpdump on lo as the lab runs it, a real TCP handshake and teardown
 * on loopback, and what the protocol gives back — rows, filters, a decoded packet, exported files
 * that tshark reads. CI runs as root; elsewhere the capability says what to do, and this skips.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { detectCapture } from '../../../electron/lab/capture/captureCapability.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';

const { capability } = detectCapture();
if (!capability.available) console.log(`live capture tests skipped: ${capability.detail}`);

const newLab = labPerTest();
const scratch = mkdtempSync(join(tmpdir(), 'loopscope-capture-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A server that echoes and closes, and a client that sends one line then ends: handshake, data, teardown. */
async function oneConversation(): Promise<{ server: Server; port: number; done: Promise<void> }> {
  const server = createServer((socket) => socket.on('data', (data) => socket.end(data)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const client = createConnection({ host: '127.0.0.1', port }, () => client.write('hello\n'));
  client.on('data', () => client.end());
  const done = once(client, 'close').then(() => undefined);
  return { server, port, done };
}

const fromBase64 = (parts: string[]): Buffer => Buffer.concat(parts.map((part) => Buffer.from(part, 'base64')));

describe.skipIf(!capability.available)('live capture on loopback', () => {
  test('captures a real handshake and teardown, in order, with consistent sequence numbers', async () => {
    const { lab, invalid } = newLab();
    const started = await lab.capture.start('all');
    expect(started.state).toBe('capturing');
    const { server, port, done } = await oneConversation();
    await done;
    server.close();
    const filter = `tcp.port == ${port}`;
    const page = await until('the teardown to be captured', () => {
      const found = lab.capture.page(0, 100, filter);
      return found.rows.filter((row) => /FIN/.test(row.info)).length >= 2 && found;
    });
    const infos = page.rows.map((row) => row.info);
    expect(infos[0]).toMatch(/^\S+ → \S+ \[SYN\] Seq=0 /);
    expect(infos[1]).toMatch(/\[SYN, ACK\] Seq=0 Ack=1 /);
    expect(infos[2]).toMatch(/\[ACK\] Seq=1 Ack=1 /);
    expect(page.rows.every((row) => row.stream === page.rows[0]?.stream)).toBe(true);
    // The display filter runs in the lab: only the SYNs of this connection.
    expect(lab.capture.page(0, 10, `${filter} && tcp.flags.syn == 1`).matched).toBe(2);
    // One packet whole: its layers with field offsets, and its bytes.
    const syn = lab.capture.packet(page.rows[0]?.number ?? 0);
    expect(syn.link).toMatchObject({ transport: 'tcp', dstPort: port });
    expect(JSON.stringify(syn.decoded)).toContain('"tcp"');
    expect(Buffer.from(syn.base64, 'base64').length).toBe(syn.row.length);
    await lab.capture.stop();
    expect(lab.capture.status().tool?.captured).toBeGreaterThanOrEqual(page.rows.length);
    expect(invalid).toEqual([]);
  });

  test('exports pcap and pcapng that tshark reads, with the same packets', async () => {
    const { lab } = newLab();
    await lab.capture.start('all');
    const { server, port, done } = await oneConversation();
    await done;
    server.close();
    const filter = `tcp.port == ${port}`;
    await until('the teardown', () => lab.capture.page(0, 100, filter).rows.filter((row) => /FIN/.test(row.info)).length >= 2);
    await lab.capture.stop();
    const expected = lab.capture.page(0, 100, filter).matched;
    for (const format of ['pcap', 'pcapng'] as const) {
      const parts: string[] = [];
      for (let part = 0, parts_ = 1; part < parts_; part++) {
        const answer = lab.capture.exportFile(format, filter, part);
        parts_ = answer.parts;
        parts.push(answer.base64);
      }
      const file = join(scratch, `export.${format}`);
      writeFileSync(file, fromBase64(parts));
      // tshark warns on stderr when run as root: that is not an error; its exit code and output decide.
      const frames = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.dstport'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
      expect(frames.length, format).toBe(expected);
    }
  });

  test("scope 'lab' keeps only the lab's ports; Loopscope's own port is never captured", async () => {
    const { lab } = newLab();
    const own = await oneConversationServerOnly();
    lab.noteOwnPort(own.port);
    await lab.capture.start('lab');
    expect(lab.capture.status().kernelFilter).toBe(`not (tcp port ${own.port})`);
    const { server, port, done } = await oneConversation();
    await done;
    server.close();
    await until('tcpdump to have seen the traffic', () => lab.capture.status().skipped > 0);
    // Neither the foreign conversation (not a lab port) nor anything on the lab's own port is kept.
    expect(lab.capture.page(0, 10, `tcp.port == ${port}`).matched).toBe(0);
    own.server.close();
    await lab.capture.stop();
  });

  test('a bad display filter is a clear error with its position, and the capture goes on', async () => {
    const { lab } = newLab();
    expect(() => lab.capture.page(0, 10, 'tcp.port == ')).toThrow(/Display filter: .* \(at character \d+\)/);
    expect(() => lab.capture.pause(true)).toThrow(/No capture is running/);
  });
});

async function oneConversationServerOnly(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port };
}
