// Checks on the Compare tab's figures: the same workspace run by Karpenter and by the Cluster
// Autoscaler model (src/sim/clusterAutoscaler), measured the same way. The comparison is computed
// only when a step asks for it (it is a second full run), through CheckContext.comparison.
import type {
  AutoscalerMetrics,
  ClusterAutoscalerConfig,
} from '../../sim/clusterAutoscaler/index.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import type { Autoscaler, AutoscalerMetricName, Check, CheckResult } from '../types.ts';

export interface ComparisonMetrics {
  karpenter: AutoscalerMetrics;
  clusterAutoscaler: AutoscalerMetrics;
  config: ClusterAutoscalerConfig;
  /** The CA run's own warnings (an instance type not in the catalog, a dropped helm install). */
  warnings: readonly string[];
}

type Verdict = Omit<CheckResult, 'label'>;

export const AUTOSCALER_NAMES: Record<Autoscaler, string> = {
  karpenter: 'Karpenter',
  clusterAutoscaler: 'Cluster Autoscaler',
};

export const METRIC_NAMES: Record<AutoscalerMetricName, string> = {
  timeToAllRunning: 'time until all pods run',
  maxWait: 'slowest pod’s wait',
  neverRan: 'pods that never ran',
  cost: 'cost of the run',
  costPerHour: 'cost per hour at the end',
  unrequestedCpuPercent: 'share of paid vCPU not requested',
  idleVcpuHours: 'idle vCPU-hours',
  nodesLaunched: 'nodes launched',
  peakNodes: 'most nodes at once',
};

/** Lower is better for every figure; a wave that never ended is "never" (Infinity). */
export function metricValue(m: AutoscalerMetrics, name: AutoscalerMetricName): number {
  switch (name) {
    case 'timeToAllRunning':
      return m.allRunningAtEnd ? (m.timeToAllRunning ?? 0) : Number.POSITIVE_INFINITY;
    case 'maxWait':
      return m.pods.maxWait ?? 0;
    case 'neverRan':
      return m.pods.neverRan;
    case 'cost':
      return m.cost.totalUsd;
    case 'costPerHour':
      return m.cost.perHourAtEnd;
    case 'unrequestedCpuPercent':
      return m.capacity.unrequestedCpuPercent;
    case 'idleVcpuHours':
      return m.capacity.idleVcpuHours;
    case 'nodesLaunched':
      return m.nodes.launched;
    case 'peakNodes':
      return m.nodes.peak;
  }
}

export function formatMetric(name: AutoscalerMetricName, v: number): string {
  if (v === Number.POSITIVE_INFINITY) return 'never (pods still Pending at the end)';
  switch (name) {
    case 'timeToAllRunning':
    case 'maxWait':
      return formatDuration(Math.round(v / 1000) * 1000);
    case 'cost':
      return `$${v.toFixed(4)}`;
    case 'costPerHour':
      return `$${v.toFixed(4)}/h`;
    case 'unrequestedCpuPercent':
      return `${Math.round(v)}%`;
    case 'idleVcpuHours':
      return v.toFixed(2);
    default:
      return String(v);
  }
}

function describeCA(c: ClusterAutoscalerConfig): string {
  return `node group ${c.nodeGroup}: ${c.instanceType} ${c.capacityType}, max ${c.maxSize}`;
}

export function autoscalerCheck(
  c: Extract<Check, { kind: 'autoscalerMetric' | 'autoscalerBetter' }>,
  comparison: ComparisonMetrics | undefined,
): Verdict {
  if (!comparison)
    return { pass: false, message: 'the Cluster Autoscaler comparison is not available' };
  const show = (side: Autoscaler) =>
    formatMetric(c.metric, metricValue(comparison[side], c.metric));
  const both = `Karpenter ${show('karpenter')}, Cluster Autoscaler ${show('clusterAutoscaler')} (${describeCA(comparison.config)})`;
  const what = METRIC_NAMES[c.metric];
  const warning = comparison.warnings[0];
  const fail = (message: string): Verdict => ({
    pass: false,
    message: warning ? `${message}; the Cluster Autoscaler run warns: ${warning}` : message,
  });
  if (c.kind === 'autoscalerBetter') {
    const other: Autoscaler = c.better === 'karpenter' ? 'clusterAutoscaler' : 'karpenter';
    const a = metricValue(comparison[c.better], c.metric);
    const b = metricValue(comparison[other], c.metric);
    // Compare at the precision shown, so a check never hinges on an invisible digit.
    const better = a < b && show(c.better) !== show(other);
    return better
      ? { pass: true, message: `${what}: ${both}` }
      : fail(`${AUTOSCALER_NAMES[c.better]} is not better on ${what}: ${both}`);
  }
  const v = metricValue(comparison[c.autoscaler], c.metric);
  const name = AUTOSCALER_NAMES[c.autoscaler];
  const range = (x: number | undefined) => (x === undefined ? '' : formatMetric(c.metric, x));
  if (c.max !== undefined && v > c.max)
    return fail(`${name}’s ${what} is ${show(c.autoscaler)}, more than ${range(c.max)}; ${both}`);
  if (c.min !== undefined && v < c.min)
    return fail(`${name}’s ${what} is ${show(c.autoscaler)}, less than ${range(c.min)}; ${both}`);
  return { pass: true, message: `${name}’s ${what} is ${show(c.autoscaler)}; ${both}` };
}
