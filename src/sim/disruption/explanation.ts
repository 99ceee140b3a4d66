// Explanations as data (issue 4 item 10): for any node at any moment, what disruption thinks of it.
// `reason` is Karpenter's own text where one exists (DisruptionBlocked / Unconsolidatable);
// `sentence` is the plain-words version the UI shows.

export type ExplanationState =
  | 'unmanaged' // no NodeClaim: Karpenter never disrupts it
  | 'gone'
  | 'blocked' // a blocker (do-not-disrupt, PDB, nominated, uninitialized, …)
  | 'waiting' // consolidateAfter / ttlSecondsAfterEmpty countdown; `until` says when
  | 'disabled' // consolidation disabled for its pool
  | 'kept' // evaluated, nothing to gain ("Can't replace with a cheaper node", pods would not fit)
  | 'budget' // a candidate, but the pool's budget is used up
  | 'validating' // a command waits its 15 s validation
  | 'disrupting' // in the orchestration queue or draining
  | 'candidate'; // eligible; no method chose it this round

export interface Explanation {
  node: string;
  state: ExplanationState;
  reason: string;
  sentence: string;
  /** ms: when a countdown ends. */
  until?: number;
  /** ms: since when a candidate has been consolidatable (its consolidateAfter ended). */
  since?: number;
  /** v1.14+, for a candidate: the nodes its pods may not move to now, each inside its NodePool's
   *  consolidateAfter until the time given (Pass.destinations), soonest first. */
  closedDestinations?: readonly { node: string; until: number }[];
  /** Karpenter publishes no event for this verdict (v0.34–v0.37's WhenEmpty NodePool). */
  silent?: true;
}

export function explanation(
  node: string,
  state: ExplanationState,
  reason: string,
  sentence: string,
  until?: number,
): Explanation {
  return until === undefined
    ? { node, state, reason, sentence }
    : { node, state, reason, sentence, until };
}

/** Whether a blocker says the node is already on its way out (deleting, or in the queue). */
export function disrupting(why: string): boolean {
  return (
    why.includes('deleting') ||
    why.includes('marked for deletion') ||
    why.includes('being disrupted')
  );
}

/** The plain words for a node consolidation cannot price (v1.1+, unpricedReason): a label it
 *  needs is missing, or its instance type is not among its NodePool's. */
export function unpricedSentence(reason: string): string {
  return `Karpenter prices a node by its instance type (one its NodePool offers), zone and capacity type labels; it cannot price this one (${reason}), so consolidation never replaces or deletes it. Drift, expiration and emptiness still can.`;
}

/** The plain-words sentence for a Karpenter candidate-rejection reason. */
export function plainBlocker(reason: string): string {
  // v0.31 capitalised its reasons ("Nominated for a pending pod", `PDB "ns/b" prevents …`).
  const why = reason.toLowerCase();
  if (why.includes('nominated'))
    return 'Karpenter just picked this node for a pending pod, so it is not disrupted for now.';
  if (why.includes('initialized'))
    return 'The node has not finished starting (not initialized), so it cannot be disrupted yet.';
  if (why.includes('instance type') && why.includes('not found'))
    return "Karpenter cannot find the node's instance type among its NodePool's instance types; before v1.1 such a node is never disrupted.";
  if (why.includes('required label'))
    return 'The node lacks a label Karpenter prices it by (capacity type, zone or instance type); before v1.1 such a node is never disrupted.';
  if (why.includes('multiple pdbs'))
    return 'A pod is covered by more than one PodDisruptionBudget; the Eviction API refuses such pods.';
  if (why.includes('pdb'))
    return 'A PodDisruptionBudget currently allows no more disruptions for one of its pods.';
  if (why.includes('annotation'))
    return 'A do-not-disrupt style annotation protects this node or one of its pods.';
  if (disrupting(why)) return 'The node is already being replaced or deleted.';
  return reason;
}
