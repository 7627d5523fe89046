import { HttpMessageParser } from '../../shared/http/index.js';
import { type BenchResult, percentile } from './stats.js';

const REQUESTS = 20_000;
const CHUNK = 64 * 1024;
const ROUNDS = 9;

/** A keep-alive stream as a browser sends it: GETs with a dozen headers, and every tenth a small form POST. */
function keepAliveStream(): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const body = i % 10 === 9 ? `user=ada&n=${i}` : '';
    parts.push(
      `${body ? 'POST' : 'GET'} /items/${i}?page=${i % 7}&sort=name HTTP/1.1\r\n` +
        'Host: 127.0.0.1:8080\r\nConnection: keep-alive\r\n' +
        'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\r\n' +
        'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\nAccept-Encoding: gzip, deflate, br\r\n' +
        'Accept-Language: en-US,en;q=0.9,zh-CN;q=0.8\r\nCookie: sid=abc123; theme=dark\r\nReferer: http://127.0.0.1:8080/\r\n' +
        'Sec-Fetch-Mode: navigate\r\nUpgrade-Insecure-Requests: 1\r\n' +
        (body ? `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n` : '') +
        `\r\n${body}`,
    );
  }
  return Buffer.from(parts.join(''));
}

function chunks(stream: Buffer): Buffer[] {
  const result: Buffer[] = [];
  for (let at = 0; at < stream.length; at += CHUNK) result.push(stream.subarray(at, at + CHUNK));
  return result;
}

function ours(pieces: Buffer[]): number {
  let messages = 0;
  const parser = new HttpMessageParser({ kind: 'request' }, { onMessage: () => void messages++ });
  for (const piece of pieces) parser.push(piece);
  return messages;
}

interface NodeHttpParser {
  initialize(type: number, resource: object): void;
  execute(bytes: Buffer): number | Error;
  [callback: number]: unknown;
}

/**
 * Node's own llhttp binding, the one http.Server runs, with the callbacks http.Server sets (headers and url arrive as
 * strings in kOnHeadersComplete). It is internal (process.binding, deprecated but present in Node 20 and 22).
 */
function nodeParser(): ((pieces: Buffer[]) => number) | null {
  const binding = (process as unknown as { binding(name: string): { HTTPParser: any } }).binding;
  let HTTPParser: any;
  try {
    process.noDeprecation = true;
    HTTPParser = binding('http_parser').HTTPParser;
  } catch {
    return null;
  } finally {
    process.noDeprecation = false;
  }
  return (pieces) => {
    let messages = 0;
    const parser = new HTTPParser() as NodeHttpParser;
    parser.initialize(HTTPParser.REQUEST, {});
    parser[HTTPParser.kOnHeadersComplete] = () => 0;
    parser[HTTPParser.kOnBody] = () => undefined;
    parser[HTTPParser.kOnMessageComplete] = () => void messages++;
    for (const piece of pieces) parser.execute(piece);
    return messages;
  };
}

/** MB per CPU-second of each parser on the same bytes, rounds interleaved so both see the same machine state. */
export async function httpDecode(): Promise<BenchResult[]> {
  const stream = keepAliveStream();
  const pieces = chunks(stream);
  const node = nodeParser();
  if (node === null) {
    console.log('httpDecode: Node\'s internal HTTPParser is not reachable here; no baseline');
    return [];
  }
  // CPU time of this thread, not wall time: on a shared machine other processes' load would blur the ratio.
  const rate = (parse: (pieces: Buffer[]) => number): number => {
    const start = process.cpuUsage();
    const messages = parse(pieces);
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    if (messages !== REQUESTS) throw new Error(`parsed ${messages} of ${REQUESTS} requests`);
    return stream.length / 1e6 / seconds;
  };
  rate(ours);
  rate(node);
  const oursRates: number[] = [];
  const nodeRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursRates.push(rate(ours));
    nodeRates.push(rate(node));
  }
  const value = percentile(oursRates, 50);
  return [
    {
      name: `HTTP/1.x decoder on ${REQUESTS} keep-alive requests (${(stream.length / 1e6).toFixed(1)} MB, median of ${ROUNDS})`,
      value,
      unit: 'MB/CPU-s',
      baselineName: "Node's llhttp (http_parser binding)",
      baseline: percentile(nodeRates, 50),
      goal: null,
      met: true,
    },
  ];
}
