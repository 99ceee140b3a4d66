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

export const SIDE_NAMES: Readonly<Record<Side, string>> = {
  karpenter: 'Karpenter',
  clusterAutoscaler: 'Cluster Autoscaler',
};

export interface CompareRow {
  id: string;
  label: string;
  /** What the row means, for a title / screen reader description. */
  help: string;
  karpenter: string;
  clusterAutoscaler: string;
  better?: Side;
}

const seconds = (ms: number): string => formatDuration(Math.round(ms / 1000) * 1000);
const usd = (v: number): string => `$${v.toFixed(4)}`;

/** The figures both sides are measured on, in the table's order. Lower is better for each. */
export const AUTOSCALER_METRICS = [
  'timeToAllRunning',
  'maxWait',
  'neverRan',
  'cost',
  'costPerHour',
  'unrequestedCpuPercent',
  'idleVcpuHours',
  'nodesLaunched',
  'peakNodes',
] as const;
export type AutoscalerMetricName = (typeof AUTOSCALER_METRICS)[number];

interface MetricDef {
  /** Row label; lower-cased, the same words name the figure in a check's message. */
  label: string;
  help: string;
  /** The figure (ms for times, dollars for costs); Infinity = pods still waiting at the end. */
  value(m: AutoscalerMetrics): number;
  /** A figure (or a check's bound) in its unit: "1m35s", "$0.4800/h", "53%". */
  format(v: number): string;
  /** What a side's figure reads as when the plain number would mislead ("never", "—"). */
  special?(v: number, m: AutoscalerMetrics): string | undefined;
}

/** A side's figure as the table shows it. */
export function showMetric(name: AutoscalerMetricName, m: AutoscalerMetrics): string {
  const d = METRICS[name];
  const v = d.value(m);
  return d.special?.(v, m) ?? d.format(v);
}

export const METRICS: Readonly<Record<AutoscalerMetricName, MetricDef>> = {
  timeToAllRunning: {
    label: 'Time until all pods run',
    help: 'The longest stretch from the first pod waiting to every pod Running again',
    // A wave that never ended counts as "still waiting": worse than any finite time.
    value: (m) => (m.allRunningAtEnd ? (m.timeToAllRunning ?? 0) : Number.POSITIVE_INFINITY),
    format: seconds,
    special: (v, m) =>
      v === Number.POSITIVE_INFINITY
        ? `never (${m.pods.pendingAtEnd} still Pending)`
        : m.waves.length === 0
          ? 'no pod waited'
          : undefined,
  },
  maxWait: {
    label: 'Slowest pod waited',
    help: 'The longest time from a pod’s creation to Running; a pod still Pending at the end is still waiting',
    // A pod still Pending at the end has waited longer than any that ran, and is not done: the
    // figure of the pods that ran alone would give that side the ✓ (as "Time until all pods run").
    value: (m) => (m.pods.pendingAtEnd > 0 ? Number.POSITIVE_INFINITY : (m.pods.maxWait ?? 0)),
    format: seconds,
    special: (_v, m) =>
      m.pods.pendingAtEnd > 0
        ? `still waiting (${m.pods.pendingAtEnd} Pending at the end)`
        : m.pods.maxWait === undefined
          ? '—'
          : undefined,
  },
  neverRan: {
    label: 'Pods that never ran',
    help: 'Pods created in the run that were never Running',
    value: (m) => m.pods.neverRan,
    format: String,
  },
  cost: {
    label: 'Cost of the run',
    help: 'Every instance billed from launch to termination, over the same span for both',
    value: (m) => m.cost.totalUsd,
    format: usd,
  },
  costPerHour: {
    label: 'Cost per hour at the end',
    help: 'The hourly price of the instances still running when the run ends',
    value: (m) => m.cost.perHourAtEnd,
    format: (v) => `${usd(v)}/h`,
  },
  unrequestedCpuPercent: {
    label: 'Paid vCPU not requested',
    help: 'Share of the paid vCPU-hours that no pod requested (boot time and system reservations count as unrequested)',
    value: (m) => m.capacity.unrequestedCpuPercent,
    format: (v) => `${Math.round(v)}%`,
  },
  idleVcpuHours: {
    label: 'Idle vCPU-hours',
    help: 'Allocatable vCPU no pod requested, summed over the billed time',
    value: (m) => m.capacity.idleVcpuHours,
    format: (v) => v.toFixed(2),
  },
  nodesLaunched: {
    label: 'Nodes launched',
    help: 'Instances launched during the run',
    value: (m) => m.nodes.launched,
    format: String,
  },
  peakNodes: {
    label: 'Most nodes at once',
    help: 'The peak number of registered nodes',
    value: (m) => m.nodes.peak,
    format: String,
  },
};

/** Which side did better on a figure, compared at the precision shown ($0.01234 vs $0.01236 tie). */
export function betterSide(name: AutoscalerMetricName, pair: MetricsPair): Side | undefined {
  const k = pair.karpenter.metrics;
  const c = pair.clusterAutoscaler.metrics;
  const [a, b] = [METRICS[name].value(k), METRICS[name].value(c)];
  if (a === b || showMetric(name, k) === showMetric(name, c)) return undefined;
  return a < b ? 'karpenter' : 'clusterAutoscaler';
}

export function compareRows(pair: MetricsPair): CompareRow[] {
  return AUTOSCALER_METRICS.map((id) => {
    const better = betterSide(id, pair);
    return {
      id,
      label: METRICS[id].label,
      help: METRICS[id].help,
      karpenter: showMetric(id, pair.karpenter.metrics),
      clusterAutoscaler: showMetric(id, pair.clusterAutoscaler.metrics),
      ...(better ? { better } : {}),
    };
  });
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
    clusterAutoscaler: { launched: Launched };
  },
): string {
  const rows: [string, string, string][] = [
    ['', `${SIDE_NAMES.karpenter} ${pair.karpenter.version}`, SIDE_NAMES.clusterAutoscaler],
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
