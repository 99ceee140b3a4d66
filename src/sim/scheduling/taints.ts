// Taints vs tolerations (core/v1 ToleratesTaint, Karpenter pkg/scheduling/taints.go). Karpenter
// checks every taint, PreferNoSchedule included: a pool tainted PreferNoSchedule is only used once
// relaxation has added a PreferNoSchedule toleration (§1.10), i.e. when nothing else fits.
import type { Taint, Toleration } from '../k8s.ts';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** Every taint is tolerated (untoleratedTaints(...).length === 0, without building the list). */
export function toleratesAll(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): boolean {
  for (const taint of taints) {
    let ok = false;
    for (const t of tolerations ?? []) {
      if (toleratesTaint(t, taint)) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/** The taints none of the tolerations tolerate, in the taints' order. */
export function untoleratedTaints(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): Taint[] {
  const out: Taint[] = [];
  for (const taint of taints) {
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) out.push(taint);
  }
  return out;
}

/** pretty.Taint: "key=value:Effect", or "key:Effect" without a value. */
export function formatTaint(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Karpenter's error text for the first untolerated taint, or undefined when all are tolerated. */
export function taintError(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): string | undefined {
  const bad = untoleratedTaints(taints, tolerations);
  if (bad.length === 0) return undefined;
  return bad.map((t) => `did not tolerate taint (taint=${formatTaint(t)})`).join('; ');
}

// Taints a node carries only while it boots (state/statenode.go: Taints); ignored until initialized.
const EPHEMERAL: readonly Taint[] = [
  { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
  { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
  { key: 'karpenter.sh/unregistered', effect: 'NoExecute' },
];

function sameTaint(a: Taint, b: Taint): boolean {
  // MatchTaint compares key and effect only.
  return a.key === b.key && a.effect === b.effect;
}

export function isEphemeralTaint(t: Taint): boolean {
  return t.key.startsWith('readiness.k8s.io/') || EPHEMERAL.some((e) => sameTaint(e, t));
}

/** The taints a pod must tolerate to use this node: an uninitialized managed node hides its known
 *  ephemeral taints and its NodeClaim's startup taints (§1.11). */
export function effectiveNodeTaints(node: {
  taints: readonly Taint[];
  startupTaints: readonly Taint[];
  initialized: boolean;
  nodePool: string | undefined;
}): Taint[] {
  if (node.initialized || node.nodePool === undefined) return [...node.taints];
  return node.taints.filter(
    (t) => !isEphemeralTaint(t) && !node.startupTaints.some((s) => sameTaint(s, t)),
  );
}
