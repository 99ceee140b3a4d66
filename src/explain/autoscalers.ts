// Karpenter beside Cluster Autoscaler, in rows: the figure for each side and which side did better
// (lower is better for every row). Shared by the Compare tab and the CLI's --compare-ca report.
import type { AutoscalerMetrics } from '../sim/clusterAutoscaler/index.ts';
import { formatDuration, type Timeline } from '../sim/engine/index.ts';

/** The two runs' metrics, measured over the same span. */
export interface MetricsPair {
  karpenter: { metrics: AutoscalerMetrics };
  clusterAutoscaler: { metrics: AutoscalerMetrics };
}

/** What one side launched: "5 × m5.large on-demand". */
export type Launched = { type: string; capacityType: string; count: number }[];

export type Side = 'karpenter' | 'clusterAutoscaler';

export interface CompareRow {
  id: string;
  label: string;
  /** What the row means, for a title / screen reader description. */
  help: string;
  karpenter: string;
  clusterAutoscaler: string;
  better?: Side;
}

const seconds = (ms: number | undefined): string =>
  ms === undefined ? '—' : formatDuration(Math.round(ms / 1000) * 1000);
const usd = (v: number, digits = 4): string => `$${v.toFixed(digits)}`;

function row(
  id: string,
  label: string,
  help: string,
  value: (m: AutoscalerMetrics) => number | undefined,
  show: (v: number | undefined, m: AutoscalerMetrics) => string,
  view: MetricsPair,
): CompareRow {
  const k = view.karpenter.metrics;
  const c = view.clusterAutoscaler.metrics;
  const [a, b] = [value(k), value(c)];
  // Compare at the precision shown: $0.01234 and $0.01236 are a tie, not a win.
  const [sa, sb] = [show(a, k), show(b, c)];
  const better =
    a === undefined || b === undefined || sa === sb
      ? undefined
      : a < b
        ? ('karpenter' as const)
        : ('clusterAutoscaler' as const);
  return { id, label, help, karpenter: sa, clusterAutoscaler: sb, ...(better ? { better } : {}) };
}

/** A wave that never ended counts as "still waiting" (worse than any finite time). */
function allRunning(m: AutoscalerMetrics): number | undefined {
  if (!m.allRunningAtEnd) return Number.POSITIVE_INFINITY;
  return m.timeToAllRunning ?? 0;
}

export function compareRows(view: MetricsPair): CompareRow[] {
  return [
    row(
      'all-running',
      'Time until all pods run',
      'The longest stretch from the first pod waiting to every pod Running again',
      allRunning,
      (v, m) =>
        v === Number.POSITIVE_INFINITY
          ? `never (${m.pods.pendingAtEnd} still Pending)`
          : m.waves.length === 0
            ? 'no pod waited'
            : seconds(v),
      view,
    ),
    row(
      'max-wait',
      'Slowest pod waited',
      'The longest time from a pod’s creation to Running',
      (m) => m.pods.maxWait,
      (v) => seconds(v),
      view,
    ),
    row(
      'never-ran',
      'Pods that never ran',
      'Pods created in the run that were never Running',
      (m) => m.pods.neverRan,
      (v) => String(v ?? 0),
      view,
    ),
    row(
      'cost',
      'Cost of the run',
      'Every instance billed from launch to termination, over the same span for both',
      (m) => m.cost.totalUsd,
      (v) => usd(v ?? 0),
      view,
    ),
    row(
      'per-hour',
      'Cost per hour at the end',
      'The hourly price of the instances still running when the run ends',
      (m) => m.cost.perHourAtEnd,
      (v) => `${usd(v ?? 0)}/h`,
      view,
    ),
    row(
      'unrequested',
      'Paid vCPU not requested',
      'Share of the paid vCPU-hours that no pod requested (boot time and system reservations count as unrequested)',
      (m) => m.capacity.unrequestedCpuPercent,
      (v) => `${Math.round(v ?? 0)}%`,
      view,
    ),
    row(
      'idle-vcpu',
      'Idle vCPU-hours',
      'Allocatable vCPU no pod requested, summed over the billed time',
      (m) => m.capacity.idleVcpuHours,
      (v) => (v ?? 0).toFixed(2),
      view,
    ),
    row(
      'launched',
      'Nodes launched',
      'Instances launched during the run',
      (m) => m.nodes.launched,
      (v) => String(v ?? 0),
      view,
    ),
    row(
      'peak',
      'Most nodes at once',
      'The peak number of registered nodes',
      (m) => m.nodes.peak,
      (v) => String(v ?? 0),
      view,
    ),
  ];
}

/** "5 × m5.large on-demand" for the launched-instances line. */
export function launchedText(launched: Launched): string {
  if (launched.length === 0) return 'no instances';
  return launched.map((l) => `${l.count} × ${l.type} ${l.capacityType}`).join(', ');
}

/** Every instance a run launched, by type and capacity type, most first. */
export function launchedOf(timeline: Timeline): Launched {
  const counts = new Map<string, Launched[number]>();
  for (const n of timeline.final.nodes.values()) {
    const key = `${n.instanceType} ${n.capacityType}`;
    const c = counts.get(key) ?? { type: n.instanceType, capacityType: n.capacityType, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
}

/** The comparison as a plain-text table (the CLI's --compare-ca report). */
export function comparisonReport(
  pair: MetricsPair & {
    karpenter: { launched: Launched; version: string };
    clusterAutoscaler: { launched: Launched; instanceType: string; capacityType: string };
  },
): string {
  const rows: [string, string, string][] = [
    ['', `Karpenter ${pair.karpenter.version}`, 'Cluster Autoscaler'],
    [
      'Instances',
      launchedText(pair.karpenter.launched),
      launchedText(pair.clusterAutoscaler.launched),
    ],
    ...compareRows(pair).map((r): [string, string, string] => [
      r.label,
      `${r.karpenter}${r.better === 'karpenter' ? ' ✓' : ''}`,
      `${r.clusterAutoscaler}${r.better === 'clusterAutoscaler' ? ' ✓' : ''}`,
    ]),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([a, b, c]) => `${a.padEnd(w0)}   ${b.padEnd(w1)}   ${c}`.trimEnd()).join('\n');
}
