import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { costSeries, pointAt, savingOf } from './series.ts';
import { dollarTick, timeTicks } from './CostChart.ts';
import type { FrameSummary } from '../../pipeline/view.ts';
import { frameTimes, summaryOf, thinEvenly } from '../../pipeline/frames.ts';
import { prepareRun } from '../../pipeline/run.ts';
import { simulate, stateAt } from '../../sim/engine/index.ts';

const f = (
  time: number,
  spentByGroup: Record<string, number>,
  baselineSpent: number,
): FrameSummary => ({
  time,
  costPerHour: 0,
  costTotal: Object.values(spentByGroup).reduce((a, b) => a + b, 0),
  costByGroup: {},
  baselinePerHour: 0,
  spentByGroup,
  baselineSpent,
});

describe('cost series', () => {
  it('stacks what each group spent up to each frame, with the on-demand baseline alongside', () => {
    const s = costSeries([
      f(0, {}, 0),
      f(3_600_000, { 'default · spot': 0.1 }, 0.3),
      f(7_200_000, { 'default · spot': 0.2, 'gpu · on-demand': 1 }, 1.6),
    ]);
    expect(s.groups).toEqual(['default · spot', 'gpu · on-demand']);
    expect(s.points.map((p) => p.byGroup)).toEqual([
      [0, 0],
      [0.1, 0],
      [0.2, 1],
    ]);
    expect(s.points.map((p) => p.total)).toEqual([0, 0.1, 1.2]);
    expect(s.points.map((p) => p.baseline)).toEqual([0, 0.3, 1.6]);
  });

  it('is empty without frames', () => {
    expect(costSeries([])).toEqual({ groups: [], points: [] });
  });

  it('reads the point under the cursor and the saving against the baseline', () => {
    const s = costSeries([f(0, {}, 0), f(3_600_000, { a: 1 }, 4), f(7_200_000, { a: 2 }, 8)]);
    expect(pointAt(s, -1)).toBeUndefined();
    // Between two frames spend grows linearly from one to the other; after the last, at its rate.
    expect(pointAt(s, 1_800_000)?.total).toBeCloseTo(0.5);
    expect(pointAt(s, 1_800_000)?.time).toBe(1_800_000);
    expect(pointAt(s, 3_600_000)?.total).toBe(1);
    const last = { ...f(7_200_000, { a: 2 }, 8), costPerHour: 0.5, baselinePerHour: 2 };
    const grown = pointAt(costSeries([f(0, {}, 0), last]), 7_200_000 + 3_600_000);
    expect(grown?.total).toBeCloseTo(2.5);
    expect(grown?.baseline).toBeCloseTo(10);
    expect(savingOf(pointAt(s, 0))).toBeUndefined();
    expect(savingOf(pointAt(s, 7_200_000))).toBeCloseTo(0.75);
  });

  // A big run's frames are thinned (frameBudget): the figures at a frame must not depend on which
  // other frames exist. Integrating each frame's $/h until the next one did: every launch and
  // termination between two kept frames was priced at the earlier frame's rate, so the chart and
  // "so far" disagreed with the timeline header (a 5,000-pod run: $90.74 against $90.38).
  it('gives each frame the same figures, every frame kept or one in seven', () => {
    const text = readFileSync(
      new URL('../../../examples/seed-lab-scale-up-and-down.yaml', import.meta.url),
      'utf8',
    );
    const timeline = simulate(prepareRun(text, { file: 'w.yaml', seed: 1 }).input);
    const onDemand = (type: string) => (type.startsWith('m5') ? 0.2 : undefined);
    const summaries = (times: readonly number[]) =>
      times.map((t) => summaryOf(stateAt(timeline, t), t, onDemand));
    const every = frameTimes(timeline);
    const some = thinEvenly(every, Math.ceil(every.length / 7));
    expect(some.length).toBeLessThan(every.length / 5);
    const full = costSeries(summaries(every));
    const thin = costSeries(summaries(some));
    const byTime = new Map(full.points.map((p) => [p.time, p]));
    for (const p of thin.points) {
      const q = byTime.get(p.time);
      expect(q, `a frame at ${p.time}`).toBeDefined();
      expect(p.total).toBe(q?.total);
      expect(p.baseline).toBeCloseTo(q?.baseline ?? NaN, 9);
      thin.groups.forEach((g, i) =>
        expect(p.byGroup[i]).toBeCloseTo(q?.byGroup[full.groups.indexOf(g)] ?? NaN, 9),
      );
      // The stack adds up to the header's "so far".
      expect(p.byGroup.reduce((a, b) => a + b, 0)).toBeCloseTo(p.total, 5);
    }
    // Something was spent, and launches fell between the kept frames.
    expect(thin.points.at(-1)?.total).toBeGreaterThan(0);
  });
});

describe('the cost chart y-axis labels', () => {
  it('are short dollar figures, never in exponent notation', () => {
    expect([0, 0.002, 0.008, 0.5, 20, 80, 100, 1500, 12_000].map(dollarTick)).toEqual([
      '$0',
      '$0.002',
      '$0.008',
      '$0.5',
      '$20',
      '$80',
      '$100',
      '$1.5k',
      '$12k',
    ]);
  });
});

describe('the cost chart time axis', () => {
  const labels = (end: number) => {
    const t = timeTicks(end);
    return t.values.map(t.label);
  };
  it('ticks on round seconds, minutes or hours, whatever the length of the run', () => {
    expect(labels(80_000)).toEqual(['0s', '20s', '40s', '60s', '80s']);
    expect(labels(180_000)).toEqual(['0s', '50s', '100s', '150s']);
    expect(labels(90 * 60_000)).toEqual(['0m', '20m', '40m', '60m', '80m']);
    expect(labels(24 * 3_600_000)).toEqual(['0h', '5h', '10h', '15h', '20h']);
    expect(labels(0)).toEqual(['0s']);
  });
});
