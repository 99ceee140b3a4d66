// The seam for scale-down (issue 4, another module): the loop calls `tick` every
// timings.disruptionPoll (10 s) of simulated time. The default does nothing. A disruption
// controller acts only through the context — the same primitives the engine's own controllers use
// (taint, create replacement NodeClaims, delete NodeClaims with a PDB-respecting drain) — so every
// action it takes lands in the timeline as ordinary events.
import type { Pod, Taint } from '../k8s.ts';
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
  /** A provisioning dry run: `pods` onto the cluster as if `excludeNodes` were gone (no events). */
  simulate(pods: Pod[], opts?: { excludeNodes?: readonly string[] }): SolveResult;
  /** Adds a taint (e.g. karpenter.sh/disrupted:NoSchedule) to a node. */
  taint(node: string, taint: Taint): void;
  untaint(node: string, key: string): void;
  /** Creates NodeClaims from a dry run's plans (replacements); returns their names. */
  createNodeClaims(plans: readonly NodeClaimPlan[], reason: string): string[];
  /** Graceful deletion: taint, drain respecting PDBs (owners recreate pods), then terminate. */
  deleteNodeClaim(name: string, reason: string): void;
  event(type: KubeEvent['type'], reason: string, object: string, message: string): void;
  /** Schedule follow-up work (a validation wait, a consolidateAfter countdown). Keeps the run alive. */
  after(ms: number, label: string, fn: () => void): void;
}

export interface DisruptionController {
  readonly name: string;
  tick(ctx: DisruptionContext): void;
}

export const noDisruption: DisruptionController = {
  name: 'none',
  tick() {},
};
