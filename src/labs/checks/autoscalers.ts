// Checks on the Compare tab's figures: the same workspace run by Karpenter and by the Cluster
// Autoscaler model (src/sim/clusterAutoscaler), measured the same way. The comparison is computed
// only when a step asks for it (it is a second full run), through CheckContext.comparison.
import type {
  AutoscalerMetrics,
  ClusterAutoscalerConfig,
} from '../../sim/clusterAutoscaler/index.ts';
import { betterSide, METRICS, showMetric, SIDE_NAMES } from '../../explain/autoscalers.ts';
import type { Autoscaler, AutoscalerMetricName, Check, CheckResult } from '../types.ts';

export interface ComparisonMetrics {
  karpenter: AutoscalerMetrics;
  clusterAutoscaler: AutoscalerMetrics;
  config: ClusterAutoscalerConfig;
  /** The CA run's own warnings (an instance type not in the catalog, a dropped helm install). */
  warnings: readonly string[];
}

type Verdict = Omit<CheckResult, 'label'>;

/** "Karpenter", "Cluster Autoscaler" (the Compare tab's names). */
export const AUTOSCALER_NAMES: Readonly<Record<Autoscaler, string>> = SIDE_NAMES;

/** The figure's name inside a sentence: "time until all pods run". */
export function metricName(name: AutoscalerMetricName): string {
  const label = METRICS[name].label;
  return label.charAt(0).toLowerCase() + label.slice(1);
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
  const show = (side: Autoscaler) => showMetric(c.metric, comparison[side]);
  const both = `Karpenter ${show('karpenter')}, Cluster Autoscaler ${show('clusterAutoscaler')} (${describeCA(comparison.config)})`;
  const what = metricName(c.metric);
  const warning = comparison.warnings[0];
  const fail = (message: string): Verdict => ({
    pass: false,
    message: warning ? `${message}; the Cluster Autoscaler run warns: ${warning}` : message,
  });
  if (c.kind === 'autoscalerBetter') {
    const pair = {
      karpenter: { metrics: comparison.karpenter },
      clusterAutoscaler: { metrics: comparison.clusterAutoscaler },
    };
    // At the precision shown, so a check never hinges on an invisible digit.
    return betterSide(c.metric, pair) === c.better
      ? { pass: true, message: `${what}: ${both}` }
      : fail(`${AUTOSCALER_NAMES[c.better]} is not better on ${what}: ${both}`);
  }
  const v = METRICS[c.metric].value(comparison[c.autoscaler]);
  const name = AUTOSCALER_NAMES[c.autoscaler];
  const range = (x: number | undefined) => (x === undefined ? '' : METRICS[c.metric].format(x));
  if (c.max !== undefined && v > c.max)
    return fail(`${name}’s ${what} is ${show(c.autoscaler)}, more than ${range(c.max)}; ${both}`);
  if (c.min !== undefined && v < c.min)
    return fail(`${name}’s ${what} is ${show(c.autoscaler)}, less than ${range(c.min)}; ${both}`);
  return { pass: true, message: `${name}’s ${what} is ${show(c.autoscaler)}; ${both}` };
}
