// The simulated kube-scheduler's filters (Kubernetes' default plugins, reduced to what the lab
// models): node unschedulable, taints (NoSchedule/NoExecute; PreferNoSchedule only scores), node
// selector + required node affinity (terms ORed, expressions ANDed), resources, host ports,
// required pod (anti-)affinity and DoNotSchedule topology spread. Karpenter's own checks live in
// scheduling/; kube-scheduler is a different component with different rules (e.g. it ORs every
// nodeSelectorTerm at once), which is why this is a separate, small file.
import type { LabelSelector, NodeSelectorRequirement, Pod, Taint } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { untoleratedTaints } from '../scheduling/taints.ts';
import { FitIndex, termNamespaces, type Counter, type NodeView } from './fitIndex.ts';
import type { NodeRec, PodRec } from './state.ts';
import { own } from '../own.ts';

export type { NodeView } from './fitIndex.ts';

function matchExpression(
  r: NodeSelectorRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const v = own(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Gte':
    case 'Lt':
    case 'Lte': {
      if (v === undefined || !/^-?\d+$/.test(v)) return false;
      const n = Number(v);
      const bound = Number(values[0]);
      if (r.operator === 'Gt') return n > bound;
      if (r.operator === 'Gte') return n >= bound;
      if (r.operator === 'Lt') return n < bound;
      return n <= bound;
    }
  }
}

export function nodeAffinityMatches(pod: Pod, labels: Readonly<Record<string, string>>): boolean {
  // Asked per (pending pod, node) by kube-scheduler passes: no entries array (a boolean, so the
  // key order does not matter).
  const selector = pod.spec.nodeSelector;
  if (selector) for (const k in selector) if (own(labels, k) !== selector[k]) return false;
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return anyTermMatches(terms, labels);
}

/** NodeSelectorTerms as the API defines them everywhere (pod affinity, PV node affinity, a
 *  StorageClass's allowedTopologies): terms ORed, a term's expressions ANDed. */
export function anyTermMatches(
  terms: readonly { readonly matchExpressions?: readonly NodeSelectorRequirement[] | undefined }[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return terms.some((t) => (t.matchExpressions ?? []).every((e) => matchExpression(e, labels)));
}

/** A cordoned node behaves as if it carried this taint (the API server adds it, too). */
export const UNSCHEDULABLE: Taint = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
};

const NO_PORTS: readonly string[] = [];

/** The pod's host ports as "protocol/ip/port"; most pods have none (no array built then). */
function hostPorts(pod: Pod): readonly string[] {
  return portsOf(pod.spec.initContainers, portsOf(pod.spec.containers, undefined)) ?? NO_PORTS;
}

function portsOf(
  containers: Pod['spec']['containers'] | undefined,
  out: string[] | undefined,
): string[] | undefined {
  if (!containers) return out;
  for (const c of containers) {
    if (!c.ports) continue;
    for (const p of c.ports)
      if (p.hostPort)
        (out ??= []).push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${p.hostPort}`);
  }
  return out;
}

export type FitFailure = string;

/** A kube-scheduler style reason ("Insufficient cpu", "node(s) had untolerated taint {k: v}"), or undefined when the pod fits. */
export function checkFit(
  rec: PodRec,
  view: NodeView,
  all: readonly NodeView[] | FitIndex,
  /** Filters that run after ports and before topology (kube-scheduler's volume plugins). */
  volumes?: (view: NodeView) => FitFailure | undefined,
): FitFailure | undefined {
  return fitChecker(rec, all, volumes)(view);
}

/**
 * checkFit for one pod against any number of `all`'s views while neither the views nor `all`
 * change (a kube-scheduler pass tries a pod on every usable node): what depends only on the pod —
 * its host ports, whether it tolerates a cordon, its topology counters and spread minima — is
 * worked out once, on first need, instead of per node.
 */
export function fitChecker(
  rec: PodRec,
  all: readonly NodeView[] | FitIndex,
  volumes?: (view: NodeView) => FitFailure | undefined,
): (view: NodeView) => FitFailure | undefined {
  const pod = rec.pod;
  let toleratesCordon: boolean | undefined;
  let requests: readonly Request[] | undefined;
  let ports: readonly string[] | undefined;
  let topology: PodTopology | undefined;
  return (view) => {
    const { node } = view;
    if (
      node.unschedulable &&
      !(toleratesCordon ??= untoleratedTaints([UNSCHEDULABLE], pod.spec.tolerations).length === 0)
    )
      return 'node(s) were unschedulable';
    // Runs for every (pending pod, usable node) pair a pass tries: no arrays for the common case.
    if (node.taints.length > 0) {
      const bad = untoleratedTaints(
        node.taints.filter((t) => t.effect !== 'PreferNoSchedule'),
        pod.spec.tolerations,
      );
      // kube-scheduler's wording (tainttoleration/taint_toleration.go, Filter): key and value,
      // not Karpenter's key=value:Effect (the lab printed the latter).
      const t = bad[0];
      if (t) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
    }
    if (!nodeAffinityMatches(pod, node.labels))
      return "node(s) didn't match Pod's node affinity/selector";
    requests ??= requestList(rec.requests);
    for (const r of requests)
      if ((view.used[r.key] ?? 0) + r.amount > (node.allocatable[r.key] ?? 0)) return r.failure;
    ports ??= hostPorts(pod);
    if (ports.length > 0) {
      const taken = new Set(view.pods.flatMap((p) => hostPorts(p.pod)));
      if (ports.some((p) => taken.has(p)))
        return "node(s) didn't have free ports for the requested pod ports";
    }
    const v = volumes?.(view);
    if (v !== undefined) return v;
    topology ??= podTopology(pod, indexFor(all));
    return checkPodTopology(topology, view);
  };
}

interface Request {
  readonly key: string;
  readonly amount: number;
  /** kube-scheduler's reason when the node lacks room for it. */
  readonly failure: FitFailure;
}

/** A pod's requests in the order of its own keys (Object.entries'), with their failure texts. */
function requestList(requests: PodRec['requests']): Request[] {
  const out: Request[] = [];
  for (const key in requests) {
    const amount = requests[key] as number; // own keys of a plain record
    out.push({ key, amount, failure: key === 'pods' ? 'Too many pods' : `Insufficient ${key}` });
  }
  return out;
}

/** A pod's required pod (anti-)affinity and DoNotSchedule spread, resolved against one index. */
interface PodTopology {
  readonly pod: Pod;
  readonly index: FitIndex;
  /** The pod's own anti-affinity terms. */
  readonly anti: readonly { readonly key: string; readonly counter: Counter }[];
  /** Bound pods' anti-affinity terms that select the pod: asked at the first node that passes
   *  the pod's own terms, as the per-node check did (FitIndex caches the answer per pod). */
  antiSelecting: ReturnType<FitIndex['antiSelecting']> | undefined;
  /** The pod's affinity terms; `self`: the pod matches its own term (may start the group). */
  readonly affinity: readonly { key: string; counter: Counter; self: boolean }[];
  /** `self`: 1 when the constraint's selector matches the pod itself (selfMatchNum), else 0.
   *  `included`: the nodes whose domains and pods the constraint counts (undefined: every node). */
  readonly spread: readonly {
    key: string;
    maxSkew: number;
    counter: Counter;
    min: number;
    self: number;
    included: ((n: NodeRec) => boolean) | undefined;
  }[];
}

function podTopology(pod: Pod, index: FitIndex): PodTopology {
  const a = pod.spec.affinity;
  return {
    pod,
    index,
    anti: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (term) => ({ key: term.topologyKey, counter: index.termCounter(term, pod) }),
    ),
    antiSelecting: undefined,
    affinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (term) => ({
        key: term.topologyKey,
        counter: index.termCounter(term, pod),
        self:
          termNamespaces(term, pod).has(pod.metadata.namespace ?? 'default') &&
          selectorMatches(term.labelSelector, pod.metadata.labels),
      }),
    ),
    spread: (pod.spec.topologySpreadConstraints ?? [])
      .filter((c) => c.whenUnsatisfiable === 'DoNotSchedule')
      .map((c) => {
        const counter = index.spreadCounter(c.topologyKey, spreadSelector(c, pod), pod);
        const { included, key } = inclusion(pod, c);
        return {
          key: c.topologyKey,
          maxSkew: c.maxSkew,
          counter,
          min: index.spreadMin(counter, included, key),
          // The pod counts towards the skew only if it is one of the pods the constraint spreads
          // (kube-scheduler's selfMatchNum); a pod spread against other pods adds nothing.
          self: selectorMatches(c.labelSelector, pod.metadata.labels) ? 1 : 0,
          included,
        };
      }),
  };
}

type Spread = NonNullable<Pod['spec']['topologySpreadConstraints']>[number];

/**
 * The pods a spread constraint counts: its labelSelector, narrowed by matchLabelKeys to the
 * pod's own values of those keys (a key the pod lacks adds nothing). kube-scheduler has done so
 * since Kubernetes 1.27 (podtopologyspread/common.go, filterTopologySpreadConstraints); the lab's
 * kube-scheduler used the labelSelector alone while Karpenter's solve narrowed it.
 */
function spreadSelector(c: Spread, pod: Pod): LabelSelector | undefined {
  const selector = c.labelSelector as LabelSelector | undefined;
  const keys = c.matchLabelKeys ?? [];
  if (selector === undefined || keys.length === 0) return selector;
  const labels = pod.metadata.labels ?? {};
  const extra = keys.flatMap((k) => {
    const v = own(labels, k);
    return v === undefined ? [] : [{ key: k, operator: 'In' as const, values: [v] }];
  });
  if (extra.length === 0) return selector;
  return { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...extra] };
}

/**
 * The nodes a spread constraint counts, kube-scheduler's matchNodeInclusionPolicies
 * (podtopologyspread/common.go): with nodeAffinityPolicy Honor (the default) only nodes the pod's
 * nodeSelector and required node affinity admit; with nodeTaintsPolicy Honor (default Ignore)
 * only nodes whose NoSchedule/NoExecute taints the pod tolerates (a cordon is such a taint).
 * The lab's kube-scheduler always applied the affinity and never the taints, so it refused the
 * nodes Karpenter had nominated under Honor (topology_test.go, NodeTaintsPolicy). `key` names the
 * filter for the index's cache; undefined counts every node.
 */
function inclusion(
  pod: Pod,
  c: Spread,
): { included: ((n: NodeRec) => boolean) | undefined; key: string } {
  const affinity = c.nodeAffinityPolicy !== 'Ignore' && hasNodeAffinity(pod);
  const taints = c.nodeTaintsPolicy === 'Honor';
  if (!affinity && !taints) return { included: undefined, key: '' };
  const tolerated = (n: NodeRec): boolean =>
    (!n.unschedulable || untoleratedTaints([UNSCHEDULABLE], pod.spec.tolerations).length === 0) &&
    untoleratedTaints(
      n.taints.filter((t) => t.effect !== 'PreferNoSchedule'),
      pod.spec.tolerations,
    ).length === 0;
  return {
    included: (n) => (!affinity || nodeAffinityMatches(pod, n.labels)) && (!taints || tolerated(n)),
    key: JSON.stringify([
      affinity ? affinityKey(pod) : null,
      taints ? (pod.spec.tolerations ?? []) : null,
    ]),
  };
}

function checkPodTopology(t: PodTopology, view: NodeView): FitFailure | undefined {
  const labels = view.node.labels;
  for (const { key, counter } of t.anti) {
    const value = own(labels, key);
    if (value !== undefined && (counter.perDomain.get(value) ?? 0) > 0)
      return "node(s) didn't match pod anti-affinity rules";
  }
  // Inverse: pods already there whose own anti-affinity rejects this pod.
  for (const anti of (t.antiSelecting ??= t.index.antiSelecting(t.pod))) {
    const value = own(labels, anti.term.topologyKey);
    if (value !== undefined && (anti.perDomain.get(value) ?? 0) > 0)
      return "node(s) didn't satisfy existing pods anti-affinity rules";
  }
  for (const { key, counter, self } of t.affinity) {
    const value = own(labels, key);
    if (value !== undefined && (counter.perDomain.get(value) ?? 0) > 0) continue;
    // A pod that matches its own term may start the group when no match exists anywhere.
    if (counter.total > 0 || !self) return "node(s) didn't match pod affinity rules";
  }
  for (const { key, maxSkew, counter, min, self, included } of t.spread) {
    const value = own(labels, key);
    if (value === undefined)
      return "node(s) didn't match pod topology spread constraints (missing required label)";
    if (t.index.spreadCount(counter, value, included) + self - min > maxSkew)
      return "node(s) didn't match pod topology spread constraints";
  }
  return undefined;
}

function hasNodeAffinity(pod: Pod): boolean {
  for (const _ in pod.spec.nodeSelector ?? {}) return true;
  return (
    (pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms?.length ?? 0) > 0
  );
}

function affinityKey(pod: Pod): string {
  return JSON.stringify([
    pod.spec.nodeSelector ?? {},
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
  ]);
}

// One index per set of views (the Cluster Autoscaler model's simulations): built on the first
// check, then kept in step by whoever changes the views (placeInto / unplaceFrom / addViewTo).
const indexes = new WeakMap<readonly NodeView[], FitIndex>();
function indexFor(all: readonly NodeView[] | FitIndex): FitIndex {
  if (all instanceof FitIndex) return all;
  let ix = indexes.get(all);
  if (!ix) {
    ix = FitIndex.over(all);
    indexes.set(all, ix);
  }
  return ix;
}

/** A simulation puts `p` on `v` (one of `all`): usage, pod list, and the index of `all`. */
export function placeInto(all: readonly NodeView[], p: PodRec, v: NodeView): void {
  addInto(v.used, p.requests);
  v.pods.push(p);
  indexes.get(all)?.podAdded(v, p);
}

/** Undoes placeInto. */
export function unplaceFrom(all: readonly NodeView[], p: PodRec, v: NodeView): void {
  for (const k in p.requests) v.used[k] = (v.used[k] ?? 0) - (p.requests[k] ?? 0);
  const i = v.pods.lastIndexOf(p);
  if (i < 0) return;
  v.pods.splice(i, 1);
  indexes.get(all)?.podRemoved(v, p);
}

/** A simulation adds a node (a template copy) to `all`. */
export function addViewTo(all: NodeView[], v: NodeView): void {
  all.push(v);
  indexes.get(all)?.addView(v);
}

/** Forget the index of `all` (the views changed in a way the index was not told of). */
export function invalidateFitCache(all: readonly NodeView[]): void {
  indexes.delete(all);
}

/** Sum of requests, for a node's usage. */
export function addInto(into: Record<string, number>, r: Resources): void {
  for (const k in r) into[k] = (into[k] ?? 0) + (r[k] ?? 0);
}
