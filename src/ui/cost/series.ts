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
  /** $/h from this point to the next (per group, in total, on-demand): nothing starts or stops
   *  billing between two frames, so spend grows linearly until the next one. */
  rateByGroup: number[];
  rate: number;
  baselineRate: number;
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
    rateByGroup: groups.map((g) => f.costByGroup[g] ?? 0),
    rate: f.costPerHour,
    baselineRate: f.baselinePerHour,
  }));
  return { groups, points };
}

/**
 * The figures at `t` (under the playback cursor, which may stand between two events): between two
 * points spend grows linearly from one to the other — exactly so when every event has its frame
 * (nothing starts or stops billing in between); a big run's thinned frames are interpolated. After
 * the last point it grows at that point's rates.
 */
export function pointAt(series: CostSeries, t: number): CostPoint | undefined {
  const pts = series.points;
  // The last point at or before t (points are in time order; asked on every playback tick).
  let lo = 0;
  let hi = pts.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pts[mid] as CostPoint).time <= t) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const p = pts[i];
  if (!p) return undefined;
  if (p.time === t) return p;
  const q = pts[i + 1];
  return q ? between(p, q, t) : grown(p, t);
}

const bySeries = new WeakMap<readonly FrameSummary[], CostSeries>();

/** costSeries, kept per frames list (the header and the Cost panel read the same one). */
export function seriesOf(frames: readonly FrameSummary[]): CostSeries {
  let s = bySeries.get(frames);
  if (!s) {
    s = costSeries(frames);
    bySeries.set(frames, s);
  }
  return s;
}

function between(p: CostPoint, q: CostPoint, t: number): CostPoint {
  const f = (t - p.time) / (q.time - p.time);
  const at = (a: number, b: number) => a + (b - a) * f;
  return {
    ...p,
    time: t,
    byGroup: p.byGroup.map((v, i) => at(v, q.byGroup[i] ?? v)),
    total: at(p.total, q.total),
    baseline: at(p.baseline, q.baseline),
  };
}

const HOUR_MS = 3_600_000;

/** $ spent by `t` at `perHour` since `from`, on top of `spent`. */
function spentBy(spent: number, perHour: number, from: number, t: number): number {
  return spent + (perHour * Math.max(0, t - from)) / HOUR_MS;
}

function grown(p: CostPoint, t: number): CostPoint {
  return {
    ...p,
    time: t,
    byGroup: p.byGroup.map((v, i) => spentBy(v, p.rateByGroup[i] ?? 0, p.time, t)),
    total: spentBy(p.total, p.rate, p.time, t),
    baseline: spentBy(p.baseline, p.baselineRate, p.time, t),
  };
}

/** The fraction saved against the all-on-demand baseline (undefined before anything ran). */
export function savingOf(p: CostPoint | undefined): number | undefined {
  return p && p.baseline > 0 ? 1 - p.total / p.baseline : undefined;
}
