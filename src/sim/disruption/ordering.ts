// Candidate order for consolidation (reference §3.4).
//   v1.14+: savings ratio (price ÷ RescheduleDisruptionCost) descending — of two identical nodes,
//           the one with fewer pods goes first.
//   v1.0–v1.13 and v1alpha5: disruption cost ascending (fewer pods, expiring sooner, lower priority).
// Ties fall back to the node name so runs are reproducible.
import type { NodeFacts } from './candidates.ts';

export function savingsRatio(f: NodeFacts): number {
  return f.price / f.rescheduleCost;
}

export function orderForConsolidation(cands: readonly NodeFacts[], v114: boolean): NodeFacts[] {
  const byName = (a: NodeFacts, b: NodeFacts): number =>
    a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0;
  return [...cands].sort(
    v114
      ? (a, b) => savingsRatio(b) - savingsRatio(a) || byName(a, b)
      : (a, b) => a.lifetimeCost - b.lifetimeCost || byName(a, b),
  );
}

/**
 * Single-node interleaving: 1st of each pool, then 2nd of each pool, … Pools a timeout left unseen
 * on the previous pass go first (upstream's PreviouslyUnseenNodePools); otherwise pools come in
 * first-seen order (upstream walks a Go map, in random order).
 */
export function interleaveByPool(
  sorted: readonly NodeFacts[],
  unseenFirst: ReadonlySet<string> = new Set(),
): NodeFacts[] {
  const pools = new Map<string, NodeFacts[]>();
  for (const f of sorted) {
    const list = pools.get(f.poolName);
    if (list) list.push(f);
    else pools.set(f.poolName, [f]);
  }
  const out: NodeFacts[] = [];
  const names = [...pools.keys()];
  const lists = [
    ...names.filter((n) => unseenFirst.has(n)),
    ...names.filter((n) => !unseenFirst.has(n)),
  ].map((n) => pools.get(n) as NodeFacts[]);
  for (let i = 0; out.length < sorted.length; i++)
    for (const l of lists) if (l[i]) out.push(l[i] as NodeFacts);
  return out;
}
