// The words Karpenter's disruption controller uses for a node it cannot disrupt, by version. They
// changed twice, and a learner comparing the lab with `kubectl describe node` on their own cluster
// reads one of these exactly (upstream files and tests named per era):
//
//   era    versions         node reasons                      pod / PDB reasons                       event message
//   v0.32  v0.32 … v0.33    (as v0.31 below, unpublished)     Pod "ns/p" has do not evict annotation  "Cannot disrupt Node: <reason>"
//                           "Nominated for a pending pod"     PDB "ns/b" prevents pod evictions       ("… NodeClaim: …" on the NodeClaim)
//   v0.34  v0.34 … v0.37    (as v0.32)                        Pod "ns/p" has "…" annotation           (as v0.32)
//                                                             PDB "ns/b" prevents pod evictions
//   v1.0   v1.0 … v1.1      "state node isn't initialized"    pod "ns/p" has "…" annotation           "Cannot disrupt Node: <reason>"
//                                                             pdb "ns/b" prevents pod evictions       ("… NodeClaim: …" on the NodeClaim)
//   v1.2   v1.2 … v1.4      "node isn't initialized"          (as v1.0)                               the reason as a sentence (#1906)
//   v1.5   v1.5 … v1.6      (as v1.2)                         pod has "…" annotation (Pod=ns/p)        (as v1.2; structured errors, #2136)
//                                                             pdb prevents pod evictions (PodDisruptionBudget=ns/b)
//   v1.7   v1.7 and later   (as v1.2)                         … (PodDisruptionBudget=[ns/b]); two PDBs: (as v1.2)
//                                                             eviction does not support multiple PDBs (PodDisruptionBudget(s)=[ns/a ns/b])
//
// Sources: pkg/controllers/state/statenode.go (ValidateNodeDisruptable, ValidatePodsDisruptable),
// pkg/controllers/disruption/types.go NewCandidate and helpers.go filterCandidates (v0.32–v0.37:
// the node annotation reads `Disruption is blocked with the "…" annotation`, the pool `Owning
// nodepool "x" not found`) and pkg/controllers/disruption/events/events.go at each tag; suite_test.go (disruption) "should
// not consider candidates that have do-not-disrupt pods scheduled …" expects the v1.7+ texts.
//
// v0.31 (v1alpha5, pkg/controllers/deprovisioning at v0.31.0: types.go NewCandidate, helpers.go
// filterCandidates, events/events.go) was "deprovisioning": `DeprovisioningBlocked` "Cannot
// deprovision Node: <reason>" on the Node and "Cannot deprovision Machine: <reason>" on the
// Machine, with reasons `PDB "ns/b" prevents pod evictions`, `Pod "ns/p" has do not evict
// annotation`, "Nominated for a pending pod", `Owning provisioner "x" not found`; a node not
// initialized or marked for deletion is skipped without an event.
import type { KarpenterVersion } from '../version.ts';
import { claimWords, type ClaimWords } from '../engine/lifecycle.ts';
import { LABEL } from '../labels.ts';

export type Wording = 'v0.31' | 'v0.32' | 'v0.34' | 'v1.0' | 'v1.2' | 'v1.5' | 'v1.7';

export function wordingOf(v: KarpenterVersion): Wording {
  if (v.generation === 'v1alpha5') return 'v0.31';
  if (v.major < 1) return v.minor < 34 ? 'v0.32' : 'v0.34';
  if (v.major === 1 && v.minor < 2) return 'v1.0';
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

// v0.31: the two unpublished errors keep NewCandidate's words; a nominated node says what its
// Blocked event said.
const V031_NODE_REASONS: NodeReasons = {
  ...STATE_NODE_REASONS,
  nominated: 'Nominated for a pending pod',
};

/** Before v1.0 (types.go NewCandidate): the checks run in Karpenter's own order there, the node
 *  annotation and labels before the nominated check, and its words are capitalised. */
export function preV1(w: Wording): boolean {
  return w === 'v0.31' || w === 'v0.32' || w === 'v0.34';
}

/** The node-level reasons (ValidateNodeDisruptable), "state node …" before v1.2. */
export function nodeReasons(w: Wording): NodeReasons {
  if (preV1(w)) return V031_NODE_REASONS;
  return w === 'v1.0' ? STATE_NODE_REASONS : NODE_REASONS;
}

/** Whether Karpenter publishes a blocked event for this reason: before v1.0 NewCandidate skipped
 *  a node not initialized or marked for deletion without one (it returned an error only). */
export function publishesBlocker(w: Wording, reason: string): boolean {
  return (
    !preV1(w) ||
    (reason !== STATE_NODE_REASONS.notInitialized &&
      reason !== STATE_NODE_REASONS.deleting &&
      reason !== NO_OWNER_LABEL)
  );
}

/** A node carrying the do-not-disrupt annotation: before v1.0 its mere presence blocks (NewCandidate
 *  reads the key, whatever the value) and the words are NewCandidate's; since v1.0 only "true". */
export function nodeAnnotationReason(
  w: Wording,
  annotations: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  if (preV1(w) && w !== 'v0.31')
    return key in annotations ? `Disruption is blocked with the "${key}" annotation` : undefined;
  return annotations[key] === 'true'
    ? `disruption is blocked through the "${key}" annotation`
    : undefined;
}

/** v0.32–v0.37's error for a node without the NodePool label; NewCandidate publishes nothing. */
const NO_OWNER_LABEL = "state node doesn't have the Karpenter owner label";

/** Why a node (and its NodeClaim) without the karpenter.sh/nodepool label is no candidate
 *  (statenode.go ValidateNodeDisruptable; v0.32–v0.37 NewCandidate), undefined when it has one.
 *  v0.31's Machines are owned through their Provisioner's label: not modelled here. */
export function missingPoolLabelBlocker(
  w: Wording,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  if (w === 'v0.31' || labels[LABEL.nodePool] !== undefined) return undefined;
  // v0.32 still served v1alpha5 Machines, owned through their Provisioner's label.
  if (w === 'v0.32' && labels[LABEL.provisionerName] !== undefined) return undefined;
  if (preV1(w)) return NO_OWNER_LABEL;
  if (w === 'v1.0') return `state node doesn't have required label "${LABEL.nodePool}"`;
  if (w === 'v1.2') return `node doesn't have required label "${LABEL.nodePool}"`;
  return `node doesn't have required label (label=${LABEL.nodePool})`;
}

// A state node that is only half there: a NodeClaim launched (it has a provider ID, so cluster
// state tracks it) whose Node has not registered, or a Node no NodeClaim owns. GetCandidates walks
// every state node, and since v1.0 ValidateNodeDisruptable refuses these first, published through
// the recorder on what exists (statenode.go, types.go NewCandidate at each tag):
//
//   v0.31 … v0.37   unpublished ("state node doesn't contain both a node and a nodeclaim")
//   v1.0.x          "state node doesn't contain both a node and a nodeclaim", on the NodeClaim, and
//                   on a Node no NodeClaim owns (every node cluster state tracks, unmanaged ones too)
//   v1.1            "nodeclaim does not have an associated node"; nothing for a Node alone (NewCandidate
//                   publishes only when there is a NodeClaim: Karpenter-managed nodes)
//   v1.2 and later  (as v1.1, as a sentence: "Nodeclaim does not have an associated node")
const HALF_STATE_NODE = "state node doesn't contain both a node and a nodeclaim";

/** Why a launched NodeClaim without a Node is no candidate, when Karpenter publishes it. */
export function claimWithoutNodeReason(w: Wording, era: PriceLabels): string | undefined {
  if (preV1(w)) return undefined;
  return era === 'v1.0' ? HALF_STATE_NODE : 'nodeclaim does not have an associated node';
}

/** Why a Node without a NodeClaim is no candidate, when Karpenter publishes it (v1.0.x only). */
export function nodeWithoutClaimReason(w: Wording, era: PriceLabels): string | undefined {
  return !preV1(w) && era === 'v1.0' ? HALF_STATE_NODE : undefined;
}

/** A node whose NodePool is gone (published as written, not as a sentence). */
export function poolNotFoundReason(w: Wording, pool: string): string {
  if (w === 'v0.31') return `Owning provisioner ${JSON.stringify(pool)} not found`;
  if (preV1(w)) return `Owning nodepool ${JSON.stringify(pool)} not found`;
  return w === 'v1.5' || w === 'v1.7'
    ? `NodePool not found (NodePool=${pool})`
    : `NodePool ${JSON.stringify(pool)} not found`;
}

export function podAnnotationReason(w: Wording, podKey: string, annotation: string): string {
  if (w === 'v0.31' || w === 'v0.32')
    return `Pod ${JSON.stringify(podKey)} has do not evict annotation`;
  if (w === 'v0.34') return `Pod ${JSON.stringify(podKey)} has "${annotation}" annotation`;
  return w === 'v1.0' || w === 'v1.2'
    ? `pod "${podKey}" has "${annotation}" annotation`
    : `pod has "${annotation}" annotation (Pod=${podKey})`;
}

export function pdbReason(w: Wording, pdbKey: string): string {
  if (preV1(w)) return `PDB ${JSON.stringify(pdbKey)} prevents pod evictions`;
  if (w === 'v1.0' || w === 'v1.2') return `pdb "${pdbKey}" prevents pod evictions`;
  if (w === 'v1.5') return `pdb prevents pod evictions (PodDisruptionBudget=${pdbKey})`;
  return `pdb prevents pod evictions (PodDisruptionBudget=[${pdbKey}])`;
}

/** A pod more than one PDB selects (v1.7+: before, such a pod did not block its node). */
export function multiplePdbsReason(pdbKeys: readonly string[]): string {
  return `eviction does not support multiple PDBs (PodDisruptionBudget(s)=[${pdbKeys.join(' ')}])`;
}

/** DisruptionBlocked's message on the Node or its NodeClaim (v0.31: DeprovisioningBlocked, and
 *  the NodeClaim is a Machine). */
export function blockedMessage(w: Wording, kind: 'Node' | 'NodeClaim', reason: string): string {
  if (w === 'v0.31') return `Cannot deprovision ${kind === 'Node' ? 'Node' : 'Machine'}: ${reason}`;
  return w === 'v1.0' || preV1(w) ? `Cannot disrupt ${kind}: ${reason}` : sentence(reason);
}

/** Unconsolidatable's message: the scheduling errors as a sentence since v1.2. */
export function unconsolidatableMessage(w: Wording, message: string): string {
  return w === 'v1.0' || preV1(w) ? message : sentence(message);
}

/** The names a version's disruption events use: v0.31's deprovisioning controller published
 *  `Deprovisioning*` reasons on Machines. */
export interface EventWords {
  blocked: string;
  terminating: string;
  launching: string;
  waitingReadiness: string;
  /** The NodeClaim's kind in an event's object ("nodeclaim/x") and in messages ("NodeClaim"),
   *  as the engine's own events name it. */
  claim: ClaimWords;
  /** "disruption" or "deprovisioning", as in "Waiting on readiness to continue …". */
  process: 'disruption' | 'deprovisioning';
}

const V1_EVENTS: EventWords = {
  blocked: 'DisruptionBlocked',
  terminating: 'DisruptionTerminating',
  launching: 'DisruptionLaunching',
  waitingReadiness: 'DisruptionWaitingReadiness',
  claim: claimWords('v1'),
  process: 'disruption',
};

const V031_EVENTS: EventWords = {
  blocked: 'DeprovisioningBlocked',
  terminating: 'DeprovisioningTerminating',
  launching: 'DeprovisioningLaunching',
  waitingReadiness: 'DeprovisioningWaitingReadiness',
  claim: claimWords('v1alpha5'),
  process: 'deprovisioning',
};

/** A v0.31 `Deprovisioning*` reason under its v1 `Disruption*` name, for readers of events. */
export function disruptionReason(reason: string): string {
  return reason.startsWith('Deprovisioning')
    ? `Disruption${reason.slice('Deprovisioning'.length)}`
    : reason;
}

export function eventWords(w: Wording): EventWords {
  return w === 'v0.31' ? V031_EVENTS : V1_EVENTS;
}

/** v0.31's command reason in its events: "<deprovisioner>/<action>" title-cased
 *  (cases.Title: "consolidation/delete" → "Consolidation/Delete"). */
export function deprovisioningReason(method: string, action: 'delete' | 'replace'): string {
  return `${sentence(method)}/${sentence(action)}`;
}

// A node without a label Karpenter prices it by (capacity type, zone, instance type), by version:
//
//   era     versions         what happens                                   text (upstream file)
//   v0.3x   v0.31 … v0.37    no candidate: capacity type or zone missing     Required label "k" doesn't exist
//                            (DisruptionBlocked / DeprovisioningBlocked)     (disruption|deprovisioning/types.go NewCandidate)
//   v1.0    v1.0.x           no candidate: capacity type, zone or            state node doesn't have required label "k"
//                            instance type missing (DisruptionBlocked)       (state/statenode.go ValidateNodeDisruptable)
//   v1.1    v1.1 and later   a candidate (drift, emptiness, expiry take it);  Instance Type "t" not found,
//                            single- and multi-node consolidation refuse it   Node does not have label "k"
//                            (Unconsolidatable)                               (consolidation.go ShouldDisrupt, #1787)
export type PriceLabels = 'v0.3x' | 'v1.0' | 'v1.1';

export function priceLabelsOf(v: KarpenterVersion): PriceLabels {
  if (v.major < 1) return 'v0.3x';
  return v.major === 1 && v.minor < 1 ? 'v1.0' : 'v1.1';
}

/** v0.31–v1.0: why a node missing a required label is no candidate (undefined: none missing). */
export function missingLabelBlocker(
  era: PriceLabels,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  if (era === 'v1.1') return undefined;
  const required =
    era === 'v1.0'
      ? [LABEL.capacityType, LABEL.zone, LABEL.instanceType]
      : [LABEL.capacityType, LABEL.zone];
  const missing = required.find((k) => labels[k] === undefined);
  if (missing === undefined) return undefined;
  return era === 'v1.0'
    ? `state node doesn't have required label ${JSON.stringify(missing)}`
    : `Required label ${JSON.stringify(missing)} doesn't exist`;
}

/** The node as the instance-type lookup sees it: its labels, and whether the lab found its type
 *  in the catalog when the node was registered (engine/setup.ts). */
export interface TypedNode {
  readonly labels: Readonly<Record<string, string>>;
  readonly instanceType: string;
  readonly unknownType?: true;
}

/** Whether Karpenter cannot resolve the node's instance type: it looks the type up by the node's
 *  label among its NodePool's instance types, so a missing label or a type the catalog lacks. */
export function typeUnresolved(n: TypedNode): boolean {
  const label = n.labels[LABEL.instanceType];
  return label === undefined || (n.unknownType === true && label === n.instanceType);
}

// A node whose instance type Karpenter cannot resolve (its label is missing, or names a type its
// NodePool's instance types lack), by era (the candidates test "should [not] consider candidates
// that have an instance type that cannot be resolved"):
//
//   v0.3x   no candidate, after the pool is found   Instance type "t" not found  (types.go NewCandidate)
//   v1.0    no candidate, after the pool is found   Instance Type "t" not found  (types.go NewCandidate)
//   v1.1+   a candidate; consolidation refuses it   Instance Type "t" not found  (Unconsolidatable)
//
// v0.3x do not require the label itself (missingLabelBlocker), so a node without one reads
// `Instance type "" not found`; v1.0 requires it before the lookup.

/** v0.31–v1.0: why a node of an unresolvable instance type is no candidate (undefined: it is). */
export function unresolvedTypeBlocker(era: PriceLabels, n: TypedNode): string | undefined {
  if (era === 'v1.1' || !typeUnresolved(n)) return undefined;
  const type = JSON.stringify(n.labels[LABEL.instanceType] ?? '');
  return era === 'v1.0' ? `Instance Type ${type} not found` : `Instance type ${type} not found`;
}

/** v1.1+: why consolidation cannot price a candidate (undefined: it can): its instance type does
 *  not resolve (a missing label reads `Instance Type "" not found`), or a label is missing. */
export function missingLabelUnconsolidatable(era: PriceLabels, n: TypedNode): string | undefined {
  if (era !== 'v1.1') return undefined;
  const { labels } = n;
  if (typeUnresolved(n))
    return `Instance Type ${JSON.stringify(labels[LABEL.instanceType] ?? '')} not found`;
  for (const k of [LABEL.capacityType, LABEL.zone])
    if (labels[k] === undefined) return `Node does not have label ${JSON.stringify(k)}`;
  return undefined;
}

// What single- and multi-node consolidation say of a busy node in a WhenEmpty NodePool (an
// Unconsolidatable event on the Node and its NodeClaim), checked before the node's consolidateAfter;
// before v1.14 of an empty node too, while Emptiness has not taken it (eligibility.ts whenEmptyRefusal):
//
//   era         versions         text (consolidation.go ShouldDisrupt)
//   disabled    v0.32 … v0.33    NodePool "x" has consolidation disabled (any policy but WhenUnderutilized)
//   silent      v0.34 … v0.37    none (#862: "confusing when the field … is named consolidationPolicy")
//   non-empty   v1.0 … v1.13     NodePool "x" has non-empty consolidation disabled
//   not-empty   v1.14 and later  NodePool "x" has consolidation policy WhenEmpty, but node is not empty (#2962)
export type WhenEmptyWords = 'disabled' | 'silent' | 'non-empty' | 'not-empty';

export function whenEmptyWordsOf(v: KarpenterVersion): WhenEmptyWords {
  if (v.major < 1) return v.minor < 34 ? 'disabled' : 'silent';
  return v.major === 1 && v.minor < 14 ? 'non-empty' : 'not-empty';
}

/** The refusal's text, and whether Karpenter publishes it (v0.34–v0.37 only skip the node). */
export function whenEmptyReason(
  w: WhenEmptyWords,
  pool: string,
): { reason: string; published: boolean } {
  const name = JSON.stringify(pool);
  switch (w) {
    case 'disabled':
      return { reason: `NodePool ${name} has consolidation disabled`, published: true };
    case 'silent':
      return {
        reason: `NodePool ${name} has consolidationPolicy WhenEmpty (no event)`,
        published: false,
      };
    case 'non-empty':
      return { reason: `NodePool ${name} has non-empty consolidation disabled`, published: true };
    case 'not-empty':
      return {
        reason: `NodePool ${name} has consolidation policy WhenEmpty, but node is not empty`,
        published: true,
      };
  }
}
