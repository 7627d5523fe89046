import { TRANSITIONS, type TcpState, type Transition, transitionBetween } from './tcpStates.js';

/**
 * RFC 793's figure 6 laid out for SVG on the figure's own grid: CLOSED at the top, the handshake's states below it,
 * ESTABLISHED in the middle, the active closer's states on the left and the passive closer's on the right, TIME_WAIT
 * and the final CLOSED at the bottom. CLOSED is drawn twice, as in the RFC: where a socket begins and where it ends.
 */
export type DiagramNodeId = TcpState | 'CLOSE_END';

export interface DiagramNode {
  id: DiagramNodeId;
  state: TcpState;
  /** The box's centre and size, in the diagram's units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramEdge {
  key: string;
  transition: Transition;
  from: DiagramNodeId;
  to: DiagramNodeId;
  /** The line's ends, on the boxes' borders. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Where its label sits, and which way it reads from the line. */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
}

export const CELL_WIDTH = 128;
export const CELL_HEIGHT = 46;
const BOX_WIDTH = 92;
const BOX_HEIGHT = 22;
const MARGIN = 8;

const GRID: Readonly<Record<DiagramNodeId, readonly [column: number, row: number]>> = {
  CLOSE: [1, 0],
  LISTEN: [1, 1],
  SYN_RECV: [0, 2],
  SYN_SENT: [2, 2],
  ESTABLISHED: [1, 3],
  FIN_WAIT1: [0, 4],
  CLOSE_WAIT: [2, 4],
  FIN_WAIT2: [0, 5],
  CLOSING: [1, 5],
  LAST_ACK: [2, 5],
  TIME_WAIT: [1, 6],
  CLOSE_END: [2, 6],
};

export const DIAGRAM_WIDTH = 3 * CELL_WIDTH + 2 * MARGIN;
export const DIAGRAM_HEIGHT = 7 * CELL_HEIGHT + 2 * MARGIN;

const stateOf = (id: DiagramNodeId): TcpState => (id === 'CLOSE_END' ? 'CLOSE' : id);

export const DIAGRAM_NODES: readonly DiagramNode[] = (Object.keys(GRID) as DiagramNodeId[]).map((id) => {
  const [column, row] = GRID[id];
  return {
    id,
    state: stateOf(id),
    x: MARGIN + (column + 0.5) * CELL_WIDTH,
    y: MARGIN + (row + 0.5) * CELL_HEIGHT,
    width: BOX_WIDTH,
    height: BOX_HEIGHT,
  };
});

const nodeOf = (id: DiagramNodeId): DiagramNode => DIAGRAM_NODES.find((node) => node.id === id) as DiagramNode;

/** Transitions into CLOSE from the states below ESTABLISHED end at the bottom box; the rest go back to the top one. */
const ENDING_SOURCES: readonly TcpState[] = ['LAST_ACK', 'TIME_WAIT'];
const targetOf = (transition: Transition): DiagramNodeId =>
  transition.to === 'CLOSE' && ENDING_SOURCES.includes(transition.from) ? 'CLOSE_END' : transition.to;

/** Where the segment from a box's centre towards (dx, dy) leaves the box. */
function borderPoint(node: DiagramNode, dx: number, dy: number): [number, number] {
  const scale = Math.min(dx === 0 ? Infinity : node.width / 2 / Math.abs(dx), dy === 0 ? Infinity : node.height / 2 / Math.abs(dy));
  return [node.x + dx * scale, node.y + dy * scale];
}

/**
 * Where along its line a label sits (else the middle) and on which side (else the line's right): the two long
 * diagonals between CLOSED and SYN_SENT pass beside LISTEN, so their labels go on the outer side, one near each end.
 */
const LABEL_PLACE: Partial<Record<string, { at: number; side: 1 | -1 }>> = {
  'CLOSE->SYN_SENT': { at: 0.6, side: -1 },
  'SYN_SENT->CLOSE': { at: 0.8, side: 1 },
};

/** Two transitions between the same pair of boxes (LISTEN and CLOSED, both ways) are drawn side by side. */
const PAIR_OFFSET = 7;

function layoutEdge(transition: Transition): DiagramEdge {
  const fromId: DiagramNodeId = transition.from;
  const toId = targetOf(transition);
  const from = nodeOf(fromId);
  const to = nodeOf(toId);
  const reverse = TRANSITIONS.some((other) => other.from === transition.to && targetOf(other) === fromId);
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  // The normal on the line's right, so each of a pair keeps to its own right-hand side.
  const [nx, ny] = [-(to.y - from.y) / length, (to.x - from.x) / length];
  const shift = reverse ? PAIR_OFFSET : 0;
  const [sx, sy] = [nx * shift, ny * shift];
  const [x1, y1] = borderPoint(from, to.x - from.x, to.y - from.y);
  const [x2, y2] = borderPoint(to, from.x - to.x, from.y - to.y);
  const { at, side } = LABEL_PLACE[`${transition.from}->${toId}`] ?? { at: 0.5, side: 1 };
  const [mx, my] = [x1 + (x2 - x1) * at + sx, y1 + (y2 - y1) * at + sy];
  // Clear of the line on its side; +3 centres the text's x-height on that point.
  const [lx, ly] = [nx * side, ny * side];
  const labelX = mx + lx * 5;
  const labelY = my + ly * 5 + 3;
  const anchor = Math.abs(lx) < 0.2 ? 'middle' : lx > 0 ? 'start' : 'end';
  return {
    key: `${transition.from}->${toId}`,
    transition,
    from: fromId,
    to: toId,
    x1: x1 + sx,
    y1: y1 + sy,
    x2: x2 + sx,
    y2: y2 + sy,
    labelX,
    labelY,
    anchor,
  };
}

export const DIAGRAM_EDGES: readonly DiagramEdge[] = TRANSITIONS.map(layoutEdge);

/** The box that shows a socket in `state`: a CLOSE after anything else is where it ended, not where it began. */
export const nodeForState = (state: TcpState, hasLeftClose: boolean): DiagramNodeId => (state === 'CLOSE' && hasLeftClose ? 'CLOSE_END' : state);

/**
 * The figure's edges a sequence of states walked, in order: each consecutive pair the figure draws (a pair it does
 * not draw, an RST's abort or a shortcut, walks no edge).
 */
export function walkedEdges(states: readonly TcpState[]): Set<string> {
  const keys = new Set<string>();
  states.forEach((state, index) => {
    const next = states[index + 1];
    if (next === undefined) return;
    const transition = transitionBetween(state, next);
    if (transition) keys.add(layoutEdge(transition).key);
  });
  return keys;
}
