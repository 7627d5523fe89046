import { describe, expect, it } from 'vitest';
import { stepRefusal } from '../../../../renderer/model/sockets/stepRefusal.js';
import { labSocket } from './fixtures.js';

describe('the next valid steps', () => {
  it('explains why a server cannot accept before listen, and lets it once it listens', () => {
    expect(stepRefusal('accept', labSocket('s1'))).toMatchObject({ key: 'sockets.why.acceptNeedsBindListen', values: { name: 's1', state: 'created' } });
    expect(stepRefusal('accept', labSocket('s1', { state: 'bound' }))?.key).toBe('sockets.why.acceptNeedsListen');
    expect(stepRefusal('accept', labSocket('s1', { state: 'listening' }))).toBeNull();
  });

  it('keeps the lab’s own words beside the key, for the rule it enforces', () => {
    expect(stepRefusal('accept', labSocket('s1'))?.text).toContain('listen()');
  });

  it('tells UDP from TCP: no listen or accept, sendto not send until a peer is fixed, no recvfrom before a port', () => {
    const udp = labSocket('u1', { protocol: 'udp' });
    expect(stepRefusal('listen', udp)?.key).toBe('sockets.why.udpListen');
    expect(stepRefusal('accept', udp)?.key).toBe('sockets.why.udpAccept');
    expect(stepRefusal('send', udp)?.key).toBe('sockets.why.udpSendNeedsPeer');
    expect(stepRefusal('sendto', udp)).toBeNull();
    expect(stepRefusal('recvfrom', udp)?.key).toBe('sockets.why.noPortYet');
    expect(stepRefusal('recvfrom', labSocket('u1', { protocol: 'udp', state: 'bound' }))).toBeNull();
    expect(stepRefusal('sendto', labSocket('t1'))?.key).toBe('sockets.why.sendtoOnTcp');
  });

  it('refuses every step on a closed socket but close, and send after SHUT_WR', () => {
    expect(stepRefusal('bind', labSocket('s1', { state: 'closed' }))?.key).toBe('sockets.why.closed');
    expect(stepRefusal('send', labSocket('s1', { state: 'connected', shutdown: { read: false, write: true } }))?.key).toBe('sockets.why.sendAfterShutdown');
    expect(stepRefusal('recv', labSocket('s1', { state: 'connected', shutdown: { read: false, write: true } }))).toBeNull();
  });
});
