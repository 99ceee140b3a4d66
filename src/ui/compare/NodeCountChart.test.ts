import { describe, expect, it } from 'vitest';
import { stepValueAt } from './NodeCountChart.tsx';

describe('stepValueAt', () => {
  const series = [
    { t: 10, nodes: 1 },
    { t: 20, nodes: 3 },
    { t: 20, nodes: 4 },
    { t: 50, nodes: 2 },
  ];
  const nodes = (t: number) => stepValueAt(series, t, (p) => p.nodes);

  it('holds each value until the next point, and is 0 before the first', () => {
    expect([0, 9, 10, 19, 20, 49, 50, 1e9].map(nodes)).toEqual([0, 0, 1, 1, 4, 4, 2, 2]);
    expect(stepValueAt([], 5, () => 1)).toBe(0);
  });
});
