// Who a method may take (reference §3.2–3.3): shared by every method, and each rejection is noted
// on the node with Karpenter's reason so explanations and DisruptionBlocked events agree.
import { blockerFor, unpricedReason, type NodeFacts } from './candidates.ts';
import {
  disrupting,
  explanation,
  plainBlocker,
  unpricedSentence,
  type Explanation,
} from './explanation.ts';
import type { Pass } from './pass.ts';
import type { CommandReason } from './types.ts';
import { whenEmptyReason } from './wording.ts';

/** Eligible for a graceful method: no blocker, else noted on the node. */
export function eligible(pass: Pass, f: NodeFacts, eventual: boolean): boolean {
  const why = blockerFor(f, eventual);
  if (why === undefined) return true;
  pass.noteIfNew(
    f.node.name,
    f.blocked !== undefined && disrupting(f.blocked) ? 'disrupting' : 'blocked',
    why,
    plainBlocker(why),
  );
  return false;
}

/** Consolidation candidates: eligible, consolidatable, with the policy's emptiness requirement. */
export function consolidationCandidates(pass: Pass, wantEmpty: boolean): NodeFacts[] {
  const out: NodeFacts[] = [];
  for (const f of pass.ix.facts.values()) {
    if (!eligible(pass, f, false)) continue;
    // v0.32–v0.37 still honour v1alpha5's node annotation in consolidation, first thing in
    // ShouldDisrupt (consolidation.go; removed at v1.0): Unconsolidatable, and the node is skipped.
    if (legacyNodeAnnotation(pass, f)) {
      pass.noteOverCountdown(
        explanation(
          f.node.name,
          'disabled',
          `${DO_NOT_CONSOLIDATE} annotation exists`,
          `The node is annotated ${DO_NOT_CONSOLIDATE}=true, which Karpenter before v1.0 still honours for consolidation.`,
        ),
      );
      continue;
    }
    // v1.1+: single- and multi-node consolidation cannot price a node without its labels, and
    // say so before anything else (ShouldDisrupt), even while its consolidateAfter runs.
    const unpriced = wantEmpty ? undefined : unpricedReason(f, pass.vocab);
    if (unpriced !== undefined) {
      pass.noteOverCountdown(
        explanation(f.node.name, 'disabled', unpriced, unpricedSentence(unpriced)),
      );
      continue;
    }
    const c = pass.consolidatable(f);
    if (!c.ok && c.state !== 'waiting') {
      pass.noteIfNew(f.node.name, c.state, c.reason, c.sentence, c.until);
      continue;
    }
    // The policy is checked before the node's consolidateAfter (the Consolidatable condition).
    const refused = wantEmpty ? undefined : whenEmptyRefusal(pass, f, c.ok ? undefined : c.until);
    if (refused) {
      pass.noteOverCountdown(refused);
      continue;
    }
    if (!c.ok) {
      pass.noteIfNew(f.node.name, c.state, c.reason, c.sentence, c.until);
      continue;
    }
    if (f.empty !== wantEmpty) continue;
    out.push(f);
  }
  if (out.length > 0) pass.sawCandidates = true;
  return out;
}

/**
 * Single- and multi-node consolidation's refusal of a node whose NodePool only removes empty ones,
 * in the version's words (wording.ts whenEmptyReason; v0.34–v0.37 publish nothing). Since v1.14
 * ShouldDisrupt leaves an empty node to Emptiness before looking at the policy; before, it refused
 * every node of the pool, so an empty one Emptiness has not taken (its consolidateAfter still
 * running, `until`) gets the refusal too.
 */
export function whenEmptyRefusal(
  pass: Pass,
  f: NodeFacts,
  until?: number,
): Explanation | undefined {
  if (pass.legacy || f.pool?.spec.disruption?.consolidationPolicy !== 'WhenEmpty') return undefined;
  if (f.empty && pass.vocab.whenEmpty === 'not-empty') return undefined;
  const { reason, published } = whenEmptyReason(pass.vocab.whenEmpty, f.poolName);
  const sentence = f.empty
    ? 'Its NodePool only removes empty nodes (consolidationPolicy: WhenEmpty), and consolidation says so of every node of the pool, this empty one too; emptiness removes it once its consolidateAfter has passed.'
    : 'Its NodePool only removes empty nodes (consolidationPolicy: WhenEmpty).';
  if (published) return explanation(f.node.name, 'disabled', reason, sentence, until);
  return {
    ...explanation(
      f.node.name,
      'disabled',
      reason,
      `${sentence} Karpenter v0.34–v0.37 publishes no event for it.`,
    ),
    silent: true,
  };
}

export function budgetNote(pass: Pass, f: NodeFacts, reason: CommandReason): void {
  pass.budgetLimited = true;
  pass.heldByBudget.add(`${f.poolName}\n${reason}`);
  pass.note(
    f.node.name,
    'budget',
    `No allowed disruptions for disruption reason ${reason} due to blocking budget`,
    `It could be disrupted, but NodePool "${f.poolName}"'s disruption budget for ${reason} is used up right now.`,
  );
}

const DO_NOT_CONSOLIDATE = 'karpenter.sh/do-not-consolidate';

/** v0.32–v0.37 (v1beta1 objects): the node carries v1alpha5's do-not-consolidate: "true". */
function legacyNodeAnnotation(pass: Pass, f: NodeFacts): boolean {
  const w = pass.vocab.words;
  return (w === 'v0.32' || w === 'v0.34') && f.node.annotations[DO_NOT_CONSOLIDATE] === 'true';
}
