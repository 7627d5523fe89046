import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptureStatus, PacketRow } from '../../../../shared/schemas/capture.js';
import { createApi } from '../../../../renderer/api/client.js';
import { usePacketsStore } from '../../../../renderer/stores/packets.js';
import { useSessionStore } from '../../../../renderer/stores/session.js';
import { FakeTransport, ok, settle } from '../fakeTransport.js';
import { event, row, snapshot } from '../fixtures.js';
import { tcpRow } from './rows.js';

const status: CaptureStatus = {
  capability: { available: true, detail: 'root' },
  state: 'capturing',
  scope: 'all',
  kernelFilter: 'not port 1',
  packets: 0,
  skipped: 0,
  droppedByLab: 0,
  tool: null,
  error: null,
  file: null,
};

/** The lab's side: `captured` rows (stream 0 the even ones, 1 the odd), filtered by `tcp.stream == N` or nothing. */
function packetsAnswer(captured: () => PacketRow[]) {
  return (params: unknown) => {
    const { offset = 0, limit = 200, filter = '' } = params as { offset?: number; limit?: number; filter?: string };
    if (filter !== '' && !/^tcp\.stream == \d+$/.test(filter)) {
      return { ok: false as const, error: { code: -32602, message: 'Invalid params', data: { message: 'expected a value after ==', position: filter.length } } };
    }
    const kept = filter === '' ? captured() : captured().filter((packet) => `tcp.stream == ${packet.stream}` === filter);
    return { ok: true as const, result: { total: captured().length, matched: kept.length, offset, rows: kept.slice(offset, offset + limit) } };
  };
}

const ackRow = (number: number): PacketRow => tcpRow(number, '127.0.0.1:40000', '127.0.0.1:8080', '[ACK] Seq=1 Ack=1 Win=512 Len=0', number % 2);

describe('the packets store', () => {
  let transport: FakeTransport;
  let captured: PacketRow[];
  let filters: string[];

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    captured = Array.from({ length: 450 }, (_, at) => ackRow(at + 1));
    filters = [];
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' })])),
      'system.info': ok({ mainPid: 100 }),
      'processes.tasks': ok({ tasks: [] }),
      'capture.status': () => ({ ok: true, result: { ...status, packets: captured.length } }),
      'capture.packets': (params) => {
        filters.push((params as { filter?: string }).filter ?? '');
        return packetsAnswer(() => captured)(params);
      },
    };
    useSessionStore().connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('learns how many packets match from its first page, loads the last block the list follows, and the others only when shown', async () => {
    const store = usePacketsStore();
    await settle();
    expect(store.matched).toBe(450);
    expect(store.row(449)?.number).toBe(450);
    expect(store.row(250)).toBeUndefined();
    await store.ensureRows(240, 260);
    expect(store.row(250)?.number).toBe(251);
    expect(filters).toHaveLength(3);
  });

  it('follows new packets from the end of what it holds when a batch arrives', async () => {
    const store = usePacketsStore();
    await settle();
    captured.push(ackRow(451), ackRow(452));
    transport.send([event('capture.packets', { total: 452, added: 2, rows: captured.slice(-2) }, 1)]);
    await settle();
    expect(store.matched).toBe(452);
    expect(store.row(451)?.number).toBe(452);
    expect(store.status?.packets).toBe(452);
  });

  it('shows a filter the lab refuses with its position, and keeps the list and the filter it had', async () => {
    const store = usePacketsStore();
    await settle();
    await store.applyFilter('tcp.stream == 1');
    expect(store.matched).toBe(225);
    await store.applyFilter('tcp.stream ==');
    expect(store.filterError).toEqual({ message: 'expected a value after ==', position: 13, text: 'tcp.stream ==' });
    expect(store.filter).toBe('tcp.stream == 1');
    expect(store.matched).toBe(225);
    await store.applyFilter('');
    expect(store.filterError).toBeNull();
    expect(store.matched).toBe(450);
  });

  it('draws the selected packet’s connection from the rows of its stream', async () => {
    transport.answers['capture.packet'] = (params) => {
      const packet = captured[(params as { number: number }).number - 1];
      return { ok: true, result: { row: packet, base64: 'AAEC', decoded: { layers: [], checksums: [], malformed: [] }, link: null } };
    };
    const store = usePacketsStore();
    await settle();
    await store.select(3);
    await settle();
    expect(Array.from(store.selected?.bytes ?? [])).toEqual([0, 1, 2]);
    expect(filters.at(-1)).toBe('tcp.stream == 1');
    expect(store.flow?.stream).toBe(1);
    expect(store.flow?.arrows).toHaveLength(225);
  });
});
