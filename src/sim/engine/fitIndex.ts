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

export interface NodeView {
  node: NodeRec;
  used: Record<string, number>;
  pods: PodRec[];
}

/** Pods matching one selector, per node and per value of one topology key (live nodes only). */
interface Counter {
  readonly id: number;
  readonly topologyKey: string;
  readonly matches: (p: PodRec) => boolean;
  readonly perNode: Map<NodeView, number>;
  readonly perDomain: Map<string, number>;
  total: number;
  /** Bumped on every change: the key of cached spread minima. */
  stamp: number;
}

/** Bound pods' required anti-affinity terms with the same (key, namespaces, selector). */
interface AntiTerm {
  readonly term: PodAffinityTerm;
  readonly namespaces: readonly string[];
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

/** The namespaces a term applies to: its own list, else the owning pod's namespace. */
export function termNamespaces(term: PodAffinityTerm, owner: Pod): readonly string[] {
  return term.namespaces?.length ? term.namespaces : [ns(owner)];
}

function antiTerms(p: Pod): readonly PodAffinityTerm[] {
  return p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

export class FitIndex {
  /** Live views, in the order they were added. */
  private readonly live = new Set<NodeView>();
  private readonly counters = new Map<string, Counter>();
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
      const d = v.node.labels[key];
      if (d !== undefined) m.set(d, (m.get(d) ?? 0) + 1);
    }
    for (const p of v.pods) this.count(p, v, 1);
  }

  /** A node stops counting (terminated, or dropped from a simulation). */
  removeView(v: NodeView): void {
    if (!this.live.delete(v)) return;
    this.nodesStamp++;
    for (const [key, m] of this.domains) {
      const d = v.node.labels[key];
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

  private count(p: PodRec, v: NodeView, delta: 1 | -1): void {
    for (const c of this.counters.values()) if (c.matches(p)) bump(c, v, delta);
    for (const term of antiTerms(p.pod)) {
      const value = v.node.labels[term.topologyKey];
      if (value === undefined) continue;
      const sig = `${term.topologyKey}\n${termNamespaces(term, p.pod).join(',')}\n${keyOf(term.labelSelector)}`;
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

  private counter(sig: string, topologyKey: string, matches: (p: PodRec) => boolean): Counter {
    let c = this.counters.get(sig);
    if (!c) {
      const id = this.counters.size;
      c = {
        id,
        topologyKey,
        matches,
        perNode: new Map(),
        perDomain: new Map(),
        total: 0,
        stamp: 0,
      };
      for (const v of this.live) for (const p of v.pods) if (matches(p)) bump(c, v, 1);
      this.counters.set(sig, c);
    }
    return c;
  }

  /** Pods matching a pod's (anti-)affinity term, in every phase (kube-scheduler counts them all). */
  termCounter(term: PodAffinityTerm, owner: Pod): Counter {
    const namespaces = termNamespaces(term, owner);
    const sig = `term\n${term.topologyKey}\n${namespaces.join(',')}\n${keyOf(term.labelSelector)}`;
    const sel = term.labelSelector;
    return this.counter(
      sig,
      term.topologyKey,
      (p) => namespaces.includes(ns(p.pod)) && selectorMatches(sel, p.pod.metadata.labels),
    );
  }

  /** Pods a spread constraint counts: same namespace, selected, not terminating (upstream skips
   *  pods with a deletionTimestamp, though they still hold their node's resources). */
  spreadCounter(topologyKey: string, selector: LabelSelector | undefined, pod: Pod): Counter {
    const namespace = ns(pod);
    const sig = `spread\n${topologyKey}\n${namespace}\n${keyOf(selector)}`;
    return this.counter(
      sig,
      topologyKey,
      (p) =>
        p.phase !== 'Terminating' &&
        ns(p.pod) === namespace &&
        selectorMatches(selector, p.pod.metadata.labels),
    );
  }

  /** Bound pods' anti-affinity terms that select `pod` (what "existing pods anti-affinity" checks). */
  antiSelecting(pod: Pod): AntiTerm[] {
    if (this.lastAnti?.pod === pod && this.lastAnti.stamp === this.antiStamp)
      return this.lastAnti.terms;
    const terms: AntiTerm[] = [];
    for (const a of this.anti.values())
      if (
        a.perDomain.size > 0 &&
        a.namespaces.includes(ns(pod)) &&
        selectorMatches(a.term.labelSelector, pod.metadata.labels)
      )
        terms.push(a);
    this.lastAnti = { pod, stamp: this.antiStamp, terms };
    return terms;
  }
  private lastAnti: { pod: Pod; stamp: number; terms: AntiTerm[] } | undefined;

  /**
   * The smallest count over the constraint's domains: every value of `topologyKey` on a live node
   * that passes `eligible` (the pod's node affinity), counting 0 where no selected pod runs.
   * Infinity when there is no such domain. `eligibleKey` names `eligible` for the cache.
   */
  spreadMin(c: Counter, eligible: ((n: NodeRec) => boolean) | undefined, eligibleKey: string) {
    const cacheKey = `${c.id}\n${eligibleKey}`;
    const hit = this.minima.get(cacheKey);
    if (hit && hit.stamp === c.stamp && hit.nodes === this.nodesStamp) return hit.min;
    let min = Infinity;
    if (eligible === undefined) {
      for (const d of this.domainValues(c.topologyKey).keys())
        min = Math.min(min, c.perDomain.get(d) ?? 0);
    } else {
      const counts = new Map<string, number>();
      for (const v of this.live) {
        const d = v.node.labels[c.topologyKey];
        if (d === undefined || !eligible(v.node)) continue;
        counts.set(d, (counts.get(d) ?? 0) + (c.perNode.get(v) ?? 0));
      }
      for (const n of counts.values()) min = Math.min(min, n);
    }
    this.minima.set(cacheKey, { stamp: c.stamp, nodes: this.nodesStamp, min });
    return min;
  }

  /** Counts per domain restricted to eligible nodes (only needed when the pod has node affinity). */
  spreadCount(c: Counter, value: string, eligible: ((n: NodeRec) => boolean) | undefined): number {
    if (eligible === undefined) return c.perDomain.get(value) ?? 0;
    let n = 0;
    for (const [v, k] of c.perNode)
      if (v.node.labels[c.topologyKey] === value && eligible(v.node)) n += k;
    return n;
  }

  private domainValues(key: string): Map<string, number> {
    let m = this.domains.get(key);
    if (!m) {
      m = new Map();
      for (const v of this.live) {
        const d = v.node.labels[key];
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
  const d = v.node.labels[c.topologyKey];
  if (d === undefined) return;
  const m = (c.perDomain.get(d) ?? 0) + delta;
  if (m > 0) c.perDomain.set(d, m);
  else c.perDomain.delete(d);
}
