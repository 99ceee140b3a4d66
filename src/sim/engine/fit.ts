// The simulated kube-scheduler's filters (Kubernetes' default plugins, reduced to what the lab
// models): node unschedulable, taints (NoSchedule/NoExecute; PreferNoSchedule only scores), node
// selector + required node affinity (terms ORed, expressions ANDed), resources, host ports,
// required pod (anti-)affinity and DoNotSchedule topology spread. Karpenter's own checks live in
// scheduling/; kube-scheduler is a different component with different rules (e.g. it ORs every
// nodeSelectorTerm at once), which is why this is a separate, small file.
import type {
  LabelSelector,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  Taint,
} from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { untoleratedTaints, formatTaint } from '../scheduling/taints.ts';
import type { NodeRec, PodRec } from './state.ts';
import { own } from '../own.ts';

export interface NodeView {
  node: NodeRec;
  used: Record<string, number>;
  pods: PodRec[];
}

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
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {}))
    if (own(labels, k) !== v) return false;
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => (t.matchExpressions ?? []).every((e) => matchExpression(e, labels)));
}

/** A cordoned node behaves as if it carried this taint (the API server adds it, too). */
export const UNSCHEDULABLE: Taint = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
};

function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])])
    for (const p of c.ports ?? [])
      if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${p.hostPort}`);
  return out;
}

function termMatches(term: PodAffinityTerm, owner: Pod, candidate: Pod): boolean {
  const namespaces = term.namespaces?.length
    ? term.namespaces
    : [owner.metadata.namespace ?? 'default'];
  if (!namespaces.includes(candidate.metadata.namespace ?? 'default')) return false;
  return selectorMatches(term.labelSelector, candidate.metadata.labels);
}

export type FitFailure = string;

/** A kube-scheduler style reason ("Insufficient cpu", "node(s) had untolerated taint {k: v}"), or undefined when the pod fits. */
export function checkFit(
  rec: PodRec,
  view: NodeView,
  all: readonly NodeView[],
): FitFailure | undefined {
  const { node } = view;
  const pod = rec.pod;
  if (node.unschedulable && untoleratedTaints([UNSCHEDULABLE], pod.spec.tolerations).length > 0)
    return 'node(s) were unschedulable';
  const bad = untoleratedTaints(
    node.taints.filter((t) => t.effect !== 'PreferNoSchedule'),
    pod.spec.tolerations,
  );
  if (bad.length > 0) return `node(s) had untolerated taint {${formatTaint(bad[0] as Taint)}}`;
  if (!nodeAffinityMatches(pod, node.labels))
    return "node(s) didn't match Pod's node affinity/selector";
  for (const [k, v] of Object.entries(rec.requests)) {
    if ((view.used[k] ?? 0) + v > (node.allocatable[k] ?? 0))
      return k === 'pods' ? 'Too many pods' : `Insufficient ${k}`;
  }
  const ports = hostPorts(pod);
  if (ports.length > 0) {
    const taken = new Set(view.pods.flatMap((p) => hostPorts(p.pod)));
    if (ports.some((p) => taken.has(p)))
      return "node(s) didn't have free ports for the requested pod ports";
  }
  return checkPodTopology(pod, view, all);
}

function domainPods(all: readonly NodeView[], key: string, value: string | undefined): PodRec[] {
  if (value === undefined) return [];
  return all.filter((v) => own(v.node.labels, key) === value).flatMap((v) => v.pods);
}

function checkPodTopology(
  pod: Pod,
  view: NodeView,
  all: readonly NodeView[],
): FitFailure | undefined {
  const a = pod.spec.affinity;
  for (const term of a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const near = domainPods(all, term.topologyKey, own(view.node.labels, term.topologyKey));
    if (near.some((p) => termMatches(term, pod, p.pod)))
      return "node(s) didn't match pod anti-affinity rules";
  }
  // Inverse: pods already there whose own anti-affinity rejects this pod.
  for (const { rec, node } of antiAffinityPods(all)) {
    for (const term of rec.pod.spec.affinity?.podAntiAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      const value = own(node.labels, term.topologyKey);
      if (
        value !== undefined &&
        own(view.node.labels, term.topologyKey) === value &&
        termMatches(term, rec.pod, pod)
      )
        return "node(s) didn't satisfy existing pods anti-affinity rules";
    }
  }
  for (const term of a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const near = domainPods(all, term.topologyKey, own(view.node.labels, term.topologyKey));
    if (near.some((p) => termMatches(term, pod, p.pod))) continue;
    // A pod that matches its own term may start the group when no match exists anywhere.
    const anywhere = all.some((v) => v.pods.some((p) => termMatches(term, pod, p.pod)));
    if (anywhere || !termMatches(term, pod, pod)) return "node(s) didn't match pod affinity rules";
  }
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
    const value = own(view.node.labels, c.topologyKey);
    if (value === undefined)
      return "node(s) didn't match pod topology spread constraints (missing required label)";
    const counts = new Map<string, number>();
    for (const v of all) {
      const d = own(v.node.labels, c.topologyKey);
      if (d === undefined || !nodeAffinityMatches(pod, v.node.labels)) continue;
      // Terminating pods do not count toward the spread (upstream PodTopologySpread bypasses pods
      // with a deletionTimestamp), though they still hold their node's resources.
      const n = v.pods.filter(
        (p) =>
          p.phase !== 'Terminating' &&
          sameNamespace(p.pod, pod) &&
          selectorMatches(c.labelSelector as LabelSelector | undefined, p.pod.metadata.labels),
      ).length;
      counts.set(d, (counts.get(d) ?? 0) + n);
    }
    const min = Math.min(...counts.values());
    if ((counts.get(value) ?? 0) + 1 - min > c.maxSkew)
      return "node(s) didn't match pod topology spread constraints";
  }
  return undefined;
}

// Bound pods with required anti-affinity, found once per set of views (a scheduling pass) rather
// than once per (pod, node) check.
const antiCache = new WeakMap<readonly NodeView[], { rec: PodRec; node: NodeRec }[]>();
function antiAffinityPods(all: readonly NodeView[]): { rec: PodRec; node: NodeRec }[] {
  let list = antiCache.get(all);
  if (!list) {
    list = [];
    for (const v of all)
      for (const rec of v.pods)
        if (
          rec.pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution
            ?.length
        )
          list.push({ rec, node: v.node });
    antiCache.set(all, list);
  }
  return list;
}

/** Call after binding into `all` so the next check sees the new pod's anti-affinity. */
export function invalidateFitCache(all: readonly NodeView[]): void {
  antiCache.delete(all);
}

function sameNamespace(a: Pod, b: Pod): boolean {
  return (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default');
}

/** Sum of requests, for a node's usage. */
export function addInto(into: Record<string, number>, r: Resources): void {
  for (const k in r) into[k] = (into[k] ?? 0) + (r[k] ?? 0);
}
