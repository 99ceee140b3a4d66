// Who may be disrupted, and why not (reference §3.2–3.4). One pass over the cluster builds a
// NodeFacts per managed node: its pods, its price, its disruption cost, and the first reason (if
// any) that keeps it from being a candidate — in Karpenter's own words, so the UI can show the
// DisruptionBlocked text learners will meet in production.
import type { NodePool, PodDisruptionBudget } from '../k8s.ts';
import { parseDuration } from '../engine/duration.ts';
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
import type { Vocabulary } from './annotations.ts';

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

/** Per-tick indexes shared by every method (built once: 1,000-node clusters stay fast). */
export interface ClusterIndex {
  now: number;
  podsByNode: Map<string, PodRec[]>;
  /** Node names Karpenter has nominated for a pending pod (by NodeClaim or node). */
  nominated: Set<string>;
  pdbs: { pdb: PodDisruptionBudget; allowed: number }[];
  facts: Map<string, NodeFacts>;
  /** v1.14+: savings-ratio ordering and cost-based emptiness. */
  v114: boolean;
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

/** `karpenter.sh/do-not-disrupt: "true"` or an unexpired duration ("15m", v1.12+) measured from pod start. */
export function doNotDisruptActive(p: PodRec, key: string, now: number): boolean {
  const v = p.pod.metadata.annotations?.[key];
  if (v === undefined) return false;
  if (v === 'true') return true;
  const d = parseDuration(v);
  if (d === undefined || /^\d+(\.\d+)?$/.test(v.trim())) return false; // invalid values are ignored
  return p.startedAt === undefined || now - p.startedAt < d;
}

export function podBlocker(p: PodRec, ix: ClusterIndex, vocab: Vocabulary): string | undefined {
  if (doNotDisruptActive(p, vocab.podBlock, ix.now)) {
    const d = parseDuration(p.pod.metadata.annotations?.[vocab.podBlock]);
    if (d !== undefined && p.startedAt !== undefined)
      ix.wakeAt = Math.min(ix.wakeAt, p.startedAt + d);
    return `pod ${p.key} has "${vocab.podBlock}" annotation`;
  }
  if (p.daemonSet) return undefined;
  const ns = p.pod.metadata.namespace ?? 'default';
  let covering: PodDisruptionBudget | undefined;
  for (const { pdb, allowed } of ix.pdbs) {
    if (
      (pdb.metadata.namespace ?? 'default') !== ns ||
      !selectorMatches(pdb.spec.selector, p.pod.metadata.labels)
    )
      continue;
    if (covering) return `pod ${p.key}: eviction does not support multiple PDBs`;
    covering = pdb;
    if (
      allowed <= 0 &&
      !(pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' && p.phase !== 'Running')
    )
      return `pdb ${ns}/${pdb.metadata.name ?? ''} prevents pod evictions`;
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
}

interface SettledIndex {
  version: number;
  vocab: Vocabulary;
  queue: string;
  podsByNode: Map<string, PodRec[]>;
  nominated: Set<string>;
  pdbs: ClusterIndex['pdbs'];
  v114: boolean;
  nodes: Settled[];
}

// The index of the last state version seen, per state: a quiet cluster is polled every 10 s
// with the same records, and only the moment-dependent facts need recomputing.
const settledByState = new WeakMap<ClusterState, SettledIndex>();

/**
 * The per-pass index. With `version` (the engine's event count), what depends on the records only
 * is kept while the version, the vocabulary and the orchestration queue are unchanged.
 */
export function buildIndex(
  state: ClusterState,
  now: number,
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
  version?: number,
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
    settled = settle(state, vocab, inQueue, version ?? -1, queue);
    if (version !== undefined) settledByState.set(state, settled);
  }
  const ix: ClusterIndex = {
    now,
    podsByNode: settled.podsByNode,
    nominated: settled.nominated,
    pdbs: settled.pdbs,
    facts: new Map(),
    v114: settled.v114,
    wakeAt: Number.POSITIVE_INFINITY,
  };
  for (const n of settled.nodes) {
    const f = timedFacts(n, ix, vocab);
    ix.facts.set(f.node.name, f);
  }
  return ix;
}

function settle(
  state: ClusterState,
  vocab: Vocabulary,
  inQueue: ReadonlySet<string>,
  version: number,
  queue: string,
): SettledIndex {
  const podsByNode = new Map<string, PodRec[]>();
  const nominated = new Set<string>();
  for (const p of state.pods.values()) {
    if (p.nodeName !== undefined) {
      const list = podsByNode.get(p.nodeName);
      if (list) list.push(p);
      else podsByNode.set(p.nodeName, [p]);
    } else if (p.nominatedTo !== undefined) nominated.add(p.nominatedTo);
  }
  const pdbs: ClusterIndex['pdbs'] = [];
  for (const o of state.objects.values()) {
    if (o.kind === 'PodDisruptionBudget')
      pdbs.push({ pdb: o, allowed: disruptionsAllowed(o, state.pods) });
  }
  const v114 =
    state.karpenter.semantics === 'v1' && atLeast(karpenterVersion(state.karpenter.version), 1, 14);
  const out: SettledIndex = { version, vocab, queue, podsByNode, nominated, pdbs, v114, nodes: [] };
  // The moment only matters to timed blockers, which are re-checked per pass (timedFacts).
  const ix: ClusterIndex = { ...out, now: 0, facts: new Map(), wakeAt: 0 };
  const pdbKey = pdbs.map(({ pdb, allowed }) => `${objectId(pdb)}:${allowed}`).join(',');
  for (const node of state.nodes.values()) {
    // A node whose inputs are the same objects as at the last settle keeps its facts (records
    // are immutable: a changed node, claim, pool or pod is a new object). A 20,000-pod cluster
    // changes a few nodes between passes; each settle used to redo all of them.
    const claim = node.nodeClaim === undefined ? undefined : state.nodeClaims.get(node.nodeClaim);
    const poolName = node.nodePool ?? claim?.nodePool ?? '';
    const pool = state.nodePools.get(poolName);
    const pods = podsByNode.get(node.name) ?? NO_PODS;
    const queued = inQueue.has(node.name);
    const nom = nominated.has(node.name) || (claim !== undefined && nominated.has(claim.name));
    const hit = settledNodes.get(node);
    let n: Settled | undefined;
    if (
      hit &&
      hit.claim === claim &&
      hit.pool === pool &&
      hit.queued === queued &&
      hit.nominated === nom &&
      hit.vocab === vocab &&
      hit.v114 === v114 &&
      hit.pdbKey === pdbKey &&
      samePods(hit.pods, pods)
    )
      n = hit.settled;
    else {
      n = claim && settledFacts(ix, node, claim, poolName, pool, pods, vocab, inQueue);
      settledNodes.set(node, {
        claim,
        pool,
        pods,
        queued,
        nominated: nom,
        vocab,
        v114,
        pdbKey,
        settled: n,
      });
    }
    if (n) out.nodes.push(n);
  }
  return out;
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
  const reschedulable = pods.filter((p) => !p.daemonSet);
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
  return {
    base,
    costs: pods.map(evictionCost),
    expireMs: parseDuration(pool?.spec.template.spec.expireAfter ?? '720h'),
    timed,
    podBlocked,
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
  const { blocked, ...rest } = base;
  const f: NodeFacts = {
    node: rest.node,
    claim: rest.claim,
    poolName: rest.poolName,
    pool: rest.pool,
    pods: rest.pods,
    reschedulable: rest.reschedulable,
    price: rest.price,
    rescheduleCost: rest.rescheduleCost,
    lifetimeCost,
    empty: rest.empty,
  };
  if (blocked !== undefined) f.blocked = blocked;
  let podBlocked = n.podBlocked;
  if (n.timed)
    for (const p of base.pods) {
      podBlocked = podBlocker(p, ix, vocab);
      if (podBlocked !== undefined) break;
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
  if (inQueue.has(node.name)) return 'node is already being disrupted';
  if (claim.deletingAt !== undefined || node.deletingAt !== undefined)
    return 'node is deleting or marked for deletion';
  if (claim.initializedAt === undefined || !node.ready) return "node isn't initialized";
  if (ix.nominated.has(claim.name) || ix.nominated.has(node.name))
    return 'node is nominated for a pending pod';
  if (!vocab.nodeBlockIsConsolidationOnly && node.annotations[vocab.nodeBlock] === 'true')
    return `disruption is blocked through the "${vocab.nodeBlock}" annotation`;
  if (!f.pool) return `nodepool "${f.poolName}" not found`;
  return undefined;
}

/** The node's blocker for a method class: Graceful (consolidation, expiration) or Eventual (drift). */
export function blockerFor(f: NodeFacts, eventual: boolean): string | undefined {
  if (f.blocked !== undefined) return f.blocked;
  const tgp = f.pool?.spec.template.spec.terminationGracePeriod;
  if (eventual && tgp !== undefined) return undefined;
  return f.podBlocked;
}
