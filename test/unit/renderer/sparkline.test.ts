import { describe, expect, it } from 'vitest';
import { sparklineShape } from '../../../renderer/model/sparkline.js';

describe('sparklineShape', () => {
  it('needs two values to draw a line', () => {
    expect(sparklineShape([], 5, 80, 16)).toEqual({ line: '', area: '' });
    expect(sparklineShape([50], 5, 80, 16)).toEqual({ line: '', area: '' });
  });

  it('puts the newest value at the right edge and one core at the top', () => {
    // 5 ticks over 80 px: 20 px apart; 3 values cover the right half.
    expect(sparklineShape([0, 50, 100], 5, 80, 16)).toEqual({ line: '40,15 60,8 80,1', area: '40,16 40,15 60,8 80,1 80,16' });
  });

  it('scales to the highest value when a process uses more than one core', () => {
    expect(sparklineShape([100, 200], 2, 10, 16).line).toBe('0,8 10,1');
  });
});
