// The same workspace twice — Karpenter, then Cluster Autoscaler — measured the same way.
// Both sides are measured over the same span: the longer of the two runs (a run that went quiet
// earlier keeps its final cluster, and its bill, until then).
import { simulate, type SimulationInput } from '../engine/simulate.ts';
import type { Timeline } from '../engine/timeline.ts';
import type { ClusterAutoscalerConfig } from './config.ts';
import { compareMetrics, type AutoscalerMetrics } from './metrics.ts';
import { runClusterAutoscaler } from './run.ts';
import type { UnremovableReason } from './scaleDown.ts';

export interface AutoscalerComparison {
  karpenter: { timeline: Timeline; metrics: AutoscalerMetrics };
  clusterAutoscaler: {
    timeline: Timeline;
    metrics: AutoscalerMetrics;
    config: ClusterAutoscalerConfig;
    /** CA's last word on each node it keeps at the end of the run (its unremovable reasons). */
    unremovable: { node: string; reason: UnremovableReason; detail: string }[];
  };
}

/**
 * `input.disruption` is Karpenter's disruption controller, wired by the caller (e.g.
 * `karpenterDisruption()`); without it Karpenter never scales down. The CA side ignores it.
 */
export function compareAutoscalers(
  input: SimulationInput,
  clusterAutoscaler?: Partial<ClusterAutoscalerConfig>,
): AutoscalerComparison {
  const labelled = (label: string): SimulationInput => {
    const report = input.onProgress;
    return report
      ? { ...input, onProgress: (p) => report({ ...p, phase: `${label}: ${p.phase}` }) }
      : input;
  };
  const k = simulate(labelled('karpenter'));
  return besideKarpenter(k, labelled('cluster-autoscaler'), clusterAutoscaler);
}

/**
 * Cluster Autoscaler on the input of a Karpenter run that already happened (the worker's session,
 * a lab check), both measured over the longer of the two runs.
 */
export function besideKarpenter(
  karpenter: Timeline,
  input: SimulationInput,
  clusterAutoscaler?: Partial<ClusterAutoscalerConfig>,
): AutoscalerComparison {
  const ca = runClusterAutoscaler(input, clusterAutoscaler);
  const horizon = Math.max(karpenter.end, ca.timeline.end);
  return {
    karpenter: { timeline: karpenter, metrics: compareMetrics(karpenter, horizon) },
    clusterAutoscaler: {
      timeline: ca.timeline,
      metrics: compareMetrics(ca.timeline, horizon),
      config: ca.config,
      unremovable: [...ca.controller.unremovable()].map(([node, v]) => ({ node, ...v })),
    },
  };
}
