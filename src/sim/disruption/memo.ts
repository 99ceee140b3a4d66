// Karpenter skips consolidation while the cluster has not changed since the last no-op
// (IsConsolidated, reference §3.1), refreshing at least every 5 minutes. The simulator needs the
// same shortcut to stay fast on long runs: a fingerprint of the state's records (immutable, so a
// changed record is a new object) tells whether anything changed, and time-driven changes —
// consolidateAfter countdowns, do-not-disrupt durations, budget schedules — set a wake-up time.
import type { ClusterState } from '../engine/state.ts';

const ids = new WeakMap<object, number>();
let nextId = 1;

function id(o: object): number {
  let v = ids.get(o);
  if (v === undefined) {
    v = nextId++;
    ids.set(o, v);
  }
  return v;
}

/** Changes whenever any pod, node, NodeClaim, NodePool or object record is added, replaced or removed. */
export function stateFingerprint(s: ClusterState): string {
  let h = 0;
  let sum = 0;
  for (const map of [s.pods, s.nodes, s.nodeClaims, s.nodePools, s.objects] as ReadonlyMap<
    string,
    object
  >[]) {
    for (const v of map.values()) {
      const x = id(v);
      sum += x;
      h = (Math.imul(h ^ x, 2654435761) + 0x9e3779b9) | 0;
    }
  }
  return `${s.pods.size}.${s.nodes.size}.${s.nodeClaims.size}.${s.objects.size}.${s.unavailable.size}.${sum}.${h}`;
}

export const MEMO_REFRESH_MS = 5 * 60_000;

export interface Memo {
  fingerprint: string;
  at: number;
  wake: number;
}

/** `fingerprint`: stateFingerprint of the cluster now (the controller computes it once a tick). */
export function memoValid(m: Memo | undefined, fingerprint: string, now: number): boolean {
  return (
    m !== undefined && now < m.at + MEMO_REFRESH_MS && now < m.wake && m.fingerprint === fingerprint
  );
}
