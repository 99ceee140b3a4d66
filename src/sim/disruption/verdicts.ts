// Consolidation verdicts reused while nothing a dry run reads has changed. Karpenter re-runs its
// consolidation methods at least every 5 minutes (and every poll while budgets hold a method back,
// the lab: every minute) even when the cluster is unchanged, and the lab does the same — but on a
// 2,000-node cluster that is thousands of identical scheduling simulations an hour. A dry run reads
// only the cluster's records and the offerings cached unavailable at this moment, plus the dry-run
// random stream (topology domain picks, label values of new NodeClaims). So a no-op whose dry run
// drew no random number is a pure function of that state: while the state is the same, the same
// dry run would give the same no-op and draw nothing, and reusing it changes no timeline. A verdict
// that drew random numbers is never reused (a re-run may draw differently, as in Karpenter, whose
// domain picks follow Go's map order), nor is a command (it is acted on, which changes the state).
import type { DisruptionContext } from '../engine/disruption.ts';
import type { ClusterState } from '../engine/state.ts';
import type { NodeFacts } from './candidates.ts';
import { computeConsolidation, type ConsolidationOptions } from './consolidation.ts';
import type { Decision } from './types.ts';

/** The offerings Karpenter's ICE cache holds unavailable at `now` (entries expire with time). */
export function unavailableNow(state: ClusterState, now: number): string {
  const keys: string[] = [];
  for (const [k, until] of state.unavailable) if (until > now) keys.push(k);
  return keys.sort().join(',');
}

export class VerdictCache {
  private key: string | undefined;
  private readonly noops = new Map<string, Decision>();
  /** Dry runs answered from the cache (bench and tests). */
  hits = 0;

  /** Keeps the verdicts only if `key` (state fingerprint + unavailable offerings) is unchanged. */
  sync(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.noops.clear();
  }

  consolidate(ctx: DisruptionContext, candidates: NodeFacts[], o: ConsolidationOptions): Decision {
    // The destinations closed by consolidateAfter change with time alone (Pass.destinations).
    const id = `${o.method}:${candidates.map((c) => c.node.name).join(',')}|${o.closed?.key ?? ''}`;
    const hit = this.noops.get(id);
    if (hit) {
      this.hits++;
      return hit;
    }
    const drawn = ctx.dryRunDraws;
    const d = computeConsolidation(ctx, candidates, o);
    if (d.kind === 'noop' && ctx.dryRunDraws === drawn) this.noops.set(id, d);
    return d;
  }
}
