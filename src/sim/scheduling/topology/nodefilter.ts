// Which nodes a topology spread constraint counts (nodeAffinityPolicy / nodeTaintsPolicy,
// scheduling/topologynodefilter.go). Affinity groups carry the zero filter: every node counts.
import type { Pod, Taint, Toleration } from '../../k8s.ts';
import type { Requirements } from '../../requirements.ts';
import { addSelectorTerms, nodeSelectorRequirements } from '../podrequirements.ts';
import { toleratesAll } from '../taints.ts';

export type InclusionPolicy = 'Honor' | 'Ignore' | '';

export interface NodeFilter {
  /** One alternative per required nodeSelectorTerm (each with the nodeSelector); [] = match all. */
  readonly requirements: readonly Requirements[];
  readonly taintPolicy: InclusionPolicy;
  readonly affinityPolicy: InclusionPolicy;
  readonly tolerations: readonly Toleration[];
  /** Stable identity for group hashing. */
  readonly key: string;
}

export const NO_FILTER: NodeFilter = {
  requirements: [],
  taintPolicy: '',
  affinityPolicy: '',
  tolerations: [],
  key: '',
};

/** The filter's identity, from the pod spec alone (cheap: no requirements are built). */
export function spreadFilterKey(
  pod: Pod,
  taintPolicy: InclusionPolicy,
  affinityPolicy: InclusionPolicy,
): string {
  return JSON.stringify([
    taintPolicy,
    affinityPolicy,
    pod.spec.nodeSelector ?? {},
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? null,
    taintPolicy === 'Honor' ? (pod.spec.tolerations ?? []) : [],
  ]);
}

export function spreadNodeFilter(
  pod: Pod,
  taintPolicy: InclusionPolicy,
  affinityPolicy: InclusionPolicy,
): NodeFilter {
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  const requirements: Requirements[] = [];
  if (!terms) {
    requirements.push(nodeSelectorRequirements(pod.spec.nodeSelector));
  } else {
    for (const term of terms) {
      const r = nodeSelectorRequirements(pod.spec.nodeSelector);
      addSelectorTerms(r, term.matchExpressions);
      requirements.push(r);
    }
  }
  const tolerations = pod.spec.tolerations ?? [];
  const key = spreadFilterKey(pod, taintPolicy, affinityPolicy);
  return { requirements, taintPolicy, affinityPolicy, tolerations, key };
}

export function filterMatches(
  f: NodeFilter,
  taints: readonly Taint[],
  reqs: Requirements,
): boolean {
  if (f.affinityPolicy === 'Honor' && f.requirements.length > 0) {
    if (!f.requirements.some((r) => reqs.compatible(r) === undefined)) return false;
  }
  if (f.taintPolicy === 'Honor' && !toleratesAll(taints, f.tolerations)) return false;
  return true;
}
