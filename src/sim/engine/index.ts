// The engine module's public surface (see CONTEXT.md in this folder).
export { simulate, DEFAULT_MAX_PODS, QUIET_CAP_MS } from './simulate.ts';
export type { Progress, SimulationInput } from './simulate.ts';
export { countUpTo, stateAt, stateAfter } from './timeline.ts';
export type { StopReason, Timeline } from './timeline.ts';
export { apply, applyInPlace, cloneState, emptyState, isTerminal, nodeStateName } from './state.ts';
export type {
  ClusterState,
  LaunchInfo,
  NodeClaimRec,
  NodeRec,
  NodeStateName,
  PodRec,
  Semantics,
} from './state.ts';
export type { KubeEvent, SimEvent, SimEventType } from './events.ts';
export { toJSON, costAt, podReason, type Billed } from './json.ts';
export { explainNodeClaim, plainReason } from './explain.ts';
export type { NodeJSON, TimelineJSON } from './json.ts';
export { parseCommand, SUPPORTED_COMMANDS } from './kubectl.ts';
export { shellWords } from './shellWords.ts';
export type { ShellWords } from './shellWords.ts';
export type { ParseResult } from './kubectl.ts';
export type { Action, Target, TargetKind, TimedAction } from './actions.ts';
export { noDisruption } from './disruption.ts';
export type { DisruptionContext, DisruptionController } from './disruption.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { DEFAULT_TIMINGS, ASSUMED_TIMINGS } from './timing.ts';
export type { Timings } from './timing.ts';
export { provisionerToNodePool, normalizeNodePool, provisionerDefaults } from './convert.ts';
