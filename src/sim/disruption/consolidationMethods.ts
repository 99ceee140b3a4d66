// Multi-node and single-node consolidation (reference §3.7–3.8, §3.10): the underutilized
// candidates, sorted (§3.4), tried through computeConsolidation; Balanced pools must also approve.
import { cannotPassThreshold, evaluateBalanced, rejectedReason } from './balanced.ts';
import { formatDuration } from '../engine/duration.ts';
import { countAtOrBefore } from '../sorted.ts';
import type { NodeFacts } from './candidates.ts';
import { budgetNote, consolidationCandidates } from './eligibility.ts';
import type { Method } from './methods.ts';
import { interleaveByPool, orderForConsolidation } from './ordering.ts';
import type { ConsolidationTimeout, Pass, SingleNodeRun } from './pass.ts';
import type { Command } from './types.ts';

/**
 * The Balanced policy's word on a command: the command itself (carrying its scores for the
 * ConsolidationApproved events) when every Balanced pool approves, else undefined, with the
 * rejection noted for the explanations only (Karpenter publishes no event for it).
 */
function balancedOk(pass: Pass, cmd: Command): Command | undefined {
  const v = evaluateBalanced(cmd, pass.ix);
  if (!v) return cmd;
  if (v.approved) return { ...cmd, balanced: v.pools };
  for (const c of cmd.candidates)
    pass.note(
      c.node.name,
      'kept',
      rejectedReason(v.worst),
      `The Balanced policy rejected the move Karpenter found (${cmd.replacements.length === 0 ? 'delete' : 'replace'}, saving $${cmd.savings.toFixed(4)}/h): the saving is too small a share of the NodePool's cost for the share of its disruption. Karpenter publishes no event for a rejection, only a metric.`,
    );
  return undefined;
}

/** Candidates for multi/single consolidation: non-empty, policy not WhenEmpty, sorted (§3.4). */
function underutilized(pass: Pass): NodeFacts[] {
  return orderForConsolidation(consolidationCandidates(pass, false), pass.ix.v114);
}

/** MAX_PARALLEL for multi-node consolidation. */
export const MULTI_NODE_MAX = 100;

/** MultiNodeConsolidationTimeoutDuration / SingleNodeConsolidationTimeoutDuration (§3.7–3.8). */
export const MULTI_NODE_TIMEOUT_MS = 60_000;
export const SINGLE_NODE_TIMEOUT_MS = 3 * 60_000;

/** Multi-node (§3.8): binary search for the largest prefix that consolidates into ≤ 1 node. */
export const multiNodeConsolidation: Method = {
  name: 'MultiNodeConsolidation',
  consolidation: true,
  compute(pass) {
    const ledger = pass.ledger('Underutilized');
    const cands: NodeFacts[] = [];
    for (const f of underutilized(pass)) {
      if (ledger.take(f.poolName)) cands.push(f);
      else budgetNote(pass, f, 'Underutilized');
    }
    if (cands.length < 2) return undefined;
    let min = 1;
    let max = Math.min(cands.length, MULTI_NODE_MAX);
    if (cands.length <= max) max = cands.length - 1;
    let best: Command | undefined;
    const started = pass.computeMs;
    let tried = 0;
    while (min <= max) {
      // Checked before each dry run, as upstream does: the last one may overrun the minute.
      if (pass.computeMs - started > MULTI_NODE_TIMEOUT_MS) {
        pass.timeouts.push({
          at: pass.ctx.now,
          method: 'MultiNodeConsolidation',
          afterMs: pass.computeMs - started,
          evaluated: tried,
          of: Math.min(cands.length, MULTI_NODE_MAX),
        });
        return best;
      }
      tried++;
      const mid = Math.floor((min + max) / 2);
      const d = pass.consolidate(cands.slice(0, mid + 1), {
        method: 'MultiNodeConsolidation',
        single: false,
        competing: pass.competingPods(),
        legacySpot: pass.gen.spotToSpot === 'never',
      });
      const approved = d.kind === 'command' ? balancedOk(pass, d.command) : undefined;
      if (approved) {
        best = approved;
        min = mid + 1;
      } else max = mid - 1;
    }
    return best;
  },
};

/** Single-node (§3.7): the first candidate (interleaved across pools) that consolidates. */
export const singleNodeConsolidation: Method = {
  name: 'SingleNodeConsolidation',
  consolidation: true,
  compute(pass) {
    const ledger = pass.ledger('Underutilized');
    const order = interleaveByPool(underutilized(pass), pass.carry.unseenPools);
    const unseen = new Set(order.map((f) => f.poolName));
    const started = pass.computeMs;
    const run: SingleNodeRun = { at: pass.ctx.now };
    pass.singleNode = run;
    for (const [i, f] of order.entries()) {
      if (pass.computeMs - started > SINGLE_NODE_TIMEOUT_MS) {
        run.timeout = singleNodeTimedOut(pass, order, i, pass.computeMs - started);
        pass.carry.unseenPools = unseen;
        return undefined;
      }
      unseen.delete(f.poolName);
      if (ledger.remaining(f.poolName) <= 0) {
        budgetNote(pass, f, 'Underutilized');
        continue;
      }
      // Balanced: a candidate that even a delete could not justify is skipped without a dry run.
      const hopeless = cannotPassThreshold(f, pass.ix);
      if (hopeless) {
        pass.note(
          f.node.name,
          'kept',
          rejectedReason(hopeless),
          "Even deleting it would save too small a share of its Balanced NodePool's cost for the share of the pool's disruption its pods carry, so Karpenter skips it without simulating anything (and publishes no event).",
        );
        continue;
      }
      const d = pass.consolidate([f], {
        method: 'SingleNodeConsolidation',
        single: true,
        competing: pass.competingPods(),
        legacySpot: pass.gen.spotToSpot === 'never',
      });
      if (d.kind === 'noop') {
        pass.note(f.node.name, 'kept', d.message, plainNoop(d.message) + closedHint(pass));
        continue;
      }
      const approved = balancedOk(pass, d.command);
      if (!approved) continue;
      return approved;
    }
    pass.carry.unseenPools = unseen;
    return undefined;
  },
};

/**
 * Upstream abandons the pass ("abandoning single-node consolidation due to timeout after evaluating
 * N candidates"), does not mark the cluster consolidated, and puts the pools it never reached first
 * next time. The nodes it never reached say so.
 */
function singleNodeTimedOut(
  pass: Pass,
  order: NodeFacts[],
  i: number,
  ms: number,
): ConsolidationTimeout {
  const timeout: ConsolidationTimeout = {
    at: pass.ctx.now,
    method: 'SingleNodeConsolidation',
    afterMs: ms,
    evaluated: i,
    of: order.length,
    reached: new Set(order.slice(0, i).map((f) => f.node.name)),
  };
  pass.timeouts.push(timeout);
  for (const f of order.slice(i))
    pass.note(f.node.name, 'candidate', unreachedReason(timeout), unreachedSentence(timeout));
  return timeout;
}

/** v1.14: the nodes this pass kept the candidate's pods off (Pass.destinations), when any. */
function closedHint(pass: Pass): string {
  const closed = pass.closedSoonestFirst();
  if (closed.length === 0) return '';
  const named = closed.slice(0, 3).map((c) => `${c.node} (until ${formatDuration(c.until)})`);
  const more = closed.length > 3 ? ` and ${closed.length - 3} more` : '';
  return ` Since v1.14 its pods may not move onto a node whose own consolidateAfter has not run out since its pods last changed: ${named.join(', ')}${more}.`;
}

function plainNoop(message: string): string {
  if (message.startsWith("Can't replace with a cheaper node"))
    return 'Its pods would need a new node, and no instance type that fits them is cheaper than this one.';
  if (message.startsWith("Can't remove without creating"))
    return 'Its pods would need more than one new node; consolidation never turns one node into several.';
  if (message.startsWith('SpotToSpotConsolidation is disabled'))
    return 'Replacing a spot node with a cheaper spot node needs the SpotToSpotConsolidation feature gate (off by default).';
  if (message.startsWith('SpotToSpotConsolidation requires'))
    return 'Spot-to-spot replacement needs at least 15 cheaper instance types, so spot capacity keeps enough choice.';
  if (message.startsWith('not all pods would schedule'))
    return 'Not all of its pods would fit on the other nodes (or on one new node).';
  return message;
}

/**
 * The single-node pass the moment `t` last saw, when it ran out of time before reaching `node`
 * (for explanations over a recorded run: the read-only explainer cannot know it).
 */
export function unreachedAt(
  runs: readonly SingleNodeRun[],
  node: string,
  t: number,
): ConsolidationTimeout | undefined {
  const timeout = runs[countAtOrBefore(runs, t, (r) => r.at) - 1]?.timeout;
  return timeout && !timeout.reached?.has(node) ? timeout : undefined;
}

export function unreachedReason(x: ConsolidationTimeout): string {
  return `not evaluated: single-node consolidation timed out after evaluating ${x.evaluated} of ${x.of} candidates`;
}

/** The sentence an explanation adds for a node a timed-out pass did not reach. */
export function unreachedSentence(x: ConsolidationTimeout): string {
  return `The last single-node consolidation pass (at ${formatDuration(x.at)}) ran out of its 3 minutes after ${formatDuration(Math.floor(x.afterMs))} of modelled computation (timings dryRunPerPod and dryRunPer1kNodes, assumed), having evaluated ${x.evaluated} of ${x.of} candidates before this node's turn; the next pass starts again from the top, NodePools it did not reach first.`;
}
