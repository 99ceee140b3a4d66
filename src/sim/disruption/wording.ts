// The words Karpenter's disruption controller uses for a node it cannot disrupt, by version. They
// changed twice, and a learner comparing the lab with `kubectl describe node` on their own cluster
// reads one of these exactly (upstream files and tests named per era):
//
//   era    versions         node reasons                      pod / PDB reasons                       event message
//   v1.0   v0.32 … v1.1     "state node isn't initialized"    pod "ns/p" has "…" annotation           "Cannot disrupt Node: <reason>"
//                                                             pdb "ns/b" prevents pod evictions       ("… NodeClaim: …" on the NodeClaim)
//   v1.2   v1.2 … v1.4      "node isn't initialized"          (as v1.0)                               the reason as a sentence (#1906)
//   v1.5   v1.5 … v1.6      (as v1.2)                         pod has "…" annotation (Pod=ns/p)        (as v1.2; structured errors, #2136)
//                                                             pdb prevents pod evictions (PodDisruptionBudget=ns/b)
//   v1.7   v1.7 and later   (as v1.2)                         … (PodDisruptionBudget=[ns/b]); two PDBs: (as v1.2)
//                                                             eviction does not support multiple PDBs (PodDisruptionBudget(s)=[ns/a ns/b])
//
// Sources: pkg/controllers/state/statenode.go (ValidateNodeDisruptable, ValidatePodsDisruptable)
// and pkg/controllers/disruption/events/events.go at each tag; suite_test.go (disruption) "should
// not consider candidates that have do-not-disrupt pods scheduled …" expects the v1.7+ texts.
// v1alpha5 (v0.31) said "Cannot deprovision Node: …" with its own reasons: the lab words it as
// v1.0 (docs/simplifications.md).
import type { KarpenterVersion } from '../version.ts';

export type Wording = 'v1.0' | 'v1.2' | 'v1.5' | 'v1.7';

export function wordingOf(v: KarpenterVersion): Wording {
  if (v.major < 1 || (v.major === 1 && v.minor < 2)) return 'v1.0';
  if (v.major === 1 && v.minor < 5) return 'v1.2';
  if (v.major === 1 && v.minor < 7) return 'v1.5';
  return 'v1.7';
}

/** Go's pretty.Sentence: the first letter upper-cased. */
export function sentence(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

interface NodeReasons {
  notInitialized: string;
  deleting: string;
  nominated: string;
}

const STATE_NODE_REASONS: NodeReasons = {
  notInitialized: "state node isn't initialized",
  deleting: 'state node is marked for deletion',
  nominated: 'state node is nominated for a pending pod',
};

const NODE_REASONS: NodeReasons = {
  notInitialized: "node isn't initialized",
  deleting: 'node is deleting or marked for deletion',
  nominated: 'node is nominated for a pending pod',
};

/** The node-level reasons (ValidateNodeDisruptable), "state node …" before v1.2. */
export function nodeReasons(w: Wording): NodeReasons {
  return w === 'v1.0' ? STATE_NODE_REASONS : NODE_REASONS;
}

/** A node whose NodePool is gone (published as written, not as a sentence). */
export function poolNotFoundReason(w: Wording, pool: string): string {
  return w === 'v1.5' || w === 'v1.7'
    ? `NodePool not found (NodePool=${pool})`
    : `NodePool ${JSON.stringify(pool)} not found`;
}

export function podAnnotationReason(w: Wording, podKey: string, annotation: string): string {
  return w === 'v1.0' || w === 'v1.2'
    ? `pod "${podKey}" has "${annotation}" annotation`
    : `pod has "${annotation}" annotation (Pod=${podKey})`;
}

export function pdbReason(w: Wording, pdbKey: string): string {
  if (w === 'v1.0' || w === 'v1.2') return `pdb "${pdbKey}" prevents pod evictions`;
  if (w === 'v1.5') return `pdb prevents pod evictions (PodDisruptionBudget=${pdbKey})`;
  return `pdb prevents pod evictions (PodDisruptionBudget=[${pdbKey}])`;
}

/** A pod more than one PDB selects (v1.7+: before, such a pod did not block its node). */
export function multiplePdbsReason(pdbKeys: readonly string[]): string {
  return `eviction does not support multiple PDBs (PodDisruptionBudget(s)=[${pdbKeys.join(' ')}])`;
}

/** DisruptionBlocked's message on the Node or its NodeClaim. */
export function blockedMessage(w: Wording, kind: 'Node' | 'NodeClaim', reason: string): string {
  return w === 'v1.0' ? `Cannot disrupt ${kind}: ${reason}` : sentence(reason);
}

/** Unconsolidatable's message: the scheduling errors as a sentence since v1.2. */
export function unconsolidatableMessage(w: Wording, message: string): string {
  return w === 'v1.0' ? message : sentence(message);
}
