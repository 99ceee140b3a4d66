// Cumulative cost over the timeline, per group ("NodePool · capacity type"), in total, and for the
// all-on-demand baseline: each frame carries what was spent up to its moment, from every instance's
// billed time, so the points are exact however far apart the frames are. Pure, for the chart.
import type { FrameSummary } from '../../pipeline/view.ts';

export interface CostPoint {
  time: number;
  /** Cumulative $ per group, in `groups` order (stack order). */
  byGroup: number[];
  /** Cumulative $ (the frame's costTotal: what the timeline header shows). */
  total: number;
  baseline: number;
}

export interface CostSeries {
  groups: string[];
  points: CostPoint[];
}

export function costSeries(frames: readonly FrameSummary[]): CostSeries {
  const groups = [...new Set(frames.flatMap((f) => Object.keys(f.spentByGroup)))].sort();
  const points = frames.map((f) => ({
    time: f.time,
    byGroup: groups.map((g) => f.spentByGroup[g] ?? 0),
    total: f.costTotal,
    baseline: f.baselineSpent,
  }));
  return { groups, points };
}

/** The last point at or before `t` (the figures under the playback cursor). */
export function pointAt(series: CostSeries, t: number): CostPoint | undefined {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const p = series.points[i];
    if (p && p.time <= t) return p;
  }
  return undefined;
}

/** The fraction saved against the all-on-demand baseline (undefined before anything ran). */
export function savingOf(p: CostPoint | undefined): number | undefined {
  return p && p.baseline > 0 ? 1 - p.total / p.baseline : undefined;
}
