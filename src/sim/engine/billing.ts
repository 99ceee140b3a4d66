// What the instances cost: every instance billed up to a moment (nodes, terminated ones included,
// and launched NodeClaims whose node has not registered), its price and whether it still runs.
// The cost figures (costAt), the frames' spend by group, the run summary and the cost by workload
// (workloadCost.ts) all walk the same list.
import type { ClusterState } from './state.ts';

const round = (v: number, d = 6): number => Math.round(v * 10 ** d) / 10 ** d;

/** An instance billed up to some time: what it is, its price, and whether it still runs. */
export interface Billed {
  /** The Node's name; undefined for a NodeClaim whose node has not registered. */
  node: string | undefined;
  nodePool: string | undefined;
  capacityType: string;
  instanceType: string;
  zone: string;
  price: number;
  /** The price is an estimate (a spot price the catalog does not publish). */
  estimate: boolean;
  /** Still billing at the state's time (counts towards $/h). */
  running: boolean;
  /** Milliseconds billed up to the time asked for. */
  billedMs: number;
}

/**
 * Every instance the state has billed up to time t: the nodes (terminated ones included, they stay
 * in the map) and the launched NodeClaims whose node has not registered, which bill too.
 */
export function forEachBilled(state: ClusterState, t: number, fn: (b: Billed) => void): void {
  const billed = new Set<string>();
  for (const n of state.nodes.values()) {
    if (n.nodeClaim) billed.add(n.nodeClaim);
    fn({
      node: n.name,
      nodePool: n.nodePool,
      capacityType: n.capacityType,
      instanceType: n.instanceType,
      zone: n.zone,
      price: n.price,
      estimate: n.priceIsEstimate,
      running: n.terminatedAt === undefined || n.terminatedAt > t,
      billedMs: Math.max(0, Math.min(t, n.terminatedAt ?? t) - n.billedFrom),
    });
  }
  for (const c of state.nodeClaims.values()) {
    if (billed.has(c.name) || !c.launch || c.launchedAt === undefined) continue;
    fn({
      node: undefined,
      nodePool: c.nodePool,
      capacityType: c.launch.capacityType,
      instanceType: c.launch.instanceType,
      zone: c.launch.zone,
      price: c.launch.price,
      estimate: c.launch.priceIsEstimate,
      running: c.deletedAt === undefined,
      billedMs: Math.max(0, Math.min(t, c.deletedAt ?? t) - c.launchedAt),
    });
  }
}

/**
 * $/h of every instance running at the state's time, and $ spent up to time t. `each` sees every
 * instance priced, in the same walk (the frames' spend by group, the run summary's instances).
 */
export function costAt(
  state: ClusterState,
  t: number,
  each?: (b: Billed) => void,
): { perHour: number; total: number } {
  let perHour = 0;
  let total = 0;
  forEachBilled(state, t, (b) => {
    if (b.running) perHour += b.price;
    total += (b.price * b.billedMs) / 3_600_000;
    each?.(b);
  });
  return { perHour: round(perHour), total: round(total) };
}
