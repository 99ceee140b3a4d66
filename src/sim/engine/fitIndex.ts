// The counts kube-scheduler's topology filters read (pod (anti-)affinity, DoNotSchedule topology
// spread), kept incrementally as pods land on and leave nodes, instead of scanning every pod for
// every (pod, node) check. Upstream keeps the same kind of per-node / per-domain counts in its
// scheduler cache snapshot (framework.NodeInfo, PreFilter state of InterPodAffinity and
// PodTopologySpread).
//
// A FitIndex covers a set of NodeViews ("live" nodes: everything kube-scheduler counts, Ready or
// not). The engine keeps one across the whole run (kubescheduler.ts feeds it every pod and node
// change); the Cluster Autoscaler model builds one over its own simulated views (fit.ts indexFor).
// Counters are created lazily, the first time a filter asks for a selector, and from then on move
// with every pod that matches it.
import type { LabelSelector, Pod, PodAffinityTerm } from '../k8s.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import type { NodeRec, PodRec } from './state.ts';
import { own } from '../own.ts';

export interface NodeView {
  node: NodeRec;
  used: Record<string, number>;
  pods: PodRec[];
}

/** Pods matching one selector, per node and per value of one topology key (live nodes only). */
export interface Counter {
  readonly id: number;
  readonly topologyKey: string;
  /** Whether the counter selects a Pod object (namespace and labels: fixed for the object). */
  readonly selects: (pod: Pod) => boolean;
  /** Terminating pods are left out (spread constraints), whatever `selects` says. */
  readonly skipsTerminating: boolean;
  readonly perNode: Map<NodeView, number>;
  readonly perDomain: Map<string, number>;
  total: number;
  /** Bumped on every change: the key of cached spread minima. */
  stamp: number;
}

/** Bound pods' required anti-affinity terms with the same (key, namespaces, selector). */
interface AntiTerm {
  readonly term: PodAffinityTerm;
  readonly namespaces: TermNamespaces;
  /** Pods carrying the term, per topology value of their node. */
  readonly perDomain: Map<string, number>;
}

const keys = new WeakMap<object, string>();
/** A stable string for a selector object (pods of one template share theirs, so this is cached). */
function keyOf(o: object | undefined): string {
  if (o === undefined) return '';
  let k = keys.get(o);
  if (k === undefined) {
    k = JSON.stringify(o);
    keys.set(o, k);
  }
  return k;
}

const ns = (p: Pod): string => p.metadata.namespace ?? 'default';

/** The namespaces a pod affinity term applies to; `key` names them for signatures. */
export interface TermNamespaces {
  readonly key: string;
  has(namespace: string): boolean;
}

/**
 * The namespaces a term applies to, as kube-scheduler reads them (framework/types.go,
 * newAffinityTerm / mergeAffinityTermNamespacesIfNotEmpty): the listed ones plus those the
 * namespaceSelector picks — an empty selector `{}` picks every namespace — and, with neither, the
 * owning pod's namespace. The lab has no Namespace objects, so a selector sees only each
 * namespace's automatic kubernetes.io/metadata.name label, as Karpenter's side does
 * (scheduling/topology/specs.ts). The lab's kube-scheduler ignored the selector, so it refused
 * the node Karpenter nominated (topology_test.go, "empty namespace selector").
 */
export function termNamespaces(term: PodAffinityTerm, owner: Pod): TermNamespaces {
  const listed = term.namespaces ?? [];
  const sel = term.namespaceSelector;
  if (!sel) {
    const only = listed.length > 0 ? listed : [ns(owner)];
    return { key: only.join(','), has: (n) => only.includes(n) };
  }
  return {
    key: `${listed.join(',')}\n${keyOf(sel)}`,
    has: (n) => listed.includes(n) || selectorMatches(sel, { 'kubernetes.io/metadata.name': n }),
  };
}

function antiTerms(p: Pod): readonly PodAffinityTerm[] {
  return p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

function matches(c: Counter, p: PodRec): boolean {
  return !(c.skipsTerminating && p.phase === 'Terminating') && c.selects(p.pod);
}

/** The signature of a bound pod's anti-affinity term, per term object (pods of one template share
 *  their spec, so their terms) and owner namespace. */
const antiSigs = new WeakMap<PodAffinityTerm, { namespace: string; sig: string }>();
function antiSig(term: PodAffinityTerm, owner: Pod): string {
  const namespace = ns(owner);
  const hit = antiSigs.get(term);
  if (hit?.namespace === namespace) return hit.sig;
  const sig = `${term.topologyKey}\n${termNamespaces(term, owner).key}\n${keyOf(term.labelSelector)}`;
  antiSigs.set(term, { namespace, sig });
  return sig;
}

export class FitIndex {
  /** Live views, in the order they were added. */
  private readonly live = new Set<NodeView>();
  private readonly counters = new Map<string, Counter>();
  /** The counters in creation order (the Map's values; never removed). */
  private readonly counterList: Counter[] = [];
  /**
   * Per Pod object (records are immutable: a relabelled pod is a new object), the counters that
   * select it among the first `checked` counters. A pod is counted on every bind, phase change and
   * deletion, and most counters select few pods: this asks each counter once per Pod object.
   */
  private readonly selecting = new WeakMap<Pod, { checked: number; list: Counter[] }>();
  private readonly anti = new Map<string, AntiTerm>();
  /** topology key → value → live nodes carrying it (the domains a spread constraint sees). */
  private readonly domains = new Map<string, Map<string, number>>();
  /** Bumped when the live node set or a live node's labels change. */
  private nodesStamp = 0;
  private antiStamp = 0;
  private readonly minima = new Map<string, { stamp: number; nodes: number; min: number }>();

  /** An index over views whose pods and usage are already filled in. */
  static over(views: Iterable<NodeView>): FitIndex {
    const ix = new FitIndex();
    for (const v of views) ix.addView(v);
    return ix;
  }

  get size(): number {
    return this.live.size;
  }

  views(): IterableIterator<NodeView> {
    return this.live.values();
  }

  has(v: NodeView): boolean {
    return this.live.has(v);
  }

  /** A node starts counting (its pods with it). */
  addView(v: NodeView): void {
    if (this.live.has(v)) return;
    this.live.add(v);
    this.nodesStamp++;
    for (const [key, m] of this.domains) {
      const d = own(v.node.labels, key);
      if (d !== undefined) m.set(d, (m.get(d) ?? 0) + 1);
    }
    for (const p of v.pods) this.count(p, v, 1);
  }

  /** A node stops counting (terminated, or dropped from a simulation). */
  removeView(v: NodeView): void {
    if (!this.live.delete(v)) return;
    this.nodesStamp++;
    for (const [key, m] of this.domains) {
      const d = own(v.node.labels, key);
      if (d === undefined) continue;
      const n = (m.get(d) ?? 0) - 1;
      if (n > 0) m.set(d, n);
      else m.delete(d);
    }
    for (const p of v.pods) this.count(p, v, -1);
  }

  /** The node record changed: labels move its pods between domains. */
  updateNode(v: NodeView, node: NodeRec): void {
    if (!this.live.has(v) || v.node.labels === node.labels) {
      v.node = node;
      return;
    }
    this.removeView(v);
    v.node = node;
    this.addView(v);
  }

  /** A pod landed on `v` (the caller has already added it to v.pods and v.used). */
  podAdded(v: NodeView, p: PodRec): void {
    if (this.live.has(v)) this.count(p, v, 1);
  }

  /** A pod left `v` (the caller has already removed it from v.pods and v.used). */
  podRemoved(v: NodeView, p: PodRec): void {
    if (this.live.has(v)) this.count(p, v, -1);
  }

  /** A pod bound to `v` changed phase (same Pod object): the counts move only when it starts or
   *  stops terminating (spread counters leave terminating pods out). */
  podPhaseChanged(v: NodeView, before: PodRec, after: PodRec): void {
    if (
      before.pod === after.pod &&
      (before.phase === 'Terminating') === (after.phase === 'Terminating')
    )
      return;
    this.podRemoved(v, before);
    this.podAdded(v, after);
  }

  /** The counters selecting `pod` (see `selecting`). */
  private selectingCounters(pod: Pod): readonly Counter[] {
    let e = this.selecting.get(pod);
    if (!e) {
      e = { checked: 0, list: [] };
      this.selecting.set(pod, e);
    }
    const all = this.counterList;
    while (e.checked < all.length) {
      const c = all[e.checked++] as Counter;
      if (c.selects(pod)) e.list.push(c);
    }
    return e.list;
  }

  private count(p: PodRec, v: NodeView, delta: 1 | -1): void {
    const terminating = p.phase === 'Terminating';
    for (const c of this.selectingCounters(p.pod))
      if (!(terminating && c.skipsTerminating)) bump(c, v, delta);
    for (const term of antiTerms(p.pod)) {
      const value = own(v.node.labels, term.topologyKey);
      if (value === undefined) continue;
      const sig = antiSig(term, p.pod);
      let a = this.anti.get(sig);
      if (!a) {
        a = { term, namespaces: termNamespaces(term, p.pod), perDomain: new Map() };
        this.anti.set(sig, a);
        this.antiStamp++;
      }
      const n = (a.perDomain.get(value) ?? 0) + delta;
      if (n > 0) a.perDomain.set(value, n);
      else a.perDomain.delete(value);
    }
  }

  private counter(
    sig: string,
    topologyKey: string,
    selects: (pod: Pod) => boolean,
    skipsTerminating: boolean,
  ): Counter {
    let c = this.counters.get(sig);
    if (!c) {
      const id = this.counters.size;
      c = {
        id,
        topologyKey,
        selects,
        skipsTerminating,
        perNode: new Map(),
        perDomain: new Map(),
        total: 0,
        stamp: 0,
      };
      for (const v of this.live) for (const p of v.pods) if (matches(c, p)) bump(c, v, 1);
      this.counters.set(sig, c);
      this.counterList.push(c);
    }
    return c;
  }

  /** Pods matching a pod's (anti-)affinity term, in every phase (kube-scheduler counts them all). */
  termCounter(term: PodAffinityTerm, owner: Pod): Counter {
    return this.askedBy(term, 'term', term.topologyKey, ns(owner), () => {
      const namespaces = termNamespaces(term, owner);
      const sig = `term\n${term.topologyKey}\n${namespaces.key}\n${keyOf(term.labelSelector)}`;
      const sel = term.labelSelector;
      return this.counter(
        sig,
        term.topologyKey,
        (pod) => namespaces.has(ns(pod)) && selectorMatches(sel, pod.metadata.labels),
        false,
      );
    });
  }

  /** Pods a spread constraint counts: same namespace, selected, not terminating (upstream skips
   *  pods with a deletionTimestamp, though they still hold their node's resources). */
  spreadCounter(topologyKey: string, selector: LabelSelector | undefined, pod: Pod): Counter {
    const namespace = ns(pod);
    return this.askedBy(selector, 'spread', topologyKey, namespace, () => {
      const sig = `spread\n${topologyKey}\n${namespace}\n${keyOf(selector)}`;
      return this.counter(
        sig,
        topologyKey,
        (pod) => ns(pod) === namespace && selectorMatches(selector, pod.metadata.labels),
        true,
      );
    });
  }

  /** The counter last found for `asker` (a term, a spread selector: pods of one template share
   *  them) with the same kind, key and namespace — counters are never dropped — else `find()`'s,
   *  which builds a signature string. A pass asks once per pod tried. */
  private askedBy(
    asker: object | undefined,
    kind: 'term' | 'spread',
    topologyKey: string,
    namespace: string,
    find: () => Counter,
  ): Counter {
    if (asker === undefined) return find();
    const hit = this.asked.get(asker);
    if (
      hit !== undefined &&
      hit.kind === kind &&
      hit.topologyKey === topologyKey &&
      hit.namespace === namespace
    )
      return hit.counter;
    const counter = find();
    this.asked.set(asker, { kind, topologyKey, namespace, counter });
    return counter;
  }
  private readonly asked = new WeakMap<
    object,
    { kind: 'term' | 'spread'; topologyKey: string; namespace: string; counter: Counter }
  >();

  /** Bound pods' anti-affinity terms that select `pod` (what "existing pods anti-affinity" checks). */
  antiSelecting(pod: Pod): AntiTerm[] {
    if (this.lastAnti?.pod === pod && this.lastAnti.stamp === this.antiStamp)
      return this.lastAnti.terms;
    const terms: AntiTerm[] = [];
    for (const a of this.anti.values())
      if (
        a.perDomain.size > 0 &&
        a.namespaces.has(ns(pod)) &&
        selectorMatches(a.term.labelSelector, pod.metadata.labels)
      )
        terms.push(a);
    this.lastAnti = { pod, stamp: this.antiStamp, terms };
    return terms;
  }
  private lastAnti: { pod: Pod; stamp: number; terms: AntiTerm[] } | undefined;

  /**
   * The smallest count over the constraint's domains: every value of `topologyKey` on a live node
   * that passes `eligible` (the nodes the constraint includes), counting 0 where no selected pod runs.
   * Infinity when there is no such domain. `eligibleKey` names `eligible` for the cache.
   */
  spreadMin(c: Counter, eligible: ((n: NodeRec) => boolean) | undefined, eligibleKey: string) {
    if (eligible === undefined) {
      // Every domain counted: the counter's domains are among the live nodes' values (it counts
      // pods on live nodes only), so one without an entry counts 0 — the usual case for a
      // hostname spread over ~1,000 nodes, asked after every bind.
      const domains = this.domainValues(c.topologyKey);
      if (domains.size === 0) return Infinity;
      if (c.perDomain.size < domains.size) return 0;
      let min = Infinity;
      for (const n of c.perDomain.values()) if (n < min) min = n;
      return min;
    }
    const cacheKey = `${c.id}\n${eligibleKey}`;
    const hit = this.minima.get(cacheKey);
    if (hit && hit.stamp === c.stamp && hit.nodes === this.nodesStamp) return hit.min;
    let min = Infinity;
    const counts = new Map<string, number>();
    for (const v of this.live) {
      const d = own(v.node.labels, c.topologyKey);
      if (d === undefined || !eligible(v.node)) continue;
      counts.set(d, (counts.get(d) ?? 0) + (c.perNode.get(v) ?? 0));
    }
    for (const n of counts.values()) min = Math.min(min, n);
    this.minima.set(cacheKey, { stamp: c.stamp, nodes: this.nodesStamp, min });
    return min;
  }

  /** Counts per domain restricted to eligible nodes (only needed when the constraint excludes some). */
  spreadCount(c: Counter, value: string, eligible: ((n: NodeRec) => boolean) | undefined): number {
    if (eligible === undefined) return c.perDomain.get(value) ?? 0;
    let n = 0;
    for (const [v, k] of c.perNode)
      if (own(v.node.labels, c.topologyKey) === value && eligible(v.node)) n += k;
    return n;
  }

  private domainValues(key: string): Map<string, number> {
    let m = this.domains.get(key);
    if (!m) {
      m = new Map();
      for (const v of this.live) {
        const d = own(v.node.labels, key);
        if (d !== undefined) m.set(d, (m.get(d) ?? 0) + 1);
      }
      this.domains.set(key, m);
    }
    return m;
  }
}

function bump(c: Counter, v: NodeView, delta: 1 | -1): void {
  c.stamp++;
  c.total += delta;
  const n = (c.perNode.get(v) ?? 0) + delta;
  if (n > 0) c.perNode.set(v, n);
  else c.perNode.delete(v);
  const d = own(v.node.labels, c.topologyKey);
  if (d === undefined) return;
  const m = (c.perDomain.get(d) ?? 0) + delta;
  if (m > 0) c.perDomain.set(d, m);
  else c.perDomain.delete(d);
}
