import { describe, expect, test } from 'vitest';
import type { SocketInfo } from '../../../shared/schemas/sockets.js';
import { callRefusal, type SocketFacts } from '../../../shared/sockets/callRules.js';
import { pythonLines } from '../../../shared/sockets/pythonLines.js';

const facts = (protocol: 'tcp' | 'udp', state: SocketInfo['state'], extra: Partial<SocketFacts> = {}): SocketFacts => ({
  name: 's1',
  protocol,
  state,
  shutdown: { read: false, write: false },
  local: state === 'created' ? null : { address: '127.0.0.1', port: 8080 },
  ...extra,
});

describe('what must come first', () => {
  test('the TCP server’s order: bind, listen, accept', () => {
    expect(callRefusal('accept', facts('tcp', 'created'))?.text).toMatch(/call bind\(\) and then listen\(\) first/);
    expect(callRefusal('accept', facts('tcp', 'bound'))?.text).toMatch(/call listen\(\) first/);
    expect(callRefusal('listen', facts('tcp', 'created'))?.text).toMatch(/bind\(\) s1 to a loopback address/);
    expect(callRefusal('listen', facts('tcp', 'bound'))).toBeNull();
    expect(callRefusal('accept', facts('tcp', 'listening'))).toBeNull();
    expect(callRefusal('bind', facts('tcp', 'bound'))?.text).toMatch(/already bound/);
  });

  test('sending and receiving need what each protocol needs', () => {
    expect(callRefusal('send', facts('tcp', 'bound'))?.text).toMatch(/connect\(\) first/);
    expect(callRefusal('send', facts('tcp', 'connected', { shutdown: { read: false, write: true } }))?.text).toMatch(/SHUT_WR/);
    expect(callRefusal('sendto', facts('tcp', 'connected'))?.text).toMatch(/with send\(\)/);
    expect(callRefusal('sendto', facts('udp', 'created'))).toBeNull(); // the kernel binds it
    expect(callRefusal('recvfrom', facts('udp', 'created'))?.text).toMatch(/no port yet/);
    expect(callRefusal('listen', facts('udp', 'bound'))?.text).toMatch(/UDP has no listen/);
  });

  test('a closed socket takes nothing', () => {
    for (const call of ['bind', 'send', 'recv', 'close', 'setsockopt'] as const) expect(callRefusal(call, facts('tcp', 'closed'))?.text).toMatch(/is closed/);
  });

  test('each refusal is a lab text, so the UI says the rule the lab enforces in the reader’s language', () => {
    expect(callRefusal('accept', facts('tcp', 'created'))).toEqual({
      key: 'lab.error.socketCall.acceptNeedsBindListen',
      params: { name: 's1', state: 'created' },
      text: 'accept() needs a listening socket: call bind() and then listen() first (it is created).',
    });
    // An unbound listen() is refused for its missing address, not as if it came after a connection.
    expect(callRefusal('listen', facts('tcp', 'created'))?.key).toBe('lab.error.socketCall.listenNeedsBind');
    expect(callRefusal('listen', facts('tcp', 'connected'))?.key).toBe('lab.error.socketCall.listenAfterConnect');
    expect(callRefusal('send', facts('tcp', 'connected', { shutdown: { read: false, write: true } }))?.key).toBe('lab.error.socketCall.sendAfterShutdown');
    expect(callRefusal('recv', facts('tcp', 'connected', { shutdown: { read: false, write: true } }))).toBeNull();
  });
});

describe('the Python line beside each step', () => {
  test('as the syllabus writes them', () => {
    expect(pythonLines.socket('udp_socket', 'udp', 'IPv4')).toBe('udp_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)');
    expect(pythonLines.bind('s', '127.0.0.1', 8080)).toBe('s.bind(("127.0.0.1", 8080))');
    expect(pythonLines.accept('server_socket', 'client_socket')).toBe('client_socket, addr = server_socket.accept()');
    expect(pythonLines.send('client_socket', { text: '收到消息', encoding: 'gbk' })).toBe('client_socket.send("收到消息".encode("gbk"))');
    expect(pythonLines.sendto('s', { base64: 'AA==' }, '::1', 9000)).toBe('s.sendto(data, ("::1", 9000))');
    expect(pythonLines.setsockopt('s', 'SO_LINGER', { on: true, seconds: 0 })).toBe('s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))');
    expect(pythonLines.recvfrom('s', 1024)).toBe('data, addr = s.recvfrom(1024)');
  });
});
