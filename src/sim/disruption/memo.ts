// Karpenter skips consolidation while its cluster "consolidation state" has not moved since the
// last no-op (IsConsolidated, reference §3.1): consolidationState.ts says which changes move it,
// and it refreshes at least every 5 minutes. Each consolidation method keeps its own memo (upstream
// embeds a copy of the consolidation state in every method), so a budget that holds multi-node
// back re-runs multi-node only. A countdown ending (consolidateAfter, a do-not-disrupt duration)
// does not move the state, as upstream: a node that became consolidatable after the last pass
// waits for the next change or the refresh, and its explanation says so.
//
// stateFingerprint (any record changed) is what the verdict cache (verdicts.ts) keys on: a dry
// run's verdict is reused only on the very same records.
import type { ClusterState } from '../engine/state.ts';
import { explanation, type Explanation } from './explanation.ts';
import { formatDuration } from '../engine/duration.ts';
import { CONSOLIDATION_REFRESH_MS } from './consolidationState.ts';
import { countAtOrBefore } from '../sorted.ts';
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

/** A budget-limited no-op is re-examined every minute (Karpenter: every poll); budget schedules are minute-granular. */
export const BUDGET_RECHECK_MS = 60_000;

interface Memo {
  /** The consolidation state the no-op saw (ConsolidationState.at). */
  state: number;
  at: number;
  wake: number;
  /** The explanations the method's no-op left, replayed while the memo holds. */
  notes: [string, Explanation][];
  /** Nodes held back (a countdown, a blocker) when the no-op ran, noted by an earlier method's
   *  gathering and left as they were: the method did not look at them either. */
  held: [string, Explanation][];
}

const isHeld = (e: Explanation): boolean =>
  e.state === 'blocked' || e.state === 'waiting' || e.state === 'disabled';

/**
 * One memo per consolidation method, as in Karpenter (each method embeds its own copy of the
 * consolidation state): a budget that holds multi-node back keeps only multi-node re-running.
 */
export class ConsolidationMemos {
  private readonly byMethod = new Map<MethodName, Memo>();

  clear(): void {
    this.byMethod.clear();
  }

  /** IsConsolidated: the method's last no-op saw this consolidation state (and no budget re-check is due). */
  valid(method: MethodName, state: number, now: number): boolean {
    const m = this.byMethod.get(method);
    return m !== undefined && m.state === state && now < m.wake;
  }

  /**
   * The memoised no-op's verdicts, set again on this pass for the nodes the pass's own candidate
   * gathering (run every poll, as upstream's GetCandidates) left without a note (`current`). A node the no-op
   * saw blocked or counting down that is eligible now has not been looked at again: it says so,
   * and until when.
   */
  replay(
    method: MethodName,
    pass: Pass,
    refreshAt: number,
    current: ReadonlySet<string> = new Set(),
  ): void {
    const memo = this.byMethod.get(method);
    if (!memo) return;
    // A later method's note replaces an earlier one's, as on the pass that left them; `current`
    // (noted on this pass before the replays: gathered now) is not replaced.
    for (const [node, e] of memo.notes) {
      if (current.has(node) || !pass.ix.facts.has(node)) continue;
      if (isHeld(e)) {
        pass.notes.set(node, notLookedAgain(e, memo.at, refreshAt));
        pass.notLookedAgain++;
      } else pass.notes.set(node, e);
    }
    // Held back when an earlier method gathered (Emptiness, which keeps no memo without a
    // candidate), eligible now: this method has not looked at it since, so the run waits for the
    // refresh. An earlier method's note on this pass stays, as it stayed on the memo's own pass.
    for (const [node, e] of memo.held) {
      if (current.has(node) || !pass.ix.facts.has(node)) continue;
      pass.notLookedAgain++;
      if (!pass.notes.has(node)) pass.notes.set(node, notLookedAgain(e, memo.at, refreshAt));
    }
  }

  /** Runs the method; a no-op is remembered with the explanations it left. */
  run(m: Method, pass: Pass, state: number): Command | undefined {
    const before = new Map(pass.notes);
    const limited = pass.budgetLimited;
    pass.budgetLimited = false;
    const timeouts = pass.timeouts.length;
    pass.sawCandidates = false;
    const cmd = m.compute(pass);
    pass.computedConsolidation ||= pass.sawCandidates;
    const now = pass.ctx.now;
    // A single-node pass that timed out is not marked consolidated upstream: the next poll retries.
    // (Multi-node's no-op after a timeout is, as upstream marks it.)
    const abandoned = pass.timeouts
      .slice(timeouts)
      .some((t) => t.method === 'SingleNodeConsolidation');
    // Upstream computes (and marks) only with candidates: with none, the last memo stands. A no-op
    // a budget caused is not marked consolidated either (re-checked every minute here).
    if (!cmd && !abandoned && pass.sawCandidates) {
      const notes: [string, Explanation][] = [];
      const held: [string, Explanation][] = [];
      for (const [node, e] of pass.notes)
        if (before.get(node) !== e) notes.push([node, e]);
        else if (isHeld(e)) held.push([node, e]);
      const wake = pass.budgetLimited ? now + BUDGET_RECHECK_MS : Infinity;
      this.byMethod.set(m.name, { state, at: now, wake, notes, held });
    }
    pass.budgetLimited ||= limited;
    return cmd;
  }
}

/** A node that became eligible after the last consolidation pass: waiting for Karpenter to look again. */
export function notLookedAgain(e: Explanation, lastPass: number, refreshAt: number): Explanation {
  // A countdown that ended, or a blocker that did (no end time).
  const ended = e.state === 'waiting' ? e.until : undefined;
  const since =
    ended === undefined ? 'eligible now' : `consolidatable since ${formatDuration(ended)}`;
  const what =
    ended === undefined
      ? `At that pass it was held back (${e.reason}); that has ended`
      : `Its countdown ended at ${formatDuration(ended)}`;
  const out = explanation(
    e.node,
    'waiting',
    `${since}, not yet re-evaluated: the cluster's consolidation state has not changed since the last pass at ${formatDuration(lastPass)}`,
    `${what}, after Karpenter's last consolidation pass (${formatDuration(lastPass)}). Karpenter looks again only when something it watches changes (a pod bound or deleted, a node launched, initialized or deleted, a NodePool edited) or at least every 5 minutes: by ${formatDuration(refreshAt)}.`,
    refreshAt,
  );
  return ended === undefined ? out : { ...out, since: ended };
}

/** A poll on which a memoised consolidation method computed, and the consolidation state it saw. */
export interface ConsolidationPass {
  at: number;
  state: number;
}

/**
 * For an explanation over a recorded run: a node the read-only explainer finds consolidatable at
 * `t` whose countdown ended after the last consolidation pass before `t` is waiting for Karpenter
 * to look again. `explainAt(at)` is the explainer's answer at that pass. The next look is the
 * next recorded pass, or the state's 5-minute refresh when the run ends first.
 */
export function notLookedAgainAt(
  passes: readonly ConsolidationPass[],
  t: number,
  explainAt: (at: number) => Explanation,
): Explanation | undefined {
  const lo = countAtOrBefore(passes, t, (p) => p.at);
  const last = passes[lo - 1];
  if (!last) return undefined;
  const then = explainAt(last.at);
  if (then.state !== 'waiting' || then.until === undefined || then.until > t) return undefined;
  const next = passes[lo]?.at ?? last.state + CONSOLIDATION_REFRESH_MS;
  return notLookedAgain(then, last.at, next);
}
