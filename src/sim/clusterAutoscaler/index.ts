// The Cluster Autoscaler model's public surface (see CONTEXT.md in this folder).
export { CA_DEFAULTS, caAssumptions, resolveConfig } from './config.ts';
export type { ClusterAutoscalerConfig } from './config.ts';
export { clusterAutoscaler, STATUS_CONFIGMAP, TO_BE_DELETED_TAINT } from './controller.ts';
export type { ClusterAutoscaler } from './controller.ts';
export {
  clusterAutoscalerConfig,
  runClusterAutoscaler,
  simulateClusterAutoscaler,
  withoutKarpenter,
} from './run.ts';
export type { ClusterAutoscalerRun } from './run.ts';
export { compareMetrics } from './metrics.ts';
export type { AutoscalerMetrics, PendingWave } from './metrics.ts';
export { besideKarpenter, compareAutoscalers } from './compare.ts';
export type { AutoscalerComparison } from './compare.ts';
export { nodeGroupOf } from './nodeGroup.ts';
export type { NodeGroup } from './nodeGroup.ts';
export { MAX_NODES_PER_SCALEUP, planScaleUp } from './scaleUp.ts';
export type { ScaleUpPlan } from './scaleUp.ts';
export { findUnneeded, utilization } from './scaleDown.ts';
export type { NodeVerdict, UnremovableReason, Utilization } from './scaleDown.ts';
