// explainNode(): why a node is not being consolidated right now, or what it waits for — a pure
// function of a ClusterState (any moment of a timeline), for the UI's node panel and the CLI.
// It answers everything that does not need a scheduling dry run (blockers, consolidateAfter and
// ttlSecondsAfterEmpty countdowns, disabled consolidation, budgets); whether an eligible node can
// actually be deleted or replaced is decided by the controller's pass (KarpenterDisruption
// .explanations, and the Unconsolidatable events in the timeline).
import type { DisruptionContext } from '../engine/disruption.ts';
import { formatDuration } from '../engine/duration.ts';
import type { ClusterState } from '../engine/state.ts';
import { DEFAULT_TIMINGS } from '../engine/timing.ts';
import { vocabulary } from './annotations.ts';
import { blockerFor, unpricedReason } from './candidates.ts';
import { DriftTracker } from './drift.ts';
import { explanation, plainBlocker, unpricedSentence, type Explanation } from './explanation.ts';
import { whenEmptyRefusal } from './eligibility.ts';
import { Pass, provisionerOf } from './pass.ts';

export interface ExplainOptions {
  /** Defaults to state.time. */
  now?: number;
  /** KarpenterDisruption.lastPodEventsAt(now); without it the last bind or the initialization is used. */
  lastPodEvents?: ReadonlyMap<string, number>;
  /** Nodes a running command holds (KarpenterDisruption keeps them; tainted nodes are a good proxy). */
  held?: ReadonlySet<string>;
}

/** A context that can read but not act: explainNode never simulates or mutates (tests reuse it). */
export function readOnly(state: ClusterState, now: number): DisruptionContext {
  const refuse = (): never => {
    throw new Error('explainNode is read-only');
  };
  return {
    now,
    state,
    semantics: state.karpenter.semantics,
    timings: DEFAULT_TIMINGS,
    featureGates: {},
    rng: () => 0,
    dryRunDraws: 0,
    dryRunsReused: 0,
    // No version: a read-only context may see a state changed in place, so nothing keyed on the
    // version (the trackers' folds, the pass index, the memo's fingerprint) is reused (NaN ≠ NaN).
    stateVersion: Number.NaN,
    nodesChangedSince: () => true,
    catalog: { region: '', zones: [], instanceTypes: [], source: 'none' },
    simulate: refuse,
    taint: refuse,
    untaint: refuse,
    createNodeClaims: refuse,
    limitExceeded: refuse,
    refuseReplacement: refuse,
    deleteNodeClaim: refuse,
    event: refuse,
    after: refuse,
  };
}

export function explainNode(
  state: ClusterState,
  nodeName: string,
  opts: ExplainOptions = {},
): Explanation {
  const now = opts.now ?? state.time;
  const node = state.nodes.get(nodeName);
  if (!node || node.terminatedAt !== undefined)
    return explanation(nodeName, 'gone', 'node not found', 'The node no longer exists.');
  if (node.nodeClaim === undefined)
    return explanation(
      nodeName,
      'unmanaged',
      'node is not managed by Karpenter',
      'Karpenter did not create this node (no NodeClaim), so it never disrupts it.',
    );
  const bound = new Map<string, number>();
  for (const p of state.pods.values())
    if (p.nodeName !== undefined && p.boundAt !== undefined)
      bound.set(p.nodeName, Math.max(bound.get(p.nodeName) ?? 0, p.boundAt));
  const events = opts.lastPodEvents ?? bound;
  const held =
    opts.held ??
    new Set(
      [...state.nodes.values()]
        .filter(
          (n) =>
            n.deletingAt === undefined && n.taints.some((t) => t.key === 'karpenter.sh/disrupted'),
        )
        .map((n) => n.name),
    );
  const pass = new Pass(
    readOnly(state, now),
    vocabulary(state.karpenter),
    { lastEventAt: (n) => events.get(n) },
    new DriftTracker(),
    held,
  );
  const f = pass.ix.facts.get(nodeName);
  if (!f)
    return explanation(
      nodeName,
      'unmanaged',
      'node is not managed by Karpenter',
      'Its NodeClaim is gone, so Karpenter does not disrupt it.',
    );
  const blocked = blockerFor(f, false);
  if (blocked !== undefined)
    return explanation(
      nodeName,
      held.has(nodeName) || node.deletingAt !== undefined ? 'disrupting' : 'blocked',
      blocked,
      plainBlocker(blocked),
    );
  const prov = pass.legacy ? provisionerOf(pass.ctx, f.poolName) : undefined;
  if (prov?.spec.ttlSecondsAfterEmpty !== undefined && f.reschedulable.length === 0) {
    const at = pass.lastPodEventAt(f) + prov.spec.ttlSecondsAfterEmpty * 1000;
    return explanation(
      nodeName,
      'waiting',
      `ttlSecondsAfterEmpty ${prov.spec.ttlSecondsAfterEmpty}s`,
      `The node is empty; it is deleted ${formatDuration(Math.max(0, at - now))} from now (ttlSecondsAfterEmpty).`,
      at,
    );
  }
  // v1.1+: consolidation cannot price a node without its labels; an empty one may still go
  // (emptiness does not need a price).
  const unpriced = f.empty ? undefined : unpricedReason(f, pass.vocab);
  if (unpriced !== undefined)
    return explanation(nodeName, 'disabled', unpriced, unpricedSentence(unpriced));
  const c = pass.consolidatable(f);
  if (!c.ok && c.state !== 'waiting')
    return explanation(nodeName, c.state, c.reason, c.sentence, c.until);
  // The policy is checked before the node's consolidateAfter, as consolidationCandidates does.
  // An empty node past its consolidateAfter is emptiness's to take (the refusal comes after it).
  const refused = c.ok
    ? f.empty
      ? undefined
      : whenEmptyRefusal(pass, f)
    : whenEmptyRefusal(pass, f, c.until);
  if (refused) return refused;
  if (!c.ok) return explanation(nodeName, c.state, c.reason, c.sentence, c.until);
  const reason = f.empty ? 'Empty' : 'Underutilized';
  if (pass.ledger(reason).remaining(f.poolName) <= 0)
    return explanation(
      nodeName,
      'budget',
      `No allowed disruptions for disruption reason ${reason} due to blocking budget`,
      `It could be disrupted, but NodePool "${f.poolName}"'s disruption budget for ${reason} is used up right now.`,
    );
  // v1.14+: the nodes its pods may not move to right now (an empty node has none to move).
  const closed = f.empty ? [] : pass.closedSoonestFirst(nodeName);
  const e = explanation(
    nodeName,
    'candidate',
    f.empty ? 'empty and consolidatable' : 'consolidatable',
    f.empty
      ? 'It is empty and consolidatable: the next disruption pass deletes it (after the 15 s validation).'
      : `It is a consolidation candidate: each pass checks whether its pods fit elsewhere (delete) or on one cheaper node (replace); if neither, it stays.${closed.length === 0 ? '' : ` Since v1.14 its pods may not move onto ${closed.length === 1 ? 'a node' : `${closed.length} nodes`} still inside ${closed.length === 1 ? 'its' : 'their'} own consolidateAfter (listed below).`}`,
  );
  return {
    ...e,
    ...(c.since === undefined ? {} : { since: c.since }),
    ...(closed.length === 0 ? {} : { closedDestinations: closed }),
  };
}
