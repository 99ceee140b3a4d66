// The Balanced consolidation policy (v1.14+, reference §3.10): a move is approved only when the
// share of the pool's cost it saves is at least half the share of the pool's disruption it causes:
//   score = (savings / poolCost) / (Σ candidate rescheduleCost / Σ pool rescheduleCost) ≥ 1/k, k = 2
// Example: 10 nodes at $0.10/h, each cost 2 → deleting one saves 10 % of the cost for 10 % of the
// disruption: score 1, approved. Replacing a node to save $0.01/h scores 0.1: rejected.
import type { ClusterIndex } from './candidates.ts';
import type { Command } from './types.ts';

export const BALANCED_K = 2;

export interface BalancedVerdict {
  approved: boolean;
  score: number;
  message: string;
}

/** undefined when no candidate's pool is Balanced (nothing to score). */
export function evaluateBalanced(cmd: Command, ix: ClusterIndex): BalancedVerdict | undefined {
  const sourceCost = cmd.candidates.reduce((s, c) => s + c.price, 0);
  let worst: BalancedVerdict | undefined;
  const pools = new Set(
    cmd.candidates
      .filter((c) => c.pool?.spec.disruption?.consolidationPolicy === 'Balanced')
      .map((c) => c.poolName),
  );
  for (const pool of pools) {
    let totalCost = 0;
    let totalDisruption = 0;
    for (const f of ix.facts.values()) {
      if (f.poolName !== pool) continue;
      totalCost += f.price;
      totalDisruption += f.rescheduleCost;
    }
    const mine = cmd.candidates.filter((c) => c.poolName === pool);
    const poolSource = mine.reduce((s, c) => s + c.price, 0);
    const savings = sourceCost > 0 ? cmd.savings * (poolSource / sourceCost) : 0;
    const disruption = mine.reduce((s, c) => s + c.rescheduleCost, 0);
    const savingsFraction = totalCost > 0 ? savings / totalCost : 0;
    const disruptionFraction = totalDisruption > 0 ? disruption / totalDisruption : 0;
    const score =
      savings <= 0
        ? 0
        : disruptionFraction === 0
          ? Number.POSITIVE_INFINITY
          : savingsFraction / disruptionFraction;
    const approved = score >= 1 / BALANCED_K;
    const verdict = {
      approved,
      score,
      message: `NodePool "${pool}" (Balanced): score ${score.toFixed(2)} ${approved ? '≥' : '<'} ${1 / BALANCED_K} (saves ${(savingsFraction * 100).toFixed(1)}% of cost for ${(disruptionFraction * 100).toFixed(1)}% of disruption)`,
    };
    if (!worst || (!verdict.approved && worst.approved) || verdict.score < worst.score)
      worst = verdict;
  }
  return worst;
}
