/**
 * HTTP read from live packets: a node:http server and curl — two programs that are not the lab's — talk on loopback
 * while the lab captures everything, and the exchange comes back from the packets with what was sent; tshark agrees
 * on which packets carry HTTP and what they say. The lab's own server's exchange is linked to its packets and back.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { detectCapture } from '../../../electron/lab/capture/captureCapability.js';
import { until } from '../../support/poll.js';
import { httpLabPerTest } from '../http/httpHarness.js';

const { capability } = detectCapture();
if (!capability.available) console.log(`HTTP-in-packets tests skipped: ${capability.detail}`);

const lab = httpLabPerTest();
const scratch = mkdtempSync(join(tmpdir(), 'loopscope-http-packets-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    const body = 'got ' + Buffer.concat(parts).length + ' bytes for ' + req.url;
    res.writeHead(201, 'Created', { 'Content-Type': 'text/plain; charset=utf-8', 'X-Served-By': 'node', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** A node:http server of its own, in its own process; the port it printed. */
async function foreignServer(): Promise<number> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return Number(line.toString().trim());
}

const REQUEST_BODY = JSON.stringify({ greeting: 'hello from curl', list: [1, 2, 3] });

describe.skipIf(!capability.available)('HTTP found in captured packets', () => {
  test('curl against a node:http server: the exchange read from the packets is what was sent, and tshark agrees', async () => {
    const harness = await lab();
    await harness.call('capture.start', { scope: 'all' });
    const port = await foreignServer();
    await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-X', 'POST', '-H', 'X-Test: one', '-H', 'Content-Type: application/json', '--data-binary', REQUEST_BODY, `http://127.0.0.1:${port}/echo?x=1`]);
    const filter = `tcp.port == ${port}`;
    await until('the teardown to be captured', () => harness.lab.capture.page(0, 100, filter).rows.filter((row) => /FIN/.test(row.info)).length >= 2);
    await harness.call('capture.stop');

    // The list: the packets that complete each message say HTTP, with Wireshark's Info.
    const rows = (await harness.call('capture.packets', { filter, limit: 100 })).rows;
    const http = rows.filter((row) => row.protocol === 'HTTP');
    expect(http.map((row) => row.info)).toEqual(['POST /echo?x=1 HTTP/1.1', 'HTTP/1.1 201 Created  (text/plain)']);
    const stream = http[0]!.stream!;
    // Beneath HTTP, the TCP Info stays for the flow diagram.
    expect(http[0]!.tcpInfo).toMatch(/\[PSH, ACK\] Seq=1 Ack=1 .*Len=\d+/);

    // The layer tree: an application layer named as Wireshark names it, its request line first.
    const packet = await harness.call('capture.packet', { number: http[0]!.number });
    const layers = (packet.decoded as { layers: Array<{ protocol: string; title: string; osiLayer: number; fields: Array<{ label: string }> }> }).layers;
    expect(layers.at(-1)).toMatchObject({ protocol: 'http', title: 'Hypertext Transfer Protocol', osiLayer: 7 });
    expect(layers.at(-1)!.fields[0]!.label).toBe('POST /echo?x=1 HTTP/1.1\\r\\n');
    expect(packet.http).toEqual({ stream, index: 0 });

    // The exchange, in the HTTP lab's shape, marked as read from packets.
    const { exchanges } = await harness.call('capture.httpExchanges', { stream });
    expect(exchanges).toHaveLength(1);
    const found = exchanges[0]!;
    expect([found.source, found.exchange.summary.recorder, found.logExchangeId]).toEqual(['packets', 'packets', null]);
    expect(found.requestPackets).toContain(http[0]!.number);
    expect(found.responsePackets).toContain(http[1]!.number);
    const { summary, request, response } = found.exchange;
    expect([summary.method, summary.target, summary.host, summary.status, summary.statusText]).toEqual(['POST', '/echo?x=1', `127.0.0.1:${port}`, 201, 'Created']);
    const requestHeaders = Object.fromEntries(request.parsed!.headers.map((h) => [h.name.toLowerCase(), h.value]));
    expect(requestHeaders).toMatchObject({ 'x-test': 'one', 'content-type': 'application/json', 'content-length': String(REQUEST_BODY.length) });
    expect(Buffer.from(request.parsed!.body.base64, 'base64').toString()).toBe(REQUEST_BODY);
    const responseHeaders = Object.fromEntries(response!.parsed!.headers.map((h) => [h.name.toLowerCase(), h.value]));
    expect(responseHeaders).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-served-by': 'node' });
    expect(Buffer.from(response!.parsed!.body.base64, 'base64').toString()).toBe(`got ${REQUEST_BODY.length} bytes for /echo?x=1`);
    expect(Buffer.from(request.raw, 'base64').toString('latin1')).toMatch(/^POST \/echo\?x=1 HTTP\/1\.1\r\n/);

    // tshark on the same packets: the same frames carry HTTP, with the same method, URI, code and Info.
    const parts: string[] = [];
    for (let part = 0, count = 1; part < count; part++) {
      const answer = await harness.call('capture.exportPcap', { filter, part });
      count = answer.parts;
      parts.push(answer.base64);
    }
    const file = join(scratch, 'http.pcap');
    writeFileSync(file, Buffer.concat(parts.map((part) => Buffer.from(part, 'base64'))));
    const fields = ['frame.number', 'http.request.method', 'http.request.uri', 'http.response.code', '_ws.col.Info'];
    const tshark = execFileSync('tshark', ['-r', file, '-Y', 'http', '-T', 'fields', ...fields.flatMap((name) => ['-e', name])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .map((line) => line.split('\t').map((cell) => cell.trim()))
      // Wireshark appends the body's own dissector to Info (", JavaScript Object Notation (application/json)"): not HTTP's part.
      .map((cells) => [...cells.slice(0, 4), cells[4]!.split(' , ')[0]!]);
    const ours = http.map((row) => {
      const position = rows.indexOf(row) + 1;
      const message = row === http[0] ? ['POST', '/echo?x=1', ''] : ['', '', '201'];
      return [String(position), ...message, row.info];
    });
    expect(ours).toEqual(tshark);
  });

  test('a kept-alive connection: two exchanges on one stream, each paired with its own response', async () => {
    const harness = await lab();
    await harness.call('capture.start', { scope: 'all' });
    const port = await foreignServer();
    // curl reuses one connection for both URLs.
    await promisify(execFile)('curl', ['-s', '-o', '/dev/null', '-o', '/dev/null', `http://127.0.0.1:${port}/first`, `http://127.0.0.1:${port}/second`]);
    const filter = `tcp.port == ${port}`;
    await until('both responses captured', () => harness.lab.capture.page(0, 100, filter).rows.filter((row) => row.protocol === 'HTTP').length >= 4);
    await harness.call('capture.stop');
    const streams = new Set(harness.lab.capture.page(0, 100, filter).rows.map((row) => row.stream));
    expect(streams.size).toBe(1);
    const { exchanges } = await harness.call('capture.httpExchanges', { stream: [...streams][0]! });
    expect(exchanges.map((e) => [e.index, e.exchange.summary.target, e.exchange.summary.indexOnConnection, Buffer.from(e.exchange.response!.parsed!.body.base64, 'base64').toString()])).toEqual([
      [0, '/first', 0, 'got 0 bytes for /first'],
      [1, '/second', 1, 'got 0 bytes for /second'],
    ]);
  });

  test("the lab's own server's exchange links to its packets, and the packets back to it", async () => {
    const harness = await lab();
    await harness.call('capture.start', { scope: 'lab' });
    const sent = await harness.call('http.send', { url: `http://127.0.0.1:${harness.port}/hello?who=packets` });
    // The server's own record of the exchange: the one the live log holds.
    const logged = await until('the server to log the exchange', async () => {
      const page = await harness.call('http.exchanges', {});
      return page.exchanges.find((e) => e.recorder === 'server' && e.target === '/hello?who=packets');
    });
    const found = await until('the packets to carry the exchange', async () => {
      const answer = await harness.call('capture.httpExchanges', { logExchangeId: logged.exchangeId });
      return answer.exchanges[0]?.responsePackets.length ? answer.exchanges[0] : undefined;
    });
    await harness.call('capture.stop');
    expect(sent.exchange?.summary.status).toBe(found.exchange.summary.status);
    expect([found.exchange.summary.method, found.exchange.summary.target]).toEqual(['GET', '/hello?who=packets']);
    // And back: the packet exchange names the log's.
    const { exchanges } = await harness.call('capture.httpExchanges', { stream: found.stream });
    expect(exchanges.find((e) => e.index === found.index)?.logExchangeId).toBe(logged.exchangeId);
    // Its packets are the ones `tcp.stream == N` selects.
    const streamRows = (await harness.call('capture.packets', { filter: `tcp.stream == ${found.stream}`, limit: 100 })).rows.map((row) => row.number);
    expect(streamRows).toEqual(expect.arrayContaining([...found.requestPackets, ...found.responsePackets]));
  });
});
