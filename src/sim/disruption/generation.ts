// What changes with the Karpenter version (reference §0, §3.1, §3.12, §3.15–3.16), in one place.
//   v0.31 (v1alpha5)  Expiration → Drift (gated) → Emptiness (ttlSecondsAfterEmpty) → EmptyNodeConsolidation
//                     → Multi → Single; no budgets (one command at a time); spot never replaced by spot
//   v0.32–v0.37       Expiration (graceful) → Drift → Emptiness → Multi → Single; budgets from v0.34
//                     (no reasons); SpotToSpotConsolidation gate from v0.34
//   v1.0–v1.4         Drift → Emptiness → Multi → Single; expireAfter forceful; budgets with reasons
//   v1.5+             Emptiness → Drift → Multi → Single
import type { ClusterState } from '../engine/state.ts';
import { karpenterVersion } from '../version.ts';

export type MethodKey =
  | 'expiration'
  | 'drift'
  | 'emptiness'
  | 'legacyEmptiness'
  | 'emptyNodeConsolidation'
  | 'multi'
  | 'single';

export interface Generation {
  label: string;
  order: readonly MethodKey[];
  /** v1: expired NodeClaims are deleted at once, outside the methods. Before: a graceful method. */
  forcefulExpiration: boolean;
  budgets: boolean;
  budgetReasons: boolean;
  /** 'never' before v0.34: "Can't replace a spot node with a spot node". */
  spotToSpot: 'never' | 'gate';
  /** v1alpha5: consolidation comes from the Provisioner; old annotation names. */
  provisioner: boolean;
  /** v1.9+: ConsolidationCandidate and ConsolidationRejected events (events.go); before, none. */
  consolidationEvents: boolean;
}

export function generationOf(state: ClusterState): Generation {
  const v = karpenterVersion(state.karpenter.version);
  if (state.karpenter.semantics === 'v1alpha5')
    return {
      label: 'v1alpha5',
      order: [
        'expiration',
        'drift',
        'legacyEmptiness',
        'emptyNodeConsolidation',
        'multi',
        'single',
      ],
      forcefulExpiration: false,
      budgets: false,
      budgetReasons: false,
      spotToSpot: 'never',
      provisioner: true,
      consolidationEvents: false,
    };
  if (v.major === 0)
    return {
      label: 'v1beta1',
      order: ['expiration', 'drift', 'emptiness', 'multi', 'single'],
      forcefulExpiration: false,
      budgets: v.minor >= 34,
      budgetReasons: false,
      spotToSpot: v.minor >= 34 ? 'gate' : 'never',
      provisioner: false,
      consolidationEvents: false,
    };
  const early = v.major === 1 && v.minor < 5;
  return {
    label: early ? 'v1.0–v1.4' : 'v1.5+',
    order: early
      ? ['drift', 'emptiness', 'multi', 'single']
      : ['emptiness', 'drift', 'multi', 'single'],
    forcefulExpiration: true,
    budgets: true,
    budgetReasons: true,
    spotToSpot: 'gate',
    provisioner: false,
    consolidationEvents: v.minor >= 9,
  };
}
