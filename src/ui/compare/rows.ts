// The comparison table's rows, worked out from the two runs' metrics: the figure for each side and
// which side did better (lower is better for every row here). Pure, so it is tested in Node.
import type { AutoscalerMetrics } from '../../sim/clusterAutoscaler/index.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import type { ComparisonView } from '../../worker/compare.ts';

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
  view: ComparisonView,
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

export function compareRows(view: ComparisonView): CompareRow[] {
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
export function launchedText(launched: ComparisonView['karpenter']['launched']): string {
  if (launched.length === 0) return 'no instances';
  return launched.map((l) => `${l.count} × ${l.type} ${l.capacityType}`).join(', ');
}
