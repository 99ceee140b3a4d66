// The seam for scale-down (issue 4, another module): the loop calls `tick` every
// timings.disruptionPoll (10 s) of simulated time. The default does nothing. A disruption
// controller acts only through the context — the same primitives the engine's own controllers use
// (taint, create replacement NodeClaims, delete NodeClaims with a PDB-respecting drain) — so every
// action it takes lands in the timeline as ordinary events.
import type { Catalog } from '../catalog/index.ts';
import type { Pod, Taint } from '../k8s.ts';
import type { Exceeded } from '../scheduling/limits.ts';
import type { NodeClaimPlan, SolveResult } from '../scheduling/types.ts';
import type { KubeEvent } from './events.ts';
import type { ClusterState, Semantics } from './state.ts';
import type { Timings } from './timing.ts';

export interface DisruptionContext {
  readonly now: number;
  /** Read-only view of the live cluster (records are immutable; do not mutate the maps). */
  readonly state: ClusterState;
  readonly semantics: Semantics;
  readonly timings: Timings;
  readonly featureGates: Readonly<Record<string, boolean>>;
  readonly rng: () => number;
  /**
   * The catalog of nodes no NodePool owns — the one the engine launches a NodeClaim of an unknown
   * pool from. A controller that creates its own NodeClaims (the Cluster Autoscaler model's node
   * group) picks its instance type here, so the plan and the launch see the same type.
   */
  readonly catalog: Catalog;
  /**
   * A provisioning dry run: `pods` onto the cluster as if `excludeNodes` were gone (no events).
   * `decidedBy`: the first that many pods are the dry run's own, and the solve may stop once
   * their outcome is decided (SolveOptions.decidedBy). Each dry run draws from a random stream
   * of its own, named by the moment and the excluded nodes. `closedNodes` / `restrictedPods`:
   * SolveOptions' (v1.14 consolidation dry runs).
   */
  simulate(
    pods: Pod[],
    opts?: {
      excludeNodes?: readonly string[];
      decidedBy?: number;
      closedNodes?: ReadonlySet<string>;
      restrictedPods?: ReadonlySet<string>;
    },
  ): SolveResult;
  /**
   * Random numbers the dry runs have drawn so far. A dry run that drew none depends only on the
   * cluster state, so its verdict can be reused while the state is unchanged (disruption/verdicts.ts).
   */
  readonly dryRunDraws: number;
  /** Dry runs answered by an earlier draw-free solve of the same input (disruptionSolves.ts). */
  readonly dryRunsReused: number;
  /** Changes whenever the cluster state changes (the engine's event count: state moves only by events). */
  readonly stateVersion: number;
  /**
   * Whether anything but pods changed since `version` (an earlier stateVersion): false when every
   * event since was a pod's or a Kubernetes event. Scans of nodes, NodeClaims and NodePools skip a
   * state that only moved pods (most of them in a busy cluster). True when it cannot tell.
   */
  nodesChangedSince(version: number): boolean;
  /**
   * The NodeClaims and Nodes the events since `version` touched, by name; undefined when they may
   * have touched any (a NodePool, node class or setting changed) or it cannot tell. A scan of
   * every NodeClaim (drift, forceful expiry) then looks at the touched ones only. Optional: a
   * context without it gets full scans.
   */
  nodeObjectsChangedSince?(version: number): NodeObjectChanges | undefined;
  /** Adds a taint (e.g. karpenter.sh/disrupted:NoSchedule) to a node. */
  taint(node: string, taint: Taint): void;
  untaint(node: string, key: string): void;
  /** Creates NodeClaims from a dry run's plans (replacements); returns their names. */
  createNodeClaims(plans: readonly NodeClaimPlan[], reason: string): string[];
  /**
   * provisioner.go Create's check before it creates a NodeClaim, replacements included: the first
   * resource (in name order) whose usage in `nodePool` right now is strictly above the pool's
   * limit; undefined when none is (or there is no such pool).
   */
  limitExceeded(nodePool: string): Exceeded | undefined;
  /** Create refused a disruption command's replacement: a nodeclaim.refused event, nothing made. */
  refuseReplacement(
    plan: NodeClaimPlan,
    over: Exceeded,
    command: { reason: string; nodes: string[]; pods: number },
  ): void;
  /** Graceful deletion: taint, drain respecting PDBs (owners recreate pods), then terminate. */
  deleteNodeClaim(name: string, reason: string): void;
  event(type: KubeEvent['type'], reason: string, object: string, message: string): void;
  /** Schedule follow-up work (a validation wait, a consolidateAfter countdown). Keeps a run "until
   *  quiet" alive unless `live` is false (a retry after an error). */
  after(ms: number, label: string, fn: () => void, live?: boolean): void;
}

/** What nodeObjectsChangedSince names: NodeClaims and Nodes an event created, patched or deleted. */
export interface NodeObjectChanges {
  readonly nodeClaims: ReadonlySet<string>;
  readonly nodes: ReadonlySet<string>;
}

export interface DisruptionController {
  readonly name: string;
  /**
   * How often `tick` runs, in ms of sim time (default `timings.disruptionPoll`). Ticks are polls:
   * they never keep a run "until quiet" alive — use `after` for that. The Cluster Autoscaler model
   * sets its `--scan-interval` here.
   */
  readonly interval?: number;
  tick(ctx: DisruptionContext): void;
}

export const noDisruption: DisruptionController = {
  name: 'none',
  tick() {},
};
