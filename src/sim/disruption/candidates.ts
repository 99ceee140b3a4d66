// Who may be disrupted, and why not (reference §3.2–3.4). One pass over the cluster builds a
// NodeFacts per managed node: its pods, its price, its disruption cost, and the first reason (if
// any) that keeps it from being a candidate — in Karpenter's own words, so the UI can show the
// DisruptionBlocked text learners will meet in production.
import type { NodePool, PodDisruptionBudget } from '../k8s.ts';
import { parseDuration } from '../engine/duration.ts';
import {
  doNotDisruptActive,
  doNotDisruptDurations,
  toleratesDisrupted,
} from '../engine/drainPolicy.ts';
import {
  isTerminal,
  type ClusterState,
  type NodeClaimRec,
  type NodeRec,
  type PodRec,
} from '../engine/state.ts';
import { disruptionsAllowed } from '../engine/termination.ts';
import { objectId } from '../objectId.ts';
import { atLeast, karpenterVersion } from '../version.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { LABEL } from '../labels.ts';
import { podKey, walkChanges } from './podEvents.ts';
import type { Vocabulary } from './annotations.ts';
import {
  missingLabelBlocker,
  missingLabelUnconsolidatable,
  missingPoolLabelBlocker,
  multiplePdbsReason,
  nodeAnnotationReason,
  nodeReasons,
  pdbReason,
  podAnnotationReason,
  poolNotFoundReason,
  preV1,
  unresolvedTypeBlocker,
} from './wording.ts';

export interface NodeFacts {
  node: NodeRec;
  claim: NodeClaimRec;
  poolName: string;
  pool: NodePool | undefined;
  /** Active pods (not Failed, not Terminating), DaemonSet pods included. */
  pods: PodRec[];
  /** Pods a disruption would move: active, not DaemonSet. */
  reschedulable: PodRec[];
  price: number;
  /** v1.14 RescheduleDisruptionCost: 1 + Σ max(0, EvictionCost) over reschedulable pods. */
  rescheduleCost: number;
  /** v1.0–v1.13 DisruptionCost: Σ EvictionCost × LifetimeRemaining over all pods. */
  lifetimeCost: number;
  /** rescheduleCost ≤ 1 (v1.14) — no pod worth moving. */
  empty: boolean;
  /** Why the node cannot be a candidate for any method (undefined: it can). */
  blocked?: string;
  /** Why the node is blocked for graceful methods by a pod (do-not-disrupt, PDB) — relaxed for drift with TGP. */
  podBlocked?: string;
}

/** A managed node counts as initialized once its NodeClaim is and the node is Ready (the lab's
 *  Initialized label); the blocker and the dry run's UninitializedNodeError read the same. */
export function initialized(node: NodeRec, claim: NodeClaimRec | undefined): boolean {
  return claim?.initializedAt !== undefined && node.ready;
}

/** Where Karpenter's per-candidate disruption events go: its Node, then its NodeClaim. */
export function eventObjects(f: Pick<NodeFacts, 'node' | 'claim'>): [string, string] {
  return [`node/${f.node.name}`, `nodeclaim/${f.claim.name}`];
}

/** Per-tick indexes shared by every method (built once: 1,000-node clusters stay fast). */
export interface ClusterIndex {
  now: number;
  /** Node names Karpenter has nominated for a pending pod (by NodeClaim or node). */
  nominated: Set<string>;
  pdbs: { pdb: PodDisruptionBudget; allowed: number }[];
  facts: Map<string, NodeFacts>;
  /** v1.14+: savings-ratio ordering and cost-based emptiness. */
  v114: boolean;
  /** v1.12+: a do-not-disrupt duration protects a pod for that long (before, only "true"). */
  doNotDisruptDurations: boolean;
  /** Earliest time a do-not-disrupt duration runs out (the consolidation memo wakes then). */
  wakeAt: number;
}

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** clamp(1 + deletionCost/2^27 + priority/2^25, −10, 10) (§3.4). */
export function evictionCost(p: PodRec): number {
  const dc = Number(p.pod.metadata.annotations?.[DELETION_COST] ?? 0);
  const cost = 1 + (Number.isFinite(dc) ? dc : 0) / 2 ** 27 + (p.pod.spec.priority ?? 0) / 2 ** 25;
  return Math.min(10, Math.max(-10, cost));
}

export function podBlocker(p: PodRec, ix: ClusterIndex, vocab: Vocabulary): string | undefined {
  if (doNotDisruptActive(p, vocab.podBlock, ix.now, ix.doNotDisruptDurations)) {
    const d = parseDuration(p.pod.metadata.annotations?.[vocab.podBlock]);
    if (d !== undefined && p.startedAt !== undefined)
      ix.wakeAt = Math.min(ix.wakeAt, p.startedAt + d);
    return podAnnotationReason(vocab.words, p.key, vocab.podBlock);
  }
  return pdbBlocker(p, ix, vocab);
}

/**
 * The PDB that keeps this pod, and so its node, from eviction. Karpenter asks about every pod it
 * would evict (pdb.go CanEvictPods → IsEvictable, v0.34+): a DaemonSet's pod too, since the drain
 * evicts it last, but not one that tolerates the disrupted taint (the drain leaves it) or a mirror
 * pod (not modelled). Before v0.34 it asked about every pod bound to the node (settledFacts adds
 * the finished and terminating ones).
 */
function pdbBlocker(p: PodRec, ix: ClusterIndex, vocab: Vocabulary): string | undefined {
  if (vocab.pdbPods === 'evictable' && toleratesDisrupted(p.pod, vocab.taint)) return undefined;
  const ns = p.pod.metadata.namespace ?? 'default';
  let covering: { pdb: PodDisruptionBudget; allowed: number }[] | undefined;
  for (const c of ix.pdbs) {
    if (
      (c.pdb.metadata.namespace ?? 'default') !== ns ||
      !selectorMatches(c.pdb.spec.selector, p.pod.metadata.labels)
    )
      continue;
    (covering ??= []).push(c);
  }
  if (!covering) return undefined;
  const key = (b: PodDisruptionBudget) => `${ns}/${b.metadata.name ?? ''}`;
  // v1.7+: whatever the budgets allow, as the Eviction API refuses a pod more than one selects.
  // Before, Karpenter only asked whether one of them allowed no disruption (the drain then
  // meets the Eviction API's refusal).
  if (covering.length > 1 && vocab.words === 'v1.7')
    return multiplePdbsReason(covering.map((c) => key(c.pdb)));
  for (const { pdb, allowed } of covering) {
    if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' && p.phase !== 'Running')
      return undefined;
    if (allowed <= 0) return pdbReason(vocab.words, key(pdb));
  }
  return undefined;
}

/** What a node's facts need beyond the state: the moment (lifetime, do-not-disrupt durations). */
interface Settled {
  /** Facts without lifetimeCost / podBlocked, which depend on `now`. */
  base: Omit<NodeFacts, 'lifetimeCost' | 'podBlocked'>;
  costs: number[];
  expireMs: number | undefined;
  /** A pod carries a do-not-disrupt value other than "true" (a duration): re-checked each time. */
  timed: boolean;
  podBlocked: string | undefined;
  /** Before v0.34: the PDB a finished or terminating pod is held by (not re-checked with time). */
  lingering: string | undefined;
}

interface SettledIndex {
  version: number;
  vocab: Vocabulary;
  queue: string;
  /** The orchestration queue's node names as settled (a copy: the caller's set changes). */
  queued: ReadonlySet<string>;
  nominated: Set<string>;
  pdbs: ClusterIndex['pdbs'];
  pdbKey: string;
  v114: boolean;
  nodes: Settled[];
  /** Where each node's facts are in `nodes` (slotsOf: built when a later settle needs them). */
  slots?: Slots;
  /** The state's nodes, NodeClaims and NodePools as settled (walkChanges finds the ones changed since). */
  nodeSeq: NodeRec[];
  claimSeq: NodeClaimRec[];
  pools: NodePool[];
  /** NodeClaims named by a live node but not in the state (the node has no facts until one comes). */
  orphans: Set<string>;
  /** PodIndex.updates after this settle's: a later settle moves on from it only if none came between. */
  podUpdates: number;
}

/** Positions in SettledIndex.nodes by node name and by NodeClaim name (nodes may share one). */
interface Slots {
  node: Map<string, number>;
  claim: Map<string, number[]>;
}

function slotsOf(settled: SettledIndex): Slots {
  if (settled.slots) return settled.slots;
  const slots: Slots = { node: new Map(), claim: new Map() };
  settled.nodes.forEach((n, i) => {
    slots.node.set(n.base.node.name, i);
    const shared = slots.claim.get(n.base.claim.name);
    if (shared) shared.push(i);
    else slots.claim.set(n.base.claim.name, [i]);
  });
  settled.slots = slots;
  return slots;
}

// The index of the last state version seen, per state: a quiet cluster is polled every 10 s
// with the same records, and only the moment-dependent facts need recomputing.
const settledByState = new WeakMap<ClusterState, SettledIndex>();

/**
 * The pods by node and the nominated names of one state, moved along with its pods: a walk over
 * the pod map finds the pods that changed since the last settle (walkChanges), and only the
 * nodes and nominations they touch are redone. A 5,000-pod day settles thousands of states that
 * each moved a few pods.
 */
class PodIndex {
  private order: PodRec[] = [];
  private spare: PodRec[] = [];
  readonly byNode = new Map<string, PodRec[]>();
  private readonly nominations = new Map<string, number>();
  nominated = new Set<string>();
  /** How many updates so far (an index built without a version also moves this one). */
  updates = 0;

  /** Moves the index to `pods`; returns the nodes whose pod lists and the names whose nomination changed. */
  update(pods: ReadonlyMap<string, PodRec>): { nodes: Set<string>; names: Set<string> } {
    this.updates++;
    const nodes = new Set<string>();
    const counts = new Map<string, number>();
    const touch = (p: PodRec, by: number) => {
      if (p.nodeName !== undefined) nodes.add(p.nodeName);
      else if (p.nominatedTo !== undefined)
        counts.set(p.nominatedTo, (counts.get(p.nominatedTo) ?? 0) + by);
    };
    const last = this.order;
    this.order = walkChanges(
      last,
      pods,
      podKey,
      (prev, p) => {
        if (prev) touch(prev, -1);
        touch(p, 1);
      },
      (prev) => touch(prev, -1),
      this.spare,
    );
    this.spare = last;
    if (nodes.size > 0) {
      // A node's list keeps the pod map's order (the order its pods reach a dry run).
      for (const n of nodes) this.byNode.delete(n);
      for (const p of this.order) {
        if (p.nodeName === undefined || !nodes.has(p.nodeName)) continue;
        const list = this.byNode.get(p.nodeName);
        if (list) list.push(p);
        else this.byNode.set(p.nodeName, [p]);
      }
    }
    const names = new Set<string>();
    for (const [name, by] of counts) {
      if (by === 0) continue;
      const was = this.nominations.get(name) ?? 0;
      const now = was + by;
      if (now === 0) this.nominations.delete(name);
      else this.nominations.set(name, now);
      if (was === 0 || now === 0) names.add(name);
    }
    // A new set: an index built earlier keeps the one it was built with.
    if (names.size > 0) this.nominated = new Set(this.nominations.keys());
    return { nodes, names };
  }
}

const podIndexes = new WeakMap<ClusterState, PodIndex>();

/**
 * The per-pass index. With `version` (the engine's event count), what depends on the records only
 * is kept while the version, the vocabulary and the orchestration queue are unchanged; with
 * `nodesChangedSince` too, a state that moved only pods since the last settle redoes only the
 * nodes those pods touched.
 */
export function buildIndex(
  state: ClusterState,
  now: number,
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
  version?: number,
  nodesChangedSince?: (version: number) => boolean,
): ClusterIndex {
  const queue = [...inQueue].sort().join(',');
  const kept = version === undefined ? undefined : settledByState.get(state);
  let settled: SettledIndex;
  if (
    kept !== undefined &&
    kept.version === version &&
    kept.vocab === vocab &&
    kept.queue === queue
  )
    settled = kept;
  else {
    const podsOnly =
      kept !== undefined && nodesChangedSince !== undefined && !nodesChangedSince(kept.version);
    settled = settle(state, vocab, inQueue, version ?? -1, queue, kept, podsOnly);
    if (version !== undefined) settledByState.set(state, settled);
  }
  const ix: ClusterIndex = {
    now,
    nominated: settled.nominated,
    pdbs: settled.pdbs,
    facts: new Map(),
    v114: settled.v114,
    // From the state each pass: the settled index is not rebuilt for a version step that keeps v114.
    doNotDisruptDurations: doNotDisruptDurations(state.karpenter),
    wakeAt: Number.POSITIVE_INFINITY,
  };
  for (const n of settled.nodes) ix.facts.set(n.base.node.name, timedFacts(n, ix, vocab));
  return ix;
}

const nodeName = (n: NodeRec): string => n.name;
const claimName = (c: NodeClaimRec): string => c.name;

/**
 * `prev`: the last settle of this state; `podsOnly`: only pods moved since. Walks the pods, nodes
 * and NodeClaims against `prev` and redoes the nodes they touched; the whole node map again when
 * the pools, the vocabulary, the PDB verdicts changed, or a known node gained facts. A node
 * entering or leaving the orchestration queue is redone (only its own facts read the queue).
 */
function settle(
  state: ClusterState,
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
  version: number,
  queue: string,
  prev: SettledIndex | undefined,
  podsOnly: boolean,
): SettledIndex {
  let pods = podIndexes.get(state);
  if (pods === undefined) {
    pods = new PodIndex();
    podIndexes.set(state, pods);
  }
  // What the pods moved is known from the last update only: from `prev` if that was its own.
  const chained = prev !== undefined && prev.podUpdates === pods.updates;
  const moved = { ...pods.update(state.pods), queued: new Set<string>() };
  // PodDisruptionBudgets are objects (they change with the nodes' events), their verdicts with pods.
  const pdbs: ClusterIndex['pdbs'] = [];
  if (!podsOnly || prev === undefined || prev.pdbs.length > 0)
    for (const o of state.objects.values()) {
      if (o.kind === 'PodDisruptionBudget')
        pdbs.push({ pdb: o, allowed: disruptionsAllowed(o, state.pods) });
    }
  const v114 =
    state.karpenter.semantics === 'v1' && atLeast(karpenterVersion(state.karpenter.version), 1, 14);
  const pdbKey = pdbs.map(({ pdb, allowed }) => `${objectId(pdb)}:${allowed}`).join(',');
  const pools = podsOnly && prev ? prev.pools : [...state.nodePools.values()];
  // The moment only matters to timed blockers, which are re-checked per pass (timedFacts).
  const ix: ClusterIndex = {
    nominated: pods.nominated,
    pdbs,
    v114,
    doNotDisruptDurations: doNotDisruptDurations(state.karpenter),
    now: 0,
    facts: new Map(),
    wakeAt: 0,
  };
  const ctx: NodeInputs = { ix, vocab, inQueue, v114, pdbKey, byNode: pods.byNode };
  const head = {
    version,
    vocab,
    queue,
    queued: prev?.queue === queue ? prev.queued : new Set(inQueue),
    nominated: pods.nominated,
    pdbs,
    pdbKey,
    v114,
    pools,
    podUpdates: pods.updates,
  };
  if (
    prev !== undefined &&
    chained &&
    prev.vocab === vocab &&
    prev.v114 === v114 &&
    prev.pdbKey === pdbKey &&
    samePools(prev.pools, pools)
  ) {
    if (prev.queue !== queue) {
      for (const n of prev.queued) if (!inQueue.has(n)) moved.queued.add(n);
      for (const n of inQueue) if (!prev.queued.has(n)) moved.queued.add(n);
    }
    const next = moveOn(state, ctx, prev, moved, podsOnly);
    if (next) return { ...head, ...next };
  }
  const nodes: Settled[] = [];
  const orphans = new Set<string>();
  for (const node of state.nodes.values()) {
    // Terminated nodes stay in the map; settledFacts has nothing for them.
    if (node.terminatedAt !== undefined) continue;
    const n = nodeAt(state, ctx, node);
    if (n) nodes.push(n);
    else if (node.nodeClaim !== undefined && !state.nodeClaims.has(node.nodeClaim))
      orphans.add(node.nodeClaim);
  }
  return {
    ...head,
    nodes,
    nodeSeq: [...state.nodes.values()],
    claimSeq: [...state.nodeClaims.values()],
    orphans,
  };
}

/**
 * The last settle's nodes with the ones the changes since touched redone: nodes whose pods or
 * nomination moved, changed node records, changed NodeClaims. Undefined when the node list
 * itself must be rebuilt (a node went, a known node gained facts or lost its NodeClaim); nodes
 * new to the map are appended (they are its last).
 */
function moveOn(
  state: ClusterState,
  ctx: NodeInputs,
  prev: SettledIndex,
  moved: { nodes: Set<string>; names: Set<string>; queued: Set<string> },
  podsOnly: boolean,
): Pick<SettledIndex, 'nodes' | 'slots' | 'nodeSeq' | 'claimSeq' | 'orphans'> | undefined {
  const at = slotsOf(prev);
  const redo = new Set<number>();
  const add = (i: number | readonly number[] | undefined) => {
    if (typeof i === 'number') redo.add(i);
    else if (i) for (const j of i) redo.add(j);
  };
  for (const n of moved.nodes) add(at.node.get(n));
  // In or out of the orchestration queue: nodeSettled keys a node's facts on it by node name.
  for (const n of moved.queued) add(at.node.get(n));
  for (const n of moved.names) {
    add(at.node.get(n));
    add(at.claim.get(n));
  }
  let rebuild = false;
  /** Changed node records by name (the slot is redone from the new record). */
  const changedNodes = new Map<string, NodeRec>();
  /** Nodes new to the map since `prev`, in map order (a new key goes last in a Map). */
  const added: NodeRec[] = [];
  let { nodeSeq, claimSeq } = prev;
  if (!podsOnly) {
    nodeSeq = walkChanges(
      prev.nodeSeq,
      state.nodes,
      nodeName,
      (was, n) => {
        if (was === undefined) added.push(n);
        else changedNodes.set(n.name, n);
      },
      () => (rebuild = true),
    );
    // New nodes are appended below, which keeps the map's order only if they are its last ones.
    for (let k = 0; k < added.length; k++)
      if (nodeSeq[nodeSeq.length - added.length + k] !== added[k]) rebuild = true;
    claimSeq = walkChanges(
      prev.claimSeq,
      state.nodeClaims,
      claimName,
      (was, c) => {
        if (was === undefined && prev.orphans.has(c.name)) rebuild = true;
        else add(at.claim.get(c.name));
      },
      () => (rebuild = true),
    );
    if (rebuild) return undefined;
    for (const n of changedNodes.values()) {
      const i = at.node.get(n.name);
      if (i !== undefined) redo.add(i);
      // A node without facts that gains them needs its place in the map's order.
      else if (n.terminatedAt === undefined && n.nodeClaim !== undefined) return undefined;
    }
  }
  const nodes = prev.nodes.slice();
  let drop = false;
  let renamed = false;
  for (const i of redo) {
    const old = (nodes[i] as Settled).base;
    const node = changedNodes.get(old.node.name) ?? old.node;
    if (node.nodeClaim !== undefined && !state.nodeClaims.has(node.nodeClaim)) return undefined;
    const n = node.terminatedAt === undefined ? nodeAt(state, ctx, node) : undefined;
    if (n === undefined) drop = true;
    else if (n.base.claim.name !== old.claim.name) renamed = true;
    nodes[i] = n as Settled;
  }
  const kept = drop ? nodes.filter((n) => n !== undefined) : nodes;
  // As settle() lists them: a new node with facts goes last, one naming a missing NodeClaim waits.
  let orphans = prev.orphans;
  let grown = false;
  for (const node of added) {
    if (node.terminatedAt !== undefined) continue;
    const n = nodeAt(state, ctx, node);
    if (n) {
      kept.push(n);
      grown = true;
    } else if (node.nodeClaim !== undefined && !state.nodeClaims.has(node.nodeClaim)) {
      if (orphans === prev.orphans) orphans = new Set(orphans);
      orphans.add(node.nodeClaim);
    }
  }
  return {
    nodes: kept,
    ...(drop || renamed || grown ? {} : { slots: at }),
    nodeSeq,
    claimSeq,
    orphans,
  };
}

function samePools(a: readonly NodePool[], b: readonly NodePool[]): boolean {
  return a === b || (a.length === b.length && a.every((p, i) => p === b[i]));
}

/** The node's settled facts, from its NodeClaim and pool in the state. */
function nodeAt(state: ClusterState, ctx: NodeInputs, node: NodeRec): Settled | undefined {
  const claim = node.nodeClaim === undefined ? undefined : state.nodeClaims.get(node.nodeClaim);
  // NewCandidate finds the pool by the node's label as it is now (a relabelled node names another
  // pool, or none the cluster has: "NodePool not found"); the pool it launched from is the fallback.
  const poolName =
    node.labels[LABEL.nodePool] ??
    node.labels[LABEL.provisionerName] ??
    node.nodePool ??
    claim?.nodePool ??
    '';
  return nodeSettled(ctx, node, claim, poolName, state.nodePools.get(poolName));
}

/** What every node of one settle shares. */
interface NodeInputs {
  ix: ClusterIndex;
  vocab: Vocabulary;
  inQueue: ReadonlySet<string>;
  v114: boolean;
  pdbKey: string;
  byNode: ReadonlyMap<string, PodRec[]>;
}

/**
 * A node whose inputs are the same objects as at its last settle keeps its facts (records are
 * immutable: a changed node, claim, pool or pod is a new object). A 20,000-pod cluster changes a
 * few nodes between passes; each settle used to redo all of them.
 */
function nodeSettled(
  c: NodeInputs,
  node: NodeRec,
  claim: NodeClaimRec | undefined,
  poolName: string,
  pool: NodePool | undefined,
): Settled | undefined {
  const pods = c.byNode.get(node.name) ?? NO_PODS;
  const queued = c.inQueue.has(node.name);
  const nominated = c.ix.nominated;
  const nom = nominated.has(node.name) || (claim !== undefined && nominated.has(claim.name));
  const hit = settledNodes.get(node);
  if (
    hit &&
    hit.claim === claim &&
    hit.pool === pool &&
    hit.queued === queued &&
    hit.nominated === nom &&
    hit.vocab === c.vocab &&
    hit.v114 === c.v114 &&
    hit.pdbKey === c.pdbKey &&
    samePods(hit.pods, pods)
  )
    return hit.settled;
  const n = claim && settledFacts(c.ix, node, claim, poolName, pool, pods, c.vocab, c.inQueue);
  settledNodes.set(node, {
    claim,
    pool,
    pods,
    queued,
    nominated: nom,
    vocab: c.vocab,
    v114: c.v114,
    pdbKey: c.pdbKey,
    settled: n,
  });
  return n;
}

const NO_PODS: PodRec[] = [];

/** settledFacts per node record, with the inputs it was derived from besides the record. */
const settledNodes = new WeakMap<
  NodeRec,
  {
    claim: NodeClaimRec | undefined;
    pool: NodePool | undefined;
    pods: readonly PodRec[];
    queued: boolean;
    nominated: boolean;
    vocab: Vocabulary;
    v114: boolean;
    pdbKey: string;
    settled: Settled | undefined;
  }
>();

function samePods(a: readonly PodRec[], b: readonly PodRec[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function terminatingStatefulSetPod(p: PodRec): boolean {
  return p.phase === 'Terminating' && p.owner?.startsWith('StatefulSet/') === true;
}

/** undefined for nodes that are gone (settle passes only nodes with a NodeClaim, its pool and the
 *  pods bound to the node, the inputs it keys its reuse on). */
function settledFacts(
  ix: ClusterIndex,
  node: NodeRec,
  claim: NodeClaimRec,
  poolName: string,
  pool: NodePool | undefined,
  bound: readonly PodRec[],
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
): Settled | undefined {
  if (node.terminatedAt !== undefined) return undefined;
  const pods = bound.filter((p) => !isTerminal(p) && p.phase !== 'Terminating');
  // IsReschedulable (v0.34+, the vocabulary's 'evictable' era): an active pod, or a terminating
  // StatefulSet pod, which its StatefulSet recreates only once it is gone; a node holding one is
  // not empty (emptiness_test.go "will not consider a node with a terminating StatefulSet pod as
  // empty"), and its dry runs place it.
  const reschedulable =
    vocab.pdbPods === 'evictable' && bound.some(terminatingStatefulSetPod)
      ? bound.filter((p) => (pods.includes(p) && !p.daemonSet) || terminatingStatefulSetPod(p))
      : pods.filter((p) => !p.daemonSet);
  let rescheduleCost = 1;
  for (const p of reschedulable) rescheduleCost += Math.max(0, evictionCost(p));
  const empty = ix.v114 ? rescheduleCost <= 1 : reschedulable.length === 0;
  const base: Settled['base'] = {
    node,
    claim,
    poolName,
    pool,
    pods,
    reschedulable,
    price: node.price,
    rescheduleCost,
    empty,
  };
  const blocked = nodeBlocker(base, ix, vocab, inQueue);
  if (blocked !== undefined) base.blocked = blocked;
  const timed = pods.some((p) => {
    const v = p.pod.metadata.annotations?.[vocab.podBlock];
    return v !== undefined && v !== 'true';
  });
  let podBlocked: string | undefined;
  if (!timed)
    for (const p of pods) {
      podBlocked = podBlocker(p, ix, vocab);
      if (podBlocked !== undefined) break;
    }
  // Before v0.34 a finished or terminating pod's PDB held the node too (node.Pods(), unfiltered).
  let lingering: string | undefined;
  if (vocab.pdbPods === 'bound' && ix.pdbs.length > 0)
    for (const p of bound) {
      if (!isTerminal(p) && p.phase !== 'Terminating') continue;
      lingering = pdbBlocker(p, ix, vocab);
      if (lingering !== undefined) break;
    }
  return {
    base,
    costs: pods.map(evictionCost),
    expireMs: parseDuration(pool?.spec.template.spec.expireAfter ?? '720h'),
    timed,
    podBlocked: podBlocked ?? lingering,
    lingering,
  };
}

/** The facts at `ix.now`: lifetime-weighted cost, and do-not-disrupt durations still running. */
function timedFacts(n: Settled, ix: ClusterIndex, vocab: Vocabulary): NodeFacts {
  const { base, expireMs } = n;
  const age = ix.now - base.claim.createdAt;
  const lifetime =
    expireMs === undefined || expireMs === 0
      ? 1
      : Math.min(1, Math.max(0, (expireMs - age) / expireMs));
  let lifetimeCost = 0;
  for (const c of n.costs) lifetimeCost += c * lifetime;
  // Field by field (no rest spread: this runs for every node on every pass).
  const f: NodeFacts = {
    node: base.node,
    claim: base.claim,
    poolName: base.poolName,
    pool: base.pool,
    pods: base.pods,
    reschedulable: base.reschedulable,
    price: base.price,
    rescheduleCost: base.rescheduleCost,
    lifetimeCost,
    empty: base.empty,
  };
  if (base.blocked !== undefined) f.blocked = base.blocked;
  let podBlocked = n.podBlocked;
  if (n.timed) {
    for (const p of base.pods) {
      podBlocked = podBlocker(p, ix, vocab);
      if (podBlocked !== undefined) break;
    }
    podBlocked ??= n.lingering;
  }
  if (podBlocked !== undefined) f.podBlocked = podBlocked;
  return f;
}

function nodeBlocker(
  f: Pick<NodeFacts, 'node' | 'claim' | 'pool' | 'poolName'>,
  ix: ClusterIndex,
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
): string | undefined {
  const { node, claim } = f;
  // Upstream's "candidate is already being disrupted" is never published (NewCandidate, v1.6+).
  const queued = inQueue.has(node.name);
  if (queued && vocab.queueFirst) return 'node is already being disrupted';
  const words = nodeReasons(vocab.words);
  // Before v1.6 a queued node is marked for deletion (controller.go executeCommand marks a
  // command's nodes as it starts it). NewCandidate before v1.0 skips a node marked for deletion
  // before one not initialized; ValidateNodeDisruptable (v1.0+) looks at initialization first.
  const deleting = claim.deletingAt !== undefined || node.deletingAt !== undefined || queued;
  const uninitialized = !initialized(node, claim);
  if (deleting && (preV1(vocab.words) || !uninitialized)) return words.deleting;
  if (uninitialized) return words.notInitialized;
  const nominated = ix.nominated.has(claim.name) || ix.nominated.has(node.name);
  // Before v1.0 NewCandidate looks at the node's annotation, labels, pool and instance type
  // before the nomination; since v1.0 ValidateNodeDisruptable looks at the nomination first.
  const early = !preV1(vocab.words);
  if (early && nominated) return words.nominated;
  if (!vocab.nodeBlockIsConsolidationOnly) {
    const annotated = nodeAnnotationReason(vocab.words, node.annotations, vocab.nodeBlock);
    if (annotated !== undefined) return annotated;
  }
  // v0.31–v1.0 price a candidate by these labels before anything else, so a node without one is
  // no candidate for any method; since v1.1 only consolidation needs them (unpricedReason).
  const unlabeled = missingLabelBlocker(vocab.priceLabels, node.labels);
  if (unlabeled !== undefined) return unlabeled;
  const unowned = missingPoolLabelBlocker(vocab.words, node.labels);
  if (unowned !== undefined) return unowned;
  if (!f.pool) return poolNotFoundReason(vocab.words, f.poolName);
  const unresolved = unresolvedTypeBlocker(vocab.priceLabels, node);
  if (unresolved !== undefined) return unresolved;
  return !early && nominated ? words.nominated : undefined;
}

/**
 * v1.1+: why single- and multi-node consolidation turn a candidate away without a label they price
 * it by (its price is its instance type's offering in that zone and capacity type). Drift,
 * emptiness and expiration still take it. A workspace Node labelled `capacity-type: spot` but no
 * zone is such a node: Karpenter replaces it when it drifts, never to save money.
 */
export function unpricedReason(f: Pick<NodeFacts, 'node'>, vocab: Vocabulary): string | undefined {
  return missingLabelUnconsolidatable(vocab.priceLabels, f.node);
}

/** The node's blocker for a method class: Graceful (consolidation, expiration) or Eventual (drift). */
export function blockerFor(f: NodeFacts, eventual: boolean): string | undefined {
  if (f.blocked !== undefined) return f.blocked;
  const tgp = f.pool?.spec.template.spec.terminationGracePeriod;
  if (eventual && tgp !== undefined) return undefined;
  return f.podBlocked;
}
