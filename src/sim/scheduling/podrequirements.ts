// A pod's node requirements as Karpenter reads them (pkg/scheduling/requirements.go
// NewPodRequirements): nodeSelector + the FIRST required nodeSelectorTerm (terms are ORed; later
// ones arrive through relaxation) + the heaviest preferred term treated as required (relaxation
// drops it if it cannot be met). Keys are normalized (beta → GA) before any comparison.
import type { NodeSelectorRequirement, Pod, PodSpec } from '../k8s.ts';
import { normalizeLabelKey } from '../labels.ts';
import { Requirement, Requirements } from '../requirements.ts';

function fromSelector(r: NodeSelectorRequirement): Requirement {
  return Requirement.of({
    key: normalizeLabelKey(r.key),
    operator: r.operator,
    values: r.values ?? [],
  });
}

export function nodeSelectorRequirements(
  nodeSelector: Readonly<Record<string, string>> | undefined,
): Requirements {
  const reqs = Requirements.from([]);
  for (const [k, v] of Object.entries(nodeSelector ?? {})) {
    reqs.add(Requirement.of({ key: normalizeLabelKey(k), operator: 'In', values: [v] }));
  }
  return reqs;
}

export function addSelectorTerms(
  reqs: Requirements,
  exprs: readonly NodeSelectorRequirement[] | undefined,
): void {
  for (const e of exprs ?? []) reqs.add(fromSelector(e));
}

/** Preferred node-affinity terms, heaviest first (stable, so equal weights keep their order). */
export function sortedPreferredTerms(pod: Pod) {
  const terms =
    pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return [...terms].sort((a, b) => b.weight - a.weight);
}

/** Per pod spec object (pods are never mutated; a relaxed pod is a new object with a new spec):
 *  every solve and dry run reads the same pods' requirements, and a Deployment's pods share their
 *  template's spec object. build() reads nothing but the spec. */
const cache = new WeakMap<PodSpec, { strict?: Requirements; full?: Requirements }>();

/** strict = required only (NewStrictPodRequirements); otherwise the heaviest preference too.
 *  Read-only for callers (shared per pod spec object). */
export function podRequirements(pod: Pod, strict: boolean): Requirements {
  let c = cache.get(pod.spec);
  if (!c) cache.set(pod.spec, (c = {}));
  const hit = strict ? c.strict : c.full;
  if (hit) return hit;
  const reqs = build(pod, strict);
  if (strict) c.strict = reqs;
  else c.full = reqs;
  return reqs;
}

function build(pod: Pod, strict: boolean): Requirements {
  const reqs = nodeSelectorRequirements(pod.spec.nodeSelector);
  const na = pod.spec.affinity?.nodeAffinity;
  if (!na) return reqs;
  if (!strict) {
    const heaviest = sortedPreferredTerms(pod)[0];
    if (heaviest) addSelectorTerms(reqs, heaviest.preference.matchExpressions);
  }
  const first = na.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0];
  if (first) addSelectorTerms(reqs, first.matchExpressions);
  return reqs;
}

export function hasPreferredNodeAffinity(pod: Pod): boolean {
  return (
    (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ??
      0) > 0
  );
}
