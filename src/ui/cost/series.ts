// Cumulative cost over the timeline, from the frames' $/h (constant between two frames): per group
// ("NodePool · capacity type"), in total, and for the all-on-demand baseline. Pure, for the chart.
import type { FrameSummary } from '../../pipeline/view.ts';

export interface CostPoint {
  time: number;
  /** Cumulative $ per group, in `groups` order (stack order). */
  byGroup: number[];
  total: number;
  baseline: number;
}

export interface CostSeries {
  groups: string[];
  points: CostPoint[];
}

const HOUR_MS = 3_600_000;

export function costSeries(frames: readonly FrameSummary[]): CostSeries {
  const groups = [...new Set(frames.flatMap((f) => Object.keys(f.costByGroup)))].sort();
  const acc = groups.map(() => 0);
  let baseline = 0;
  const points: CostPoint[] = [];
  let prev: FrameSummary | undefined;
  for (const f of frames) {
    if (prev) {
      const hours = Math.max(0, f.time - prev.time) / HOUR_MS;
      groups.forEach((g, i) => (acc[i] = (acc[i] ?? 0) + (prev?.costByGroup[g] ?? 0) * hours));
      baseline += prev.baselinePerHour * hours;
    }
    points.push({
      time: f.time,
      byGroup: [...acc],
      total: acc.reduce((a, b) => a + b, 0),
      baseline,
    });
    prev = f;
  }
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
