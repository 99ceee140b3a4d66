// Cluster state as Karpenter's scheduler sees it (reference §1.5): Ready and booting nodes plus
// in-flight NodeClaims as StateNodes, per-pool usage for limits, and each pool's catalog with the
// offerings in the unavailable-offerings cache switched off. Used by provisioning and by
// disruption's dry runs alike.
import { nodeVolumeUsage } from '../storage/kubescheduler.ts';
import type { Catalog, InstanceType } from '../catalog/index.ts';
import type { NodePool, Pod, Taint } from '../k8s.ts';
import { maxResources, type Resources } from '../quantity.ts';
import type { StateNode } from '../scheduling/types.ts';
import { resolvedTypeLabels } from './lifecycle.ts';
import type { Sim } from './runtime.ts';
import type { NodeClaimRec, NodeRec } from './state.ts';
import { touched } from './touched.ts';

/** The last StateNode list, the versions it was built at (Sim.versions, the scheduler's mark
 *  of nodes whose pods moved) and each live node's position in it. */
interface CachedList extends NodeList {
  nodes: number;
  pods: number;
  objects: number;
  mark: number;
  /** Sim.nodeEventAt's length then (where withNodesChanged reads on). */
  logAt: number;
}

/** The StateNodes (live nodes in state.nodes' order, then in-flight NodeClaims in
 *  state.nodeClaims' order), each live node's position, and how many live nodes lead the list. */
interface NodeList {
  list: StateNode[];
  at: Map<string, number>;
  live: number;
}

const NO_NAMES: readonly string[] = [];

function inFlight(nc: NodeClaimRec): boolean {
  return nc.nodeName === undefined && (nc.phase === 'Pending' || nc.phase === 'Launched');
}

/** Patching the list by the nodes and claims events touched can be turned off, for the test
 *  that compares it with rebuilding. */
export const viewPatch = { enabled: true };

export class ClusterView {
  private filtered = new WeakMap<Catalog, { version: string; types: readonly InstanceType[] }>();

  constructor(private readonly sim: Sim) {}

  /** The pool's catalog with offerings Karpenter has cached as unavailable switched off (§4.3). */
  typesFor(np: NodePool | undefined): readonly InstanceType[] {
    const catalog = this.sim.config.catalogFor(np);
    const active = [...this.sim.state.unavailable.entries()]
      .filter(([, until]) => until > this.sim.now)
      .map(([k]) => k);
    if (active.length === 0) return catalog.instanceTypes;
    const version = active.sort().join(',');
    const hit = this.filtered.get(catalog);
    if (hit?.version === version) return hit.types;
    const off = new Set(active);
    const types = catalog.instanceTypes.map((it) => {
      if (!it.offerings.some((o) => off.has(`${o.capacityType}:${it.name}:${o.zone}`))) return it;
      return {
        ...it,
        offerings: it.offerings.map((o) =>
          off.has(`${o.capacityType}:${it.name}:${o.zone}`) ? { ...o, available: false } : o,
        ),
      };
    });
    this.filtered.set(catalog, { version, types });
    return types;
  }

  /** StateNodes of the current state, kept while no event changes a node, NodeClaim, pool or a
   *  node's pods (`Sim.versions`): a disruption pass asks for them in every dry run, and solve()
   *  caches what it derives per StateNode object (nodeFacts, the Topology universe). */
  private cached: CachedList | undefined;
  /** The last StateNode per name and what it was built from: a node nothing touched keeps its
   *  object across states, so the solve's per-StateNode caches carry over. */
  private built = new Map<string, Built>();

  /** Cluster state as the scheduler sees it: Ready/booting nodes and in-flight NodeClaims (§1.5). */
  stateNodes(exclude: ReadonlySet<string>): StateNode[] {
    const { nodes, pods, objects } = this.sim.versions;
    const { scheduler } = this.sim;
    const mark = scheduler.podsMovedMark;
    const logAt = this.sim.nodeEventAt.length;
    const last = this.cached;
    const moved =
      last?.nodes === nodes && last.pods !== pods ? scheduler.podsMovedSince(last.mark) : undefined;
    if (last && moved) {
      // Only pods moved (binds, evictions, terminations): only their nodes' StateNodes change,
      // rebuilt in a copy of the list (an earlier one may still be in use).
      this.cached = { ...last, pods, mark, list: this.withPodsMoved(last, moved) };
    } else if (last?.nodes !== nodes || last.pods !== pods) {
      const patched = last && last.nodes !== nodes ? this.withNodesChanged(last) : undefined;
      this.cached = { nodes, pods, objects, mark, logAt, ...(patched ?? this.allStateNodes()) };
    }
    const all = (this.cached as CachedList).list;
    return exclude.size === 0 ? [...all] : all.filter((n) => !exclude.has(n.name));
  }

  /** Per node: the Pod objects of its non-terminating pods in state.pods' order, and whether any
   *  mounts a volume, kept while the kube-scheduler's pod version of the node is the same (a
   *  rebuild used to walk every pod of the cluster). */
  private podLists = new Map<string, NodePods>();

  private podsOf(name: string, lists: Map<string, NodePods>): NodePods {
    const version = this.sim.scheduler.podsVersion(name);
    let l = this.podLists.get(name);
    if (l?.version !== version) {
      const pods: Pod[] = [];
      for (const p of this.sim.scheduler.podsBoundTo(name))
        if (p.phase !== 'Terminating') pods.push(p.pod);
      l = { version, pods, volumes: pods.some((p) => (p.spec.volumes ?? []).length > 0) };
    }
    lists.set(name, l);
    return l;
  }

  private allStateNodes(): NodeList {
    const { state } = this.sim;
    const lists = new Map<string, NodePods>();
    const built = new Map<string, Built>();
    const out: StateNode[] = [];
    const at = new Map<string, number>();
    for (const n of state.nodes.values()) {
      if (n.terminatedAt !== undefined) continue;
      at.set(n.name, out.length);
      out.push(this.liveNode(n, lists, built));
    }
    const live = out.length;
    for (const nc of state.nodeClaims.values())
      if (inFlight(nc)) out.push(this.inflightNode(nc, built));
    this.built = built;
    this.podLists = lists;
    return { list: out, at, live };
  }

  /**
   * The last list patched by the nodes and NodeClaims the events since touched (touched.ts) and
   * the nodes whose pods moved: those rebuilt, the ones gone dropped, new ones appended in the
   * order their maps list them (a new node or claim is added at its map's end, by its first
   * event) — the list allStateNodes would build, in O(changes + list) without a StateNode check
   * per node. Undefined (rebuild) when a pool, object or setting changed, or the pod log no longer
   * reaches back.
   */
  private withNodesChanged(last: CachedList): NodeList | undefined {
    const { versions, scheduler, state } = this.sim;
    if (!viewPatch.enabled || last.objects !== versions.objects) return undefined;
    const moved = last.pods === versions.pods ? NO_NAMES : scheduler.podsMovedSince(last.mark);
    const t = moved && touched(this.sim.events, this.sim.nodeEventAt, last.logAt);
    if (!moved || !t) return undefined;
    // A claim's record feeds its node's StateNode too (startup taints).
    const rebuild = new Set<string>([...t.nodes, ...moved]);
    for (const c of t.nodeClaims) {
      const name = state.nodeClaims.get(c)?.nodeName;
      if (name !== undefined) rebuild.add(name);
    }
    const list: StateNode[] = [];
    const at = new Map<string, number>();
    // Live nodes: the last ones in order (rebuilt if touched, dropped once terminated), then the
    // new ones.
    const addLive = (name: string, prev: StateNode | undefined) => {
      if (prev !== undefined && !rebuild.has(name)) {
        at.set(name, list.length);
        list.push(prev);
        return;
      }
      const n = state.nodes.get(name);
      if (!n || n.terminatedAt !== undefined) {
        if (prev !== undefined) this.forget(name);
        return;
      }
      at.set(name, list.length);
      list.push(this.liveNode(n, this.podLists, this.built));
    };
    for (let i = 0; i < last.live; i++) {
      const prev = last.list[i] as StateNode;
      addLive(prev.name, prev);
    }
    for (const name of t.nodes) if (!last.at.has(name)) addLive(name, undefined);
    const live = list.length;
    // In-flight claims: the last ones in order (rebuilt if touched, dropped once registered or
    // gone), then the new ones.
    const was = new Set<string>();
    for (let i = last.live; i < last.list.length; i++) {
      const prev = last.list[i] as StateNode;
      was.add(prev.name);
      if (!t.nodeClaims.has(prev.name)) {
        list.push(prev);
        continue;
      }
      const nc = state.nodeClaims.get(prev.name);
      if (nc && inFlight(nc)) list.push(this.inflightNode(nc, this.built));
      else this.built.delete(prev.name);
    }
    for (const name of t.nodeClaims) {
      if (was.has(name)) continue;
      const nc = state.nodeClaims.get(name);
      if (nc && inFlight(nc)) list.push(this.inflightNode(nc, this.built));
    }
    return { list, at, live };
  }

  /** A node gone from the list: what was kept for it goes too (allStateNodes keeps only the
   *  listed ones). */
  private forget(name: string): void {
    this.built.delete(name);
    this.podLists.delete(name);
  }

  /** An in-flight NodeClaim's StateNode: the last one if built from the same record and pool. */
  private inflightNode(nc: NodeClaimRec, built: Map<string, Built>): StateNode {
    const from: BuiltFrom = {
      rec: nc,
      pool: this.sim.state.nodePools.get(nc.nodePool),
      pods: NO_PODS,
    };
    return this.keep(nc.name, from, built, () => this.inflight(nc));
  }

  /** The last list with the StateNodes of the nodes whose pods moved rebuilt (the same records
   *  otherwise: no node, NodeClaim, pool or object event since). */
  private withPodsMoved(last: NodeList, moved: readonly string[]): StateNode[] {
    const list = last.list.slice();
    for (const name of moved) {
      const i = last.at.get(name);
      const n = this.sim.state.nodes.get(name);
      if (i === undefined || !n) continue; // not a live node of the list
      list[i] = this.liveNode(n, this.podLists, this.built);
    }
    return list;
  }

  /** A live node's StateNode: the last one if built from the same inputs, else a new one. */
  private liveNode(n: NodeRec, lists: Map<string, NodePods>, built: Map<string, Built>): StateNode {
    const nc = n.nodeClaim === undefined ? undefined : this.sim.state.nodeClaims.get(n.nodeClaim);
    const { pods, volumes: mounts } = this.podsOf(n.name, lists);
    const volumes = n.volumeLimits !== undefined && mounts;
    const from: BuiltFrom = {
      rec: n,
      startupTaints: nc?.startupTaints,
      pods,
      objects: volumes ? this.sim.versions.objects : -1,
    };
    return this.keep(n.name, from, built, () => this.node(n, nc?.startupTaints ?? [], pods));
  }

  /** The last StateNode of `name` if built from the same inputs, else a new one; noted in `built`. */
  private keep(
    name: string,
    from: BuiltFrom,
    built: Map<string, Built>,
    make: () => StateNode,
  ): StateNode {
    const prev = this.built.get(name);
    if (prev && sameInputs(prev.from, from)) {
      built.set(name, prev);
      return prev.node;
    }
    const node = make();
    built.set(name, { node, from });
    return node;
  }

  private node(n: NodeRec, startupTaints: Taint[], pods: Pod[]): StateNode {
    const taints = n.unschedulable
      ? [...n.taints, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const }]
      : n.taints;
    return {
      name: n.name,
      nodePool: n.nodePool,
      labels: n.labels,
      taints,
      startupTaints,
      allocatable: n.allocatable,
      capacity: n.capacity,
      initialized: n.ready,
      markedForDeletion: n.deletingAt !== undefined,
      pods,
      ...(n.volumeLimits
        ? {
            volumeLimits: n.volumeLimits,
            volumeUsage: nodeVolumeUsage(this.sim.state.objects, pods),
          }
        : {}),
    };
  }

  private inflight(nc: NodeClaimRec): StateNode {
    const np = this.sim.state.nodePools.get(nc.nodePool);
    const labels: Record<string, string> = { ...nc.labels, 'kubernetes.io/hostname': nc.name };
    let allocatable: Resources;
    let capacity: Resources;
    if (nc.launch) {
      const it = this.sim.instanceType(np, nc.launch.instanceType);
      Object.assign(labels, it ? resolvedTypeLabels(it.requirements, nc.requirements) : {}, {
        'node.kubernetes.io/instance-type': nc.launch.instanceType,
        'topology.kubernetes.io/zone': nc.launch.zone,
        'karpenter.sh/capacity-type': nc.launch.capacityType,
      });
      allocatable = it?.allocatable ?? {};
      capacity = it?.capacity ?? {};
    } else {
      // Not launched yet: count only what every option offers (the smallest allocatable).
      const opts = nc.instanceTypes
        .map((t) => this.sim.instanceType(np, t))
        .filter((t): t is InstanceType => !!t);
      allocatable = minResources(opts.map((t) => t.allocatable));
      capacity = minResources(opts.map((t) => t.capacity));
    }
    return {
      name: nc.name,
      nodePool: nc.nodePool,
      labels,
      taints: nc.taints,
      startupTaints: nc.startupTaints,
      allocatable,
      capacity,
      initialized: false,
      markedForDeletion: nc.deletingAt !== undefined,
      pods: [],
    };
  }

  /**
   * Per pool: capacity of its live NodeClaims + `nodes`. A registered Node counts its own
   * status.capacity (a workspace Node may report more or less than its type), an in-flight
   * NodeClaim its launched type, else the largest option; a Node labelled with a pool but with no
   * NodeClaim (an imported node whose type the catalog lacks) counts too, as upstream's cluster
   * state sums every node of the pool.
   */
  usage(): ReadonlyMap<string, Resources> {
    const version = this.sim.versions.nodes;
    if (this.usageCache?.version !== version)
      this.usageCache = { version, usage: this.computeUsage() };
    return this.usageCache.usage;
  }

  /**
   * usage() without the given nodes' share, for a disruption dry run: SimulateScheduling hands the
   * scheduler the state nodes minus the candidates, and the scheduler's remaining limits are the
   * pool's limits minus the capacity of the nodes it was given (scheduler.go
   * calculateExistingNodeClaims), so a candidate's own capacity never counts against the limit
   * its replacement must fit. The same object as usage() when no excluded node is in a limited
   * pool (the dry runs' cache keys read it).
   */
  usageWithout(exclude: ReadonlySet<string>): ReadonlyMap<string, Resources> {
    const base = this.usage();
    if (exclude.size === 0) return base;
    const { state } = this.sim;
    let out: Map<string, Record<string, number>> | undefined;
    for (const name of exclude) {
      const n = state.nodes.get(name);
      if (!n || n.terminatedAt !== undefined) continue;
      const nc = n.nodeClaim === undefined ? undefined : state.nodeClaims.get(n.nodeClaim);
      // computeUsage's rule: a claimed node counts through its live claim, an unclaimed one
      // through its pool label.
      const pool =
        n.nodeClaim === undefined
          ? n.nodePool
          : nc && nc.phase !== 'Deleted' && nc.phase !== 'Failed'
            ? nc.nodePool
            : undefined;
      if (pool === undefined || !state.nodePools.get(pool)?.spec.limits) continue;
      out ??= new Map([...base].map(([k, v]) => [k, { ...v }]));
      const sum = out.get(pool);
      if (sum) subtractNode(sum, n.capacity);
    }
    return out ?? base;
  }

  /** usage() reads no pod: kept while no node, NodeClaim or pool changes. */
  private usageCache: { version: number; usage: ReadonlyMap<string, Resources> } | undefined;

  private computeUsage(): Map<string, Resources> {
    const { state } = this.sim;
    const out = new Map<string, Record<string, number>>();
    const add = (pool: string, cap: Resources): void => {
      let sum = out.get(pool);
      if (!sum) out.set(pool, (sum = {}));
      addNode(sum, cap);
    };
    for (const nc of state.nodeClaims.values()) {
      if (nc.phase === 'Deleted' || nc.phase === 'Failed') continue;
      const np = state.nodePools.get(nc.nodePool);
      const node = nc.nodeName === undefined ? undefined : state.nodes.get(nc.nodeName);
      let cap: Resources;
      if (node) cap = node.capacity;
      else if (nc.launch) cap = this.sim.instanceType(np, nc.launch.instanceType)?.capacity ?? {};
      else
        cap = maxResources(
          ...nc.instanceTypes.map((t) => this.sim.instanceType(np, t)?.capacity ?? {}),
        );
      add(nc.nodePool, cap);
    }
    for (const n of state.nodes.values()) {
      if (n.nodeClaim !== undefined || n.nodePool === undefined || n.terminatedAt !== undefined)
        continue;
      add(n.nodePool, n.capacity);
    }
    return out;
  }
}

const NO_PODS: readonly Pod[] = [];

interface Built {
  node: StateNode;
  from: BuiltFrom;
}

interface NodePods {
  version: number;
  pods: Pod[];
  volumes: boolean;
}

/** What a StateNode was built from: records are immutable (the reducer replaces them), so the
 *  same records, pool, Pod objects and (for nodes with volumes) objects make the same StateNode. */
interface BuiltFrom {
  rec: NodeRec | NodeClaimRec;
  startupTaints?: Taint[] | undefined;
  pool?: NodePool | undefined;
  pods: readonly Pod[];
  /** `Sim.versions.objects` when the pods' volume usage was read from the objects, else -1. */
  objects?: number;
}

function sameInputs(a: BuiltFrom, b: BuiltFrom): boolean {
  if (
    a.rec !== b.rec ||
    a.startupTaints !== b.startupTaints ||
    a.pool !== b.pool ||
    a.objects !== b.objects ||
    a.pods.length !== b.pods.length
  )
    return false;
  if (a.pods === b.pods) return true; // a node's pod list is kept while its pods are the same
  for (let i = 0; i < a.pods.length; i++) if (a.pods[i] !== b.pods[i]) return false;
  return true;
}

/** addNode undone. */
function subtractNode(sum: Record<string, number>, cap: Resources): void {
  for (const k in cap) sum[k] = (sum[k] ?? 0) - (cap[k] as number);
  sum.nodes = (sum.nodes ?? 0) - 1;
}

/**
 * `sum` becomes addResources(sum, cap, { nodes: 1 }) — the same keys in the same order, the same
 * additions in the same order — without a new record per node (usage sums every NodeClaim after
 * each node change).
 */
export function addNode(sum: Record<string, number>, cap: Resources): void {
  for (const k in cap) {
    const v = cap[k] as number;
    const prev = sum[k];
    sum[k] = prev === undefined ? v : prev + v;
  }
  sum.nodes = sum.nodes === undefined ? 1 : sum.nodes + 1;
}

function minResources(rs: Resources[]): Resources {
  if (rs.length === 0) return {};
  const out: Record<string, number> = { ...rs[0] };
  for (const r of rs.slice(1))
    for (const k of Object.keys(out)) out[k] = Math.min(out[k] ?? 0, r[k] ?? 0);
  return out;
}
