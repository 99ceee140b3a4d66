// The RuntimeClass admission controller (Kubernetes plugin "RuntimeClass"): when a pod names a
// runtimeClassName, the API server sets spec.overhead from the class's overhead.podFixed and
// merges the class's scheduling.nodeSelector and tolerations into the pod — before any scheduler
// sees it. So Karpenter (requestsForPod adds spec.overhead) and kube-scheduler both count the
// overhead and honour the constraints, as upstream's "should take pod runtime class into
// consideration" expects. A pod naming a missing class, or whose selector conflicts, is rejected.
import type { PodSpec, RuntimeClass, Toleration } from '../k8s.ts';

export type Admission = { ok: true; spec: PodSpec } | { ok: false; message: string };

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  a.key === b.key &&
  (a.operator ?? 'Equal') === (b.operator ?? 'Equal') &&
  a.value === b.value &&
  a.effect === b.effect;

/** The pod spec after admission; `lookup` finds a RuntimeClass by name. */
export function admitRuntimeClass(
  podName: string,
  spec: PodSpec,
  lookup: (name: string) => RuntimeClass | undefined,
): Admission {
  const name = spec.runtimeClassName;
  if (name === undefined || name === '') return { ok: true, spec };
  const forbidden = (why: string): Admission => ({
    ok: false,
    message: `pods "${podName}" is forbidden: ${why}`,
  });
  const rc = lookup(name);
  if (!rc) return forbidden(`pod rejected: RuntimeClass "${name}" not found`);
  const out: PodSpec = { ...spec };
  const fixed = rc.overhead?.podFixed;
  if (fixed && Object.keys(fixed).length > 0) {
    if (spec.overhead && JSON.stringify(spec.overhead) !== JSON.stringify(fixed))
      return forbidden(
        `pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead`,
      );
    out.overhead = { ...fixed };
  }
  const selector = rc.scheduling?.nodeSelector ?? {};
  for (const [k, v] of Object.entries(selector)) {
    const mine = spec.nodeSelector?.[k];
    if (mine !== undefined && mine !== v)
      return forbidden(
        `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${v}; pod.spec.nodeSelector[${k}] = ${mine}`,
      );
  }
  if (Object.keys(selector).length > 0) out.nodeSelector = { ...spec.nodeSelector, ...selector };
  const extra = (rc.scheduling?.tolerations ?? []).filter(
    (t) => !(spec.tolerations ?? []).some((u) => sameToleration(t, u)),
  );
  if (extra.length > 0) out.tolerations = [...(spec.tolerations ?? []), ...extra];
  return { ok: true, spec: out };
}
