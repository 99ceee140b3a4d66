// The scheduling module's public surface (contract in ../CONTEXT.md).
export { solve } from './scheduler.ts';
export { markSubset } from './topology/universe.ts';
export type {
  FunnelStage,
  NodeClaimPlan,
  PodError,
  PodErrorKind,
  PodErrorReason,
  SolveEvent,
  SolveInput,
  SolveOptions,
  SolveResult,
  StateNode,
} from './types.ts';
export { requestsForPod, requestsForPods } from './podrequests.ts';
export { effectiveNodeTaints, toleratesTaint, untoleratedTaints } from './taints.ts';
