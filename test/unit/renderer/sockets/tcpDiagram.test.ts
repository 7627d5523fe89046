import { describe, expect, it } from 'vitest';
import { DIAGRAM_EDGES, DIAGRAM_HEIGHT, DIAGRAM_NODES, DIAGRAM_WIDTH, nodeForState, walkedEdges } from '../../../../renderer/model/sockets/tcpDiagram.js';
import { TRANSITIONS } from '../../../../renderer/model/sockets/tcpStates.js';
import { TcpState } from '../../../../shared/schemas/socketStates.js';

describe('the RFC 793 state diagram', () => {
  it('draws every kernel state once, CLOSED twice (where a socket begins and where it ends), every box inside the picture and none overlapping', () => {
    expect(DIAGRAM_NODES.map((node) => node.state).sort()).toEqual([...TcpState.options, 'CLOSE'].sort());
    for (const node of DIAGRAM_NODES) {
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width / 2).toBeLessThanOrEqual(DIAGRAM_WIDTH);
      expect(node.y - node.height / 2).toBeGreaterThanOrEqual(0);
      expect(node.y + node.height / 2).toBeLessThanOrEqual(DIAGRAM_HEIGHT);
    }
    for (const a of DIAGRAM_NODES)
      for (const b of DIAGRAM_NODES) if (a !== b) expect(Math.abs(a.x - b.x) >= a.width || Math.abs(a.y - b.y) >= a.height).toBe(true);
  });

  it('draws one arrow per transition, starting and ending on the boxes’ borders', () => {
    expect(DIAGRAM_EDGES).toHaveLength(TRANSITIONS.length);
    expect(new Set(DIAGRAM_EDGES.map((edge) => edge.key)).size).toBe(DIAGRAM_EDGES.length);
    const onBorder = (id: string, x: number, y: number) => {
      const node = DIAGRAM_NODES.find((candidate) => candidate.id === id)!;
      const [dx, dy] = [Math.abs(x - node.x) - node.width / 2, Math.abs(y - node.y) - node.height / 2];
      return Math.abs(Math.max(dx, dy)) < 8; // on the border, give or take the offset of a pair drawn side by side
    };
    for (const edge of DIAGRAM_EDGES) {
      expect(onBorder(edge.from, edge.x1, edge.y1)).toBe(true);
      expect(onBorder(edge.to, edge.x2, edge.y2)).toBe(true);
    }
  });

  it('ends LAST_ACK and TIME_WAIT in the bottom CLOSED, and the others’ close() back at the top', () => {
    const target = (from: string) => DIAGRAM_EDGES.filter((edge) => edge.from === from && edge.transition.to === 'CLOSE').map((edge) => edge.to);
    expect(target('TIME_WAIT')).toEqual(['CLOSE_END']);
    expect(target('LAST_ACK')).toEqual(['CLOSE_END']);
    expect(target('LISTEN')).toEqual(['CLOSE']);
    expect(target('SYN_SENT')).toEqual(['CLOSE']);
  });

  it('draws CLOSED → LISTEN and LISTEN → CLOSED side by side, not on top of each other', () => {
    const down = DIAGRAM_EDGES.find((edge) => edge.key === 'CLOSE->LISTEN')!;
    const up = DIAGRAM_EDGES.find((edge) => edge.key === 'LISTEN->CLOSE')!;
    expect(Math.abs(down.x1 - up.x2)).toBeGreaterThan(8);
  });

  it('lights a socket’s CLOSE at the top before it has been anything else, at the bottom after', () => {
    expect(nodeForState('CLOSE', false)).toBe('CLOSE');
    expect(nodeForState('CLOSE', true)).toBe('CLOSE_END');
    expect(nodeForState('TIME_WAIT', true)).toBe('TIME_WAIT');
  });

  it('marks the edges an active closer walked, and none for a jump the figure does not draw (an RST’s abort)', () => {
    const walked = walkedEdges(['CLOSE', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE']);
    expect([...walked]).toEqual(['CLOSE->SYN_SENT', 'SYN_SENT->ESTABLISHED', 'ESTABLISHED->FIN_WAIT1', 'FIN_WAIT1->FIN_WAIT2', 'FIN_WAIT2->TIME_WAIT', 'TIME_WAIT->CLOSE_END']);
    expect([...walkedEdges(['ESTABLISHED', 'CLOSE'])]).toEqual([]);
  });
});
