// The Balanced consolidation policy (v1.14+, reference §3.10; upstream
// pkg/controllers/disruption/balanced.go): a move is approved only when the share of the pool's
// cost it saves is at least 1/k of the share of the pool's disruption it causes:
//   score = (savings / pool cost) / (Σ candidate rescheduleCost / Σ pool rescheduleCost) ≥ 1/k, k = 2
// Example: 10 nodes at $0.10/h, each cost 2 → deleting one saves 10 % of the cost for 10 % of the
// disruption: score 1, approved. Replacing a node to save $0.01/h scores 0.1: rejected.
//
// What Karpenter says about it: an approved single-node move gets `ConsolidationApproved` on its
// node and NodeClaim, an approved multi-node move one per Balanced pool on the NodePool, both as
// `score 1.00 >= threshold 0.50 (k: 2, savings 10.0%, disruption 10.0%)`. A rejection is only
// counted in a metric ("rejection volume … is high enough to bury approvals"): no event.
import { countAtOrBefore } from '../sorted.ts';
import type { ClusterIndex, NodeFacts } from './candidates.ts';
import type { Explanation } from './explanation.ts';
import type { Command } from './types.ts';

export const BALANCED_K = 2;
const THRESHOLD = 1 / BALANCED_K;

/** One Balanced pool's score for a move (upstream ScoreResult). */
export interface PoolScore {
  pool: string;
  savingsFraction: number;
  disruptionFraction: number;
  score: number;
  approved: boolean;
}

export interface BalancedVerdict {
  /** Every Balanced pool of the move approves it. */
  approved: boolean;
  /** Per Balanced pool, in the order the candidates name them. */
  pools: PoolScore[];
  /** The lowest-scoring pool's: what an explanation quotes. */
  worst: PoolScore;
}

interface PoolTotals {
  cost: number;
  disruption: number;
}

const isBalanced = (f: NodeFacts): boolean =>
  f.pool?.spec.disruption?.consolidationPolicy === 'Balanced';

/** Each pool's total price and reschedule cost over its nodes, once per pass (the index). */
const totalsOf = new WeakMap<ClusterIndex, Map<string, PoolTotals>>();
function poolTotals(ix: ClusterIndex): Map<string, PoolTotals> {
  let totals = totalsOf.get(ix);
  if (!totals) {
    totals = new Map();
    for (const f of ix.facts.values()) {
      const t = totals.get(f.poolName) ?? { cost: 0, disruption: 0 };
      t.cost += f.price;
      t.disruption += f.rescheduleCost;
      totals.set(f.poolName, t);
    }
    totalsOf.set(ix, totals);
  }
  return totals;
}

/** upstream ScoreMove + ScoreResult: nothing to compare against scores 0 (rejected). */
function scoreMove(pool: string, savings: number, disruption: number, t: PoolTotals): PoolScore {
  const ok = t.cost > 0 && t.disruption > 0;
  const savingsFraction = ok ? savings / t.cost : 0;
  const disruptionFraction = ok ? disruption / t.disruption : 0;
  const score =
    savingsFraction <= 0
      ? 0
      : disruptionFraction === 0
        ? Number.POSITIVE_INFINITY
        : savingsFraction / disruptionFraction;
  return { pool, savingsFraction, disruptionFraction, score, approved: score >= THRESHOLD };
}

/** Go's %.2f: +Inf for an infinite score. */
const fixed2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '+Inf');

/** Karpenter's ConsolidationApproved message. */
export function approvedMessage(s: PoolScore): string {
  return `score ${fixed2(s.score)} >= threshold ${THRESHOLD.toFixed(2)} (k: ${BALANCED_K}, savings ${(s.savingsFraction * 100).toFixed(1)}%, disruption ${(s.disruptionFraction * 100).toFixed(1)}%)`;
}

/** The lab's words for a rejection (Karpenter publishes none): the same figures, the other way. */
export function rejectedReason(s: PoolScore): string {
  return `NodePool "${s.pool}" (Balanced): score ${fixed2(s.score)} < threshold ${THRESHOLD.toFixed(2)} (k: ${BALANCED_K}, savings ${(s.savingsFraction * 100).toFixed(1)}%, disruption ${(s.disruptionFraction * 100).toFixed(1)}%)`;
}

/** Whether a node's verdict is a Balanced rejection (rejectedReason's words): never published. */
export function isBalancedRejection(e: Explanation): boolean {
  return e.state === 'kept' && e.reason.includes('" (Balanced): score ');
}

/** upstream EvaluateBalancedMove; undefined when no candidate's pool is Balanced. */
export function evaluateBalanced(cmd: Command, ix: ClusterIndex): BalancedVerdict | undefined {
  const balanced = cmd.candidates.filter(isBalanced);
  if (balanced.length === 0) return undefined;
  const byPool = new Map<string, NodeFacts[]>();
  for (const c of cmd.candidates) byPool.set(c.poolName, [...(byPool.get(c.poolName) ?? []), c]);
  const sourceCost = cmd.candidates.reduce((s, c) => s + c.price, 0);
  const totals = poolTotals(ix);
  const pools: PoolScore[] = [];
  for (const [pool, mine] of byPool) {
    if (!isBalanced(mine[0] as NodeFacts)) continue;
    const poolSource = mine.reduce((s, c) => s + c.price, 0);
    // A move across pools splits its savings by source price.
    const savings =
      byPool.size > 1 && sourceCost > 0 ? cmd.savings * (poolSource / sourceCost) : cmd.savings;
    const disruption = mine.reduce((s, c) => s + c.rescheduleCost, 0);
    pools.push(
      scoreMove(pool, savings, disruption, totals.get(pool) ?? { cost: 0, disruption: 0 }),
    );
  }
  const worst = pools.reduce((w, p) => (p.score < w.score ? p : w));
  return { approved: pools.every((p) => p.approved), pools, worst };
}

/**
 * upstream CanPassThreshold, negated (single-node only): the score of deleting the candidate
 * outright — the best any move on it can do — when even that is rejected; such a candidate is
 * skipped without a dry run. Undefined when it may pass (or its pool is not Balanced).
 */
export function cannotPassThreshold(f: NodeFacts, ix: ClusterIndex): PoolScore | undefined {
  if (!isBalanced(f)) return undefined;
  const t = poolTotals(ix).get(f.poolName);
  if (!t || t.cost <= 0) return undefined;
  const s = scoreMove(f.poolName, f.price, f.rescheduleCost, t);
  return s.approved ? undefined : s;
}

/** A Balanced rejection a computing pass noted for a node (KarpenterDisruption.balancedRejections). */
export interface BalancedRejection {
  at: number;
  explanation: Explanation;
}

/**
 * The Balanced rejection that stands for `node` at `t`: one noted by the last consolidation pass
 * that computed at or before `t` (`passes`, ascending). Karpenter publishes no event for it, and
 * the read-only explainer cannot know it, so explanations over a recorded run read it here.
 */
export function balancedRejectedAt(
  rejections: ReadonlyMap<string, readonly BalancedRejection[]>,
  passes: readonly { at: number }[],
  node: string,
  t: number,
): Explanation | undefined {
  const mine = rejections.get(node);
  if (!mine) return undefined;
  const last = mine[countAtOrBefore(mine, t, (r) => r.at) - 1];
  const pass = passes[countAtOrBefore(passes, t, (p) => p.at) - 1];
  return last && pass && last.at === pass.at ? last.explanation : undefined;
}
