/**
 * capture.importPcap on a real lab: files from the conformance corpus, a pcapng editcap made of one, a file of several
 * parts, and damaged files — each read part by part as the page sends them, the rows checked against tshark's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ErrorCode } from '../../../shared/rpcError.js';
import { readCapture, writePcap } from '../../../shared/packets/index.js';
import { CAPTURE_PART_BYTES, captureMethods } from '../../../shared/schemas/capture.js';
import { labPerTest } from '../../support/labHarness.js';
import { CORPUS } from '../../unit/packets/tsharkFields.js';

const newLab = labPerTest();
const scratch = mkdtempSync(join(tmpdir(), 'loopscope-import-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const resultSchema = captureMethods['capture.importPcap'].result;
type Lab = ReturnType<typeof newLab>['lab'];

/** Sends `bytes` as the page does: parts of CAPTURE_PART_BYTES in order, until the lab says it is done. */
function importBytes(lab: Lab, name: string, bytes: Uint8Array): { answer: ReturnType<Lab['capture']['importPart']>; partsSent: number } {
  const parts = Math.max(1, Math.ceil(bytes.length / CAPTURE_PART_BYTES));
  for (let part = 0; part < parts; part++) {
    const base64 = Buffer.from(bytes.subarray(part * CAPTURE_PART_BYTES, (part + 1) * CAPTURE_PART_BYTES)).toString('base64');
    const answer = resultSchema.parse(lab.capture.importPart({ name, part, parts, base64 }));
    if (answer.done) return { answer, partsSent: part + 1 };
    expect(answer.problem).toBeNull();
  }
  throw new Error(`the lab never said ${name} was done`);
}

/** tshark's frame numbers and lengths, as the list's No. and Length columns. */
function tsharkRows(path: string): string[][] {
  const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.len'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n').map((line) => line.split('\t'));
}

const ourRows = (lab: Lab): string[][] => lab.capture.page(0, 1000, '').rows.map((row) => [String(row.number), String(row.length)]);

describe('capture.importPcap', () => {
  test('every corpus file opens with the packets tshark reads, numbered from 1, its name in the status', () => {
    const { lab } = newLab();
    for (const name of ['tcpdump__print-flags.pcap', 'gopacket__test_loopback.pcap', 'tcpdump__tcp-handshake-nano.pcap', 'tcpdump__dns_udp.pcap']) {
      const path = join(CORPUS, name);
      const { answer } = importBytes(lab, name, new Uint8Array(readFileSync(path)));
      expect(answer).toMatchObject({ done: true, problem: null, status: { file: name, state: 'stopped', error: null } });
      expect(ourRows(lab)).toEqual(tsharkRows(path).slice(0, 1000));
      expect(lab.capture.packet(1).row.number).toBe(1);
    }
  });

  test('a pcapng editcap wrote of a corpus file opens with the same rows as the pcap', () => {
    const { lab } = newLab();
    const pcap = join(CORPUS, 'tcpdump__print-flags.pcap');
    const pcapng = join(scratch, 'print-flags.pcapng');
    execFileSync('editcap', ['-F', 'pcapng', pcap, pcapng]);
    importBytes(lab, 'print-flags.pcap', new Uint8Array(readFileSync(pcap)));
    const fromPcap = lab.capture.page(0, 1000, '').rows;
    const { answer } = importBytes(lab, 'print-flags.pcapng', new Uint8Array(readFileSync(pcapng)));
    expect(answer.problem).toBeNull();
    expect(lab.capture.page(0, 1000, '').rows).toEqual(fromPcap);
  });

  test('a file of several parts is read across them, records cut between parts included', () => {
    const { lab } = newLab();
    const capture = readCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));
    const copies = Array.from({ length: Math.ceil((3 * CAPTURE_PART_BYTES) / 3000) }, () => capture.packets).flat();
    const bytes = writePcap(copies.map((p) => ({ ...p, linkType: capture.interfaces[0]!.linkType })), 'source').bytes;
    const path = join(scratch, 'many.pcap');
    writeFileSync(path, bytes);
    const { answer, partsSent } = importBytes(lab, 'many.pcap', bytes);
    expect(partsSent).toBeGreaterThanOrEqual(3);
    expect(answer).toMatchObject({ done: true, problem: null, packets: copies.length });
    expect(lab.capture.page(0, 1, '').total).toBe(tsharkRows(path).length);
    // A display filter runs over the imported packets as over a live capture's.
    const syns = execFileSync('tshark', ['-r', path, '-Y', 'tcp.flags.syn == 1', '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(lab.capture.page(0, 1000, 'tcp.flags.syn == 1').matched).toBe(syns.trim().split('\n').length);
  });

  test('a truncated file keeps the packets before the cut and says at which byte it ends', () => {
    const { lab } = newLab();
    const whole = new Uint8Array(readFileSync(join(CORPUS, 'tcpdump__print-flags.pcap')));
    const records = readCapture(whole).packets.length;
    const cut = whole.subarray(0, whole.length - 10);
    const { answer } = importBytes(lab, 'cut.pcap', cut);
    expect(answer.packets).toBe(records - 1);
    expect(answer.problem?.message).toMatch(/the file is truncated/);
    expect(answer.status.error).toMatch(new RegExp(`^cut\\.pcap is damaged at byte ${answer.problem?.offset}: .*truncated.*The ${records - 1} packets before it are shown\\.$`));
  });

  test('a corrupt record length in the first part ends the import there: no more parts are asked for', () => {
    const { lab } = newLab();
    const capture = readCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));
    const copies = Array.from({ length: 800 }, () => capture.packets).flat();
    const bytes = writePcap(copies.map((p) => ({ ...p, linkType: capture.interfaces[0]!.linkType })), 'source').bytes;
    expect(bytes.length).toBeGreaterThan(2 * CAPTURE_PART_BYTES);
    // The third record's captured length becomes 2^31 - 1.
    const third = 24 + 2 * 16 + copies[0]!.data.length + copies[1]!.data.length;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(third + 8, 0x7fffffff, true);
    const { answer, partsSent } = importBytes(lab, 'corrupt.pcap', bytes);
    expect(partsSent).toBe(1);
    expect(answer).toMatchObject({ done: true, packets: 2, problem: { offset: third, message: expect.stringMatching(/record length 2147483647 is larger than the maximum/) } });
    expect(answer.status.error).toContain(`corrupt.pcap is damaged at byte ${third}`);
  });

  test('a file that is no capture at all: nothing shown, and why', () => {
    const { lab } = newLab();
    const { answer } = importBytes(lab, 'notes.txt', new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(answer).toMatchObject({ done: true, packets: 0, status: { error: expect.stringMatching(/^notes\.txt could not be read: at byte 0, not a pcap file: unknown magic number\.$/) } });
  });

  test('parts out of order are refused, naming the part expected', () => {
    const { lab } = newLab();
    const bytes = new Uint8Array(2 * CAPTURE_PART_BYTES);
    const part = (n: number): string => Buffer.from(bytes.subarray(n * CAPTURE_PART_BYTES, (n + 1) * CAPTURE_PART_BYTES)).toString('base64');
    expect(() => lab.capture.importPart({ name: 'x.pcap', part: 1, parts: 2, base64: part(1) })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidParams, message: expect.stringMatching(/No import of x\.pcap is under way/) }));
    // Zeros: a pcap magic of 0 is no capture, so part 0 already ends it.
    expect(lab.capture.importPart({ name: 'x.pcap', part: 0, parts: 2, base64: part(0) }).done).toBe(true);
    expect(() => lab.capture.importPart({ name: 'x.pcap', part: 1, parts: 2, base64: part(1) })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidParams }));
  });
});
