import { describe, expect, it } from 'vitest';
import { costSeries, pointAt, savingOf } from './series.ts';
import type { Frame } from '../../pipeline/view.ts';

const f = (time: number, costByGroup: Record<string, number>, baselinePerHour: number): Frame => ({
  time,
  nodes: [],
  pods: [],
  costPerHour: Object.values(costByGroup).reduce((a, b) => a + b, 0),
  costTotal: 0,
  costByGroup,
  baselinePerHour,
  events: [],
});

describe('cost series', () => {
  it('integrates each group’s $/h between frames and the on-demand baseline alongside', () => {
    const s = costSeries([
      f(0, {}, 0),
      f(3_600_000, { 'default · spot': 0.1 }, 0.3),
      f(7_200_000, { 'default · spot': 0.1, 'gpu · on-demand': 1 }, 1.3),
      f(10_800_000, {}, 0),
    ]);
    expect(s.groups).toEqual(['default · spot', 'gpu · on-demand']);
    const last = s.points.at(-1)!;
    expect(last.byGroup[0]).toBeCloseTo(0.2);
    expect(last.byGroup[1]).toBeCloseTo(1);
    expect(last.total).toBeCloseTo(1.2);
    expect(last.baseline).toBeCloseTo(1.6);
    expect(s.points[1]?.total).toBe(0); // nothing ran before the first hour
  });

  it('is empty without frames', () => {
    expect(costSeries([])).toEqual({ groups: [], points: [] });
  });

  it('reads the point under the cursor and the saving against the baseline', () => {
    const s = costSeries([f(0, {}, 0), f(3_600_000, { a: 1 }, 4), f(7_200_000, {}, 0)]);
    expect(pointAt(s, -1)).toBeUndefined();
    expect(pointAt(s, 3_599_999)?.time).toBe(0);
    expect(pointAt(s, 1e9)?.time).toBe(7_200_000);
    expect(savingOf(pointAt(s, 0))).toBeUndefined();
    expect(savingOf(pointAt(s, 7_200_000))).toBeCloseTo(0.75);
  });
});
