// Disruption budgets (reference §3.12, §6.3 case 64). Per NodePool and reason, how many more nodes
// may be disrupted right now:
//   allowed = max(0, min over active budgets naming the reason (or none) of limit − disrupting)
//   limit   = N, or ceil(total × P%)        (19 nodes × 20% → 4; 10% of 1–10 nodes → 1)
//   total   = managed, initialized nodes of the pool that are not terminated
//   disrupting = of those, nodes NotReady or marked for deletion (deleting, or in our queue)
// A budget whose schedule is not active allows everything; a malformed one allows nothing.
import type { Budget, NodePool } from '../k8s.ts';
import { parseDuration } from '../engine/duration.ts';
import type { ClusterState } from '../engine/state.ts';
import { parseCron, scheduleActive } from './cron.ts';

export type DisruptionReason = 'Underutilized' | 'Empty' | 'Drifted';

const UNLIMITED = 2 ** 31 - 1;

/** The limit one budget puts on a pool of `total` nodes now: a count, UNLIMITED when inactive, 0 when invalid. */
export function budgetLimit(b: Budget, total: number, now: number): number {
  if (b.schedule !== undefined || b.duration !== undefined) {
    const cron = b.schedule === undefined ? 'missing schedule' : parseCron(b.schedule);
    const dur = parseDuration(b.duration);
    if (typeof cron === 'string' || dur === undefined) return 0; // fail closed
    if (!scheduleActive(cron, now, dur)) return UNLIMITED;
  }
  const m = /^(?:(100|\d{1,2})%|(\d+))$/.exec(b.nodes.trim());
  if (!m) return 0;
  if (m[1] !== undefined) return Math.ceil((total * Number(m[1])) / 100);
  return Number(m[2]);
}

export interface PoolBudgetCount {
  total: number;
  disrupting: number;
}

/** total/disrupting per pool, as BuildDisruptionBudgetMapping counts them. */
export function countPoolNodes(
  state: ClusterState,
  markedForDeletion: ReadonlySet<string>,
): Map<string, PoolBudgetCount> {
  const out = new Map<string, PoolBudgetCount>();
  for (const n of state.nodes.values()) {
    if (n.terminatedAt !== undefined || n.nodeClaim === undefined || n.nodePool === undefined)
      continue;
    const nc = state.nodeClaims.get(n.nodeClaim);
    if (nc?.initializedAt === undefined) continue;
    const c = out.get(n.nodePool) ?? { total: 0, disrupting: 0 };
    c.total++;
    if (!n.ready || n.deletingAt !== undefined || markedForDeletion.has(n.name)) c.disrupting++;
    out.set(n.nodePool, c);
  }
  return out;
}

/** The pool's budget for `reason` now, before nodes already disrupting are counted against it. */
export function budgetFor(
  np: NodePool,
  count: PoolBudgetCount | undefined,
  reason: DisruptionReason,
  now: number,
  honourReasons = true,
): number {
  const budgets = np.spec.disruption?.budgets ?? [{ nodes: '10%' }];
  const total = count?.total ?? 0;
  let limit = UNLIMITED;
  for (const b of budgets) {
    if (honourReasons && b.reasons !== undefined && !b.reasons.includes(reason)) continue;
    limit = Math.min(limit, budgetLimit(b, total, now));
  }
  return limit;
}

/** How many more nodes of this pool may be disrupted for `reason` now (v1 semantics: reasons honoured). */
export function allowedDisruptions(
  np: NodePool,
  count: PoolBudgetCount | undefined,
  reason: DisruptionReason,
  now: number,
  honourReasons = true,
): number {
  return Math.max(0, budgetFor(np, count, reason, now, honourReasons) - (count?.disrupting ?? 0));
}

/** Per-pool allowance for one method's pass; take() decrements as candidates are picked. */
export class BudgetLedger {
  private readonly left = new Map<string, number>();

  constructor(
    private readonly state: ClusterState,
    private readonly counts: Map<string, PoolBudgetCount>,
    private readonly reason: DisruptionReason,
    private readonly enforce: boolean,
    private readonly now: number,
    private readonly honourReasons = true,
  ) {}

  remaining(pool: string): number {
    if (!this.enforce) return UNLIMITED;
    let v = this.left.get(pool);
    if (v === undefined) {
      const np = this.state.nodePools.get(pool);
      v = np
        ? allowedDisruptions(np, this.counts.get(pool), this.reason, this.now, this.honourReasons)
        : 0;
      this.left.set(pool, v);
    }
    return v;
  }

  take(pool: string): boolean {
    const v = this.remaining(pool);
    if (v <= 0) return false;
    if (this.enforce) this.left.set(pool, v - 1);
    return true;
  }
}
