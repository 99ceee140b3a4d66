// What topology groups a pod takes part in (topology.go newForTopologies / newForAffinities /
// updateInverseAntiAffinity), as plain descriptions; Topology turns each into a shared group.
import type { LabelSelector, Pod, PodAffinityTerm, PodSpec } from '../../k8s.ts';
import { selectorMatches } from '../selectors.ts';
import { groupHash, type TopologyType } from './group.ts';
import { NO_FILTER, spreadFilterKey, spreadNodeFilter, type NodeFilter } from './nodefilter.ts';
import { own } from '../../own.ts';

export interface GroupSpec {
  type: TopologyType;
  key: string;
  namespaces: Set<string>;
  selector: LabelSelector | undefined;
  maxSkew: number;
  minDomains: number | undefined;
  /** Built only when the group is new: most pods share groups. */
  filter: () => NodeFilter;
  hash: string;
}

// Affinity groups have no skew; upstream passes MaxInt32.
const MAX_SKEW = 2 ** 31 - 1;

export function ns(p: Pod): string {
  return p.metadata.namespace ?? 'default';
}

export function uid(p: Pod): string {
  return p.metadata.uid ?? '';
}

/** Pods that no longer occupy their node do not count (IgnoredForTopology). */
export function ignoredForTopology(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || p.metadata.deletionTimestamp !== undefined;
}

export function required(p: Pod): readonly PodAffinityTerm[] {
  return p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

export function hasRequiredAntiAffinity(p: Pod): boolean {
  return required(p).length > 0;
}

export function hasAnyAntiAffinity(p: Pod): boolean {
  const preferred =
    p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return hasRequiredAntiAffinity(p) || (preferred?.length ?? 0) > 0;
}

/**
 * buildNamespaceList: the pod's own namespace, the listed ones, or those a namespaceSelector picks.
 * The lab has no Namespace objects, so a selector is matched against the namespaces it has seen,
 * each carrying only its automatic kubernetes.io/metadata.name label.
 */
function termNamespaces(p: Pod, term: PodAffinityTerm, known: ReadonlySet<string>): Set<string> {
  const listed = term.namespaces ?? [];
  if (!term.namespaceSelector) return new Set(listed.length > 0 ? listed : [ns(p)]);
  const sel = term.namespaceSelector;
  const picked = [...known].filter((n) =>
    selectorMatches(sel, { 'kubernetes.io/metadata.name': n }),
  );
  return new Set([...listed, ...picked]);
}

function termSpec(
  type: TopologyType,
  p: Pod,
  t: PodAffinityTerm,
  known: ReadonlySet<string>,
): GroupSpec {
  const namespaces = termNamespaces(p, t, known);
  return {
    type,
    key: t.topologyKey,
    namespaces,
    selector: t.labelSelector,
    maxSkew: MAX_SKEW,
    minDomains: undefined,
    filter: () => NO_FILTER,
    hash: groupHash(type, t.topologyKey, namespaces, MAX_SKEW, NO_FILTER.key, t.labelSelector),
  };
}

/** inverseSpecs per bound pod object whose terms name no namespaceSelector (then they do not
 *  depend on the namespaces seen): every solve re-reads every anti-affinity pod of the cluster. */
const inverseCache = new WeakMap<Pod, readonly GroupSpec[]>();

/** The required anti-affinity terms, as the groups that repel other pods from this one. Read-only
 *  for callers (shared between solves). */
export function inverseSpecs(p: Pod, known: ReadonlySet<string>): readonly GroupSpec[] {
  const hit = inverseCache.get(p);
  if (hit) return hit;
  const terms = required(p);
  const specs = terms.map((t) => termSpec('pod anti-affinity', p, t, known));
  if (terms.every((t) => !t.namespaceSelector)) inverseCache.set(p, specs);
  return specs;
}

export function spreadSpecs(p: Pod, ignorePreferences: boolean): GroupSpec[] {
  const out: GroupSpec[] = [];
  for (const tsc of p.spec.topologySpreadConstraints ?? []) {
    if (ignorePreferences && tsc.whenUnsatisfiable !== 'DoNotSchedule') continue;
    let selector = tsc.labelSelector;
    // matchLabelKeys: the pod's own values for those keys narrow the selector.
    for (const key of tsc.matchLabelKeys ?? []) {
      const v = own(p.metadata.labels, key);
      if (v === undefined) continue;
      const exprs = [
        ...(selector?.matchExpressions ?? []),
        { key, operator: 'In' as const, values: [v] },
      ];
      selector = { ...selector, matchExpressions: exprs };
    }
    const taints = tsc.nodeTaintsPolicy ?? 'Ignore';
    const affinity = tsc.nodeAffinityPolicy ?? 'Honor';
    const namespaces = new Set([ns(p)]);
    const filterKey = spreadFilterKey(p, taints, affinity);
    out.push({
      type: 'topology spread',
      key: tsc.topologyKey,
      namespaces,
      selector,
      maxSkew: tsc.maxSkew,
      minDomains: tsc.minDomains,
      filter: () => spreadNodeFilter(p, taints, affinity),
      hash: groupHash(
        'topology spread',
        tsc.topologyKey,
        namespaces,
        tsc.maxSkew,
        filterKey,
        selector,
      ),
    });
  }
  return out;
}

export function affinitySpecs(
  p: Pod,
  ignorePreferences: boolean,
  known: ReadonlySet<string>,
): GroupSpec[] {
  const a = p.spec.affinity;
  const pref = (w: { podAffinityTerm: PodAffinityTerm }[] | undefined) =>
    ignorePreferences ? [] : (w ?? []).map((x) => x.podAffinityTerm);
  const affinity = [
    ...(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...pref(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  ];
  const anti = [
    ...(a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...pref(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  ];
  return [
    ...affinity.map((t) => termSpec('pod affinity', p, t, known)),
    ...anti.map((t) => termSpec('pod anti-affinity', p, t, known)),
  ];
}

/** spreadSpecs then affinitySpecs per pod object and policy, when no affinity term has a
 *  namespaceSelector (then they do not depend on the namespaces seen): a disruption pass hands the
 *  same pod objects to every dry run, and a cached spec keeps its hash string (hashed once). */
const podCache = new WeakMap<Pod, SpecLists>();

interface SpecLists {
  respect?: readonly GroupSpec[];
  ignore?: readonly GroupSpec[];
}

/** The same per pod spec object and namespace, when no spread constraint names matchLabelKeys
 *  either (then the specs read nothing of the pod but its spec and namespace): a Deployment's
 *  pods share their template's spec object, so its 1,000 pods build their specs once. */
const specCache = new WeakMap<PodSpec, { shared: boolean; byNamespace: Map<string, SpecLists> }>();

/** podSpecs per spec object can be turned off, for the test that compares it with per pod. */
export const specsPerPodSpec = { enabled: true };

function sharedLists(p: Pod): SpecLists | undefined {
  if (!specsPerPodSpec.enabled) return undefined;
  let c = specCache.get(p.spec);
  if (!c) {
    const shared = !usesNamespaceSelector(p) && !usesMatchLabelKeys(p);
    specCache.set(p.spec, (c = { shared, byNamespace: new Map() }));
  }
  if (!c.shared) return undefined;
  let lists = c.byNamespace.get(ns(p));
  if (!lists) c.byNamespace.set(ns(p), (lists = {}));
  return lists;
}

/** The groups the pod owns, as descriptions. Read-only for callers (shared between solves). */
export function podSpecs(
  p: Pod,
  ignorePreferences: boolean,
  known: ReadonlySet<string>,
): readonly GroupSpec[] {
  let c = podCache.get(p);
  const hit = ignorePreferences ? c?.ignore : c?.respect;
  if (hit) return hit;
  const lists = sharedLists(p);
  let specs = ignorePreferences ? lists?.ignore : lists?.respect;
  if (!specs) {
    const spread = spreadSpecs(p, ignorePreferences);
    const affinity = affinitySpecs(p, ignorePreferences, known);
    specs = spread.length === 0 ? affinity : [...spread, ...affinity];
    if (lists) {
      if (ignorePreferences) lists.ignore = specs;
      else lists.respect = specs;
    }
  }
  if (lists || !usesNamespaceSelector(p)) {
    if (!c) podCache.set(p, (c = {}));
    if (ignorePreferences) c.ignore = specs;
    else c.respect = specs;
  }
  return specs;
}

function usesMatchLabelKeys(p: Pod): boolean {
  return (p.spec.topologySpreadConstraints ?? []).some((t) => (t.matchLabelKeys ?? []).length > 0);
}

function usesNamespaceSelector(p: Pod): boolean {
  const a = p.spec.affinity;
  const terms = [
    ...(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (w) => w.podAffinityTerm,
    ),
    ...(a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (w) => w.podAffinityTerm,
    ),
  ];
  return terms.some((t) => t.namespaceSelector !== undefined);
}

/** One string per distinct list of group hashes (keys are compared by identity). */
const keys = new Map<string, string>();
const keyOf = new WeakMap<readonly GroupSpec[], string>();

/** The hashes of a spec list, as one string shared by every list naming the same groups in the
 *  same order: pods of one Deployment then share what is derived from their groups. */
export function specsKey(specs: readonly GroupSpec[]): string {
  let k = keyOf.get(specs);
  if (k !== undefined) return k;
  const text = specs.map((s) => s.hash).join('\u0001');
  k = keys.get(text);
  if (k === undefined) {
    if (keys.size >= 65_536) keys.clear();
    keys.set(text, (k = text));
  }
  keyOf.set(specs, k);
  return k;
}
