// "Karpenter beside Cluster Autoscaler": the workspace run twice — with Karpenter, and with an
// ASG-style node group driven by the Cluster Autoscaler model (src/sim/clusterAutoscaler) — and
// measured the same way. Pure, like run.ts; the worker posts the result as a `comparison`.
import {
  compareAutoscalers,
  type AutoscalerComparison,
  type AutoscalerMetrics,
  type ClusterAutoscalerConfig,
} from '../sim/clusterAutoscaler/index.ts';
import type { KubeEvent, Timeline } from '../sim/engine/index.ts';
import { prepareRun, thinEvenly, type RunOptions } from './run.ts';
import { launchedOf, type Launched } from '../explain/autoscalers.ts';

/** Events that are Cluster Autoscaler's own decisions (CA's reasons), for the side-by-side log. */
const CA_REASONS = new Set([
  'ScaledUpGroup',
  'TriggeredScaleUp',
  'NotTriggerScaleUp',
  'ScaleDown',
  'ScaleDownEmpty',
  'ScaleDownFailed',
  'FailedScaleUp',
]);
const MAX_EVENTS = 200;
/** Step series longer than this are thinned, keeping the last point (the value at the horizon):
 * the chart is a few hundred pixels wide. */
const MAX_POINTS = 600;

export interface AutoscalerSide {
  metrics: AutoscalerMetrics;
  /** What was launched over the run: "5 × m5.large on-demand". */
  launched: Launched;
  assumptions: string[];
  warnings: string[];
  refused?: string;
}

export interface ComparisonView {
  karpenter: AutoscalerSide & { version: string };
  clusterAutoscaler: AutoscalerSide & {
    config: ClusterAutoscalerConfig;
    events: KubeEvent[];
    /** Why CA keeps each of its nodes at the end (e.g. NoPlaceToMovePods). */
    unremovable: AutoscalerComparison['clusterAutoscaler']['unremovable'];
  };
  /** The workspace's first error (its documents are left out of both runs). */
  error?: { message: string; line: number };
}

function side(timeline: Timeline, metrics: AutoscalerMetrics): AutoscalerSide {
  return {
    metrics: {
      ...metrics,
      nodeSeries: thinEvenly(metrics.nodeSeries, MAX_POINTS),
      pendingSeries: thinEvenly(metrics.pendingSeries, MAX_POINTS),
    },
    launched: launchedOf(timeline),
    assumptions: timeline.assumptions,
    warnings: timeline.warnings,
    ...(timeline.refused ? { refused: timeline.refused } : {}),
  };
}

export function compareWorkspace(text: string, opts: RunOptions): ComparisonView {
  const { diagnostics, input } = prepareRun(text, opts);
  const { karpenter, clusterAutoscaler } = compareAutoscalers(input);
  const events: KubeEvent[] = [];
  for (const e of clusterAutoscaler.timeline.events) {
    if (e.type !== 'k8s' || !CA_REASONS.has(e.event.reason)) continue;
    events.push(e.event);
    if (events.length >= MAX_EVENTS) break;
  }
  const error = diagnostics.find((d) => d.severity === 'error');
  return {
    karpenter: {
      ...side(karpenter.timeline, karpenter.metrics),
      version: karpenter.timeline.karpenterVersion,
    },
    clusterAutoscaler: {
      ...side(clusterAutoscaler.timeline, clusterAutoscaler.metrics),
      config: clusterAutoscaler.config,
      events,
      unremovable: clusterAutoscaler.unremovable,
    },
    ...(error ? { error: { message: error.message, line: error.line } } : {}),
  };
}
