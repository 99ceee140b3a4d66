// Karpenter skips consolidation while the cluster has not changed since the last no-op
// (IsConsolidated, reference §3.1), refreshing at least every 5 minutes. Each consolidation method
// keeps its own memo (upstream embeds a copy of the consolidation state in every method), so a
// budget that holds multi-node back re-runs multi-node only. The simulator needs the same shortcut
// to stay fast on long runs: a fingerprint of the state's records (immutable, so a changed record
// is a new object) tells whether anything changed, and time-driven changes — consolidateAfter
// countdowns, do-not-disrupt durations, budget schedules — set a wake-up time.
import type { ClusterState } from '../engine/state.ts';
import type { Explanation } from './explanation.ts';
import type { Method } from './methods.ts';
import type { Pass } from './pass.ts';
import type { Command, MethodName } from './types.ts';
import { objectId } from '../objectId.ts';

/** Changes whenever any pod, node, NodeClaim, NodePool or object record is added, replaced or removed. */
export function stateFingerprint(s: ClusterState): string {
  let h = 0;
  let sum = 0;
  for (const map of [s.pods, s.nodes, s.nodeClaims, s.nodePools, s.objects] as ReadonlyMap<
    string,
    object
  >[]) {
    for (const v of map.values()) {
      const x = objectId(v);
      sum += x;
      h = (Math.imul(h ^ x, 2654435761) + 0x9e3779b9) | 0;
    }
  }
  return `${s.pods.size}.${s.nodes.size}.${s.nodeClaims.size}.${s.objects.size}.${s.unavailable.size}.${sum}.${h}`;
}

const byVersion = new WeakMap<ClusterState, { version: number; fingerprint: string }>();

/** stateFingerprint, recomputed only when the state has moved (most 10 s polls find it quiet). */
export function fingerprintAt(state: ClusterState, version: number): string {
  const hit = byVersion.get(state);
  if (hit?.version === version) return hit.fingerprint;
  const fingerprint = stateFingerprint(state);
  byVersion.set(state, { version, fingerprint });
  return fingerprint;
}

export const MEMO_REFRESH_MS = 5 * 60_000;

/** A budget-limited no-op is re-examined every minute (Karpenter: every poll); budget schedules are minute-granular. */
export const BUDGET_RECHECK_MS = 60_000;

interface Memo {
  fingerprint: string;
  at: number;
  wake: number;
  /** The explanations the method's no-op left, replayed while the memo holds. */
  notes: [string, Explanation][];
}

/**
 * One memo per consolidation method, as in Karpenter (each method embeds its own copy of the
 * consolidation state): a budget that holds multi-node back keeps only multi-node re-running.
 */
export class ConsolidationMemos {
  private readonly byMethod = new Map<MethodName, Memo>();

  clear(): void {
    this.byMethod.clear();
  }

  valid(method: MethodName, fingerprint: string, now: number): boolean {
    const m = this.byMethod.get(method);
    return (
      m !== undefined &&
      now < m.at + MEMO_REFRESH_MS &&
      now < m.wake &&
      m.fingerprint === fingerprint
    );
  }

  /** The memoised no-op's explanations, set again on this pass. */
  replay(method: MethodName, pass: Pass): void {
    for (const [node, e] of this.byMethod.get(method)?.notes ?? []) pass.notes.set(node, e);
  }

  /** Runs the method; a no-op is remembered with the explanations it left. */
  run(m: Method, pass: Pass, fingerprint: string): Command | undefined {
    const before = new Map(pass.notes);
    const limited = pass.budgetLimited;
    pass.budgetLimited = false;
    const timeouts = pass.timeouts.length;
    const cmd = m.compute(pass);
    const now = pass.ctx.now;
    // A single-node pass that timed out is not marked consolidated upstream: the next poll retries.
    // (Multi-node's no-op after a timeout is, as upstream marks it.)
    const abandoned = pass.timeouts
      .slice(timeouts)
      .some((t) => t.method === 'SingleNodeConsolidation');
    if (!cmd && !abandoned) {
      const notes: [string, Explanation][] = [];
      for (const [node, e] of pass.notes) if (before.get(node) !== e) notes.push([node, e]);
      const budget = pass.budgetLimited ? now + BUDGET_RECHECK_MS : Infinity;
      const wake = Math.min(pass.wakeAt, pass.ix.wakeAt, budget);
      this.byMethod.set(m.name, { fingerprint, at: now, wake, notes });
    }
    pass.budgetLimited ||= limited;
    return cmd;
  }
}
