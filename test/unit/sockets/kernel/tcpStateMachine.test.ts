import { describe, expect, it } from 'vitest';
import { passedStates } from '../../../../electron/lab/sockets/kernel/tcpStateMachine.js';

describe('passedStates: what the kernel must have passed between two readings (RFC 793, figure 6)', () => {
  it('an active close seen as ESTABLISHED then TIME_WAIT passed FIN_WAIT1 and FIN_WAIT2, saying CLOSING was the other road', () => {
    const passed = passedStates('ESTABLISHED', 'TIME_WAIT');
    expect(passed.states).toEqual(['FIN_WAIT1', 'FIN_WAIT2']);
    expect(passed.alternative).toMatch(/CLOSING/);
  });

  it('a passive close seen as ESTABLISHED then LAST_ACK passed CLOSE_WAIT, with no other road', () => {
    expect(passedStates('ESTABLISHED', 'LAST_ACK')).toEqual({ states: ['CLOSE_WAIT'], alternative: null });
  });

  it('a connect() first seen ESTABLISHED passed SYN_SENT; an accepted socket first seen ESTABLISHED passed SYN_RECV', () => {
    expect(passedStates(null, 'ESTABLISHED', 'active').states).toEqual(['SYN_SENT']);
    expect(passedStates(null, 'ESTABLISHED', 'passive').states).toEqual(['SYN_RECV']);
  });

  it('a new client first seen in TIME_WAIT passed the whole active path', () => {
    expect(passedStates(null, 'TIME_WAIT', 'active').states).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2']);
    expect(passedStates(null, 'CLOSE_WAIT', 'passive').states).toEqual(['SYN_RECV', 'ESTABLISHED']);
  });

  it('adjacent states, first states and the same state imply nothing', () => {
    expect(passedStates('FIN_WAIT1', 'FIN_WAIT2').states).toEqual([]);
    expect(passedStates(null, 'LISTEN').states).toEqual([]);
    expect(passedStates(null, 'SYN_SENT').states).toEqual([]);
    expect(passedStates(null, 'SYN_RECV', 'passive').states).toEqual([]);
    expect(passedStates('ESTABLISHED', 'ESTABLISHED').states).toEqual([]);
  });

  it('leaving the tables implies nothing: a reset or a timeout can end any state at once', () => {
    expect(passedStates('ESTABLISHED', null).states).toEqual([]);
    expect(passedStates('CLOSE_WAIT', null).states).toEqual([]);
  });

  it('a jump figure 6 cannot explain (TIME_WAIT back to ESTABLISHED) is not filled in', () => {
    expect(passedStates('TIME_WAIT', 'ESTABLISHED').states).toEqual([]);
    expect(passedStates('LAST_ACK', 'FIN_WAIT2').states).toEqual([]);
  });

  it('FIN_WAIT1 then TIME_WAIT passed FIN_WAIT2 (or CLOSING on a simultaneous close)', () => {
    expect(passedStates('FIN_WAIT1', 'TIME_WAIT').states).toEqual(['FIN_WAIT2']);
    expect(passedStates('SYN_SENT', 'CLOSE_WAIT').states).toEqual(['ESTABLISHED']);
  });
});
