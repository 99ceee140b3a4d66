// Preference relaxation (§1.10, scheduling/preferences.go). Each call applies the FIRST step that
// changes something and returns the relaxed copy; the caller retries placement after every step.
// Pods are never mutated: the solve keeps the original, unrelaxed spec for the next pass.
import type { Affinity, Pod, PodSpec, Toleration } from '../k8s.ts';

export interface Relaxation {
  pod: Pod;
  reason: string;
}

function withSpec(pod: Pod, spec: Partial<PodSpec>): Pod {
  return { ...pod, spec: { ...pod.spec, ...spec } };
}

function withAffinity(pod: Pod, affinity: Affinity): Pod {
  return withSpec(pod, { affinity });
}

function byWeightDesc<T extends { weight: number }>(terms: readonly T[]): T[] {
  return [...terms].sort((a, b) => b.weight - a.weight);
}

function removeRequiredNodeAffinityTerm(pod: Pod): Relaxation | undefined {
  const na = pod.spec.affinity?.nodeAffinity;
  const terms = na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (!na || terms.length <= 1) return undefined;
  return {
    pod: withAffinity(pod, {
      ...pod.spec.affinity,
      nodeAffinity: {
        ...na,
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.slice(1) },
      },
    }),
    reason: `removing: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]=${JSON.stringify(terms[0])}`,
  };
}

function removePreferredPodTerm(
  pod: Pod,
  which: 'podAffinity' | 'podAntiAffinity',
): Relaxation | undefined {
  const pa = pod.spec.affinity?.[which];
  const terms = pa?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (!pa || terms.length === 0) return undefined;
  const sorted = byWeightDesc(terms);
  return {
    pod: withAffinity(pod, {
      ...pod.spec.affinity,
      [which]: { ...pa, preferredDuringSchedulingIgnoredDuringExecution: sorted.slice(1) },
    }),
    reason: `removing: spec.affinity.${which}.preferredDuringSchedulingIgnoredDuringExecution[0]=${JSON.stringify(sorted[0])}`,
  };
}

function removePreferredNodeAffinityTerm(pod: Pod): Relaxation | undefined {
  const na = pod.spec.affinity?.nodeAffinity;
  const terms = na?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (!na || terms.length === 0) return undefined;
  const sorted = byWeightDesc(terms);
  return {
    pod: withAffinity(pod, {
      ...pod.spec.affinity,
      nodeAffinity: { ...na, preferredDuringSchedulingIgnoredDuringExecution: sorted.slice(1) },
    }),
    reason: `removing: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]=${JSON.stringify(sorted[0])}`,
  };
}

function removeScheduleAnywaySpread(pod: Pod): Relaxation | undefined {
  const tscs = pod.spec.topologySpreadConstraints ?? [];
  const i = tscs.findIndex((t) => t.whenUnsatisfiable === 'ScheduleAnyway');
  if (i < 0) return undefined;
  // Karpenter swaps the last constraint into the hole; order matters for later relaxations.
  const next = [...tscs];
  const last = next.pop();
  if (last && i < next.length) next[i] = last;
  return {
    pod: withSpec(pod, { topologySpreadConstraints: next }),
    reason: `removing: spec.topologySpreadConstraints = ${JSON.stringify(tscs[i])}`,
  };
}

const PREFER_NO_SCHEDULE: Toleration = { operator: 'Exists', effect: 'PreferNoSchedule' };

export function toleratePreferNoSchedule(pod: Pod): Relaxation | undefined {
  // MatchToleration: an identical toleration is already there.
  if (
    (pod.spec.tolerations ?? []).some(
      (t) => t.operator === 'Exists' && !t.key && t.effect === 'PreferNoSchedule',
    )
  ) {
    return undefined;
  }
  return {
    pod: withSpec(pod, { tolerations: [...(pod.spec.tolerations ?? []), PREFER_NO_SCHEDULE] }),
    reason: 'adding: toleration for PreferNoSchedule taints',
  };
}

/** One relaxation step, or undefined when nothing is left to relax. */
export function relax(pod: Pod, toleratePreferNoScheduleTaints: boolean): Relaxation | undefined {
  return (
    removeRequiredNodeAffinityTerm(pod) ??
    removePreferredPodTerm(pod, 'podAffinity') ??
    removePreferredPodTerm(pod, 'podAntiAffinity') ??
    removePreferredNodeAffinityTerm(pod) ??
    removeScheduleAnywaySpread(pod) ??
    (toleratePreferNoScheduleTaints ? toleratePreferNoSchedule(pod) : undefined)
  );
}
