// The Eviction API's PodDisruptionBudget check: what `kubectl drain` and Karpenter's drain both go
// through (a 429 when a PDB allows no disruption, or when more than one PDB selects the pod).
import type { PodDisruptionBudget } from '../k8s.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { atLeast, karpenterVersion } from '../version.ts';
import {
  doNotDisruptActive,
  doNotDisruptAnnotation,
  doNotDisruptDurations,
  toleratesDisrupted,
} from './drainPolicy.ts';
import type { ClusterState, PodRec } from './state.ts';

/** The PDBs in the pod's namespace whose selector matches it (a PDB without one selects nothing). */
export function coveringPdbs(
  p: PodRec,
  pdbs: readonly PodDisruptionBudget[],
): PodDisruptionBudget[] {
  const ns = p.pod.metadata.namespace ?? 'default';
  return pdbs.filter(
    (b) =>
      (b.metadata.namespace ?? 'default') === ns &&
      b.spec.selector !== undefined &&
      selectorMatches(b.spec.selector, p.pod.metadata.labels),
  );
}

/** Why the Eviction API would refuse this pod now, or undefined when it may go. */
export function evictionBlocked(
  p: PodRec,
  pdbs: readonly PodDisruptionBudget[],
  pods: ReadonlyMap<string, PodRec>,
): string | undefined {
  const covering = coveringPdbs(p, pdbs);
  if (covering.length > 1) return 'eviction does not support multiple PDBs';
  const pdb = covering[0];
  if (!pdb) return undefined;
  // unhealthyPodEvictionPolicy AlwaysAllow: a pod that is not Ready (here: not Running, e.g.
  // crash looping) is evicted whatever the budget allows, as Karpenter's candidate filter already
  // assumes (pdblimits `canAlwaysEvictUnhealthyPods`; kube-apiserver's eviction REST handler).
  // Without it the node of such pods passed the filter and then drained forever
  // (disruption/consolidation_test.go "can replace nodes, considers PDB policy").
  if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' && p.phase !== 'Running')
    return undefined;
  if (disruptionsAllowed(pdb, pods) <= 0)
    return `pdb ${pdb.metadata.namespace ?? 'default'}/${pdb.metadata.name ?? ''} prevents pod evictions`;
  return undefined;
}

/** status.disruptionsAllowed of a PDB over the pods it selects (percentages round up). */
export function disruptionsAllowed(
  pdb: PodDisruptionBudget,
  pods: ReadonlyMap<string, PodRec>,
): number {
  const ns = pdb.metadata.namespace ?? 'default';
  let expected = 0;
  let healthy = 0;
  for (const p of pods.values()) {
    if ((p.pod.metadata.namespace ?? 'default') !== ns || p.phase === 'Terminating') continue;
    if (!selectorMatches(pdb.spec.selector, p.pod.metadata.labels)) continue;
    expected++;
    if (p.phase === 'Running') healthy++;
  }
  const scaled = (v: number | string): number =>
    typeof v === 'number'
      ? v
      : /%$/.test(v)
        ? Math.ceil((Number(v.slice(0, -1)) / 100) * expected)
        : Number(v);
  if (pdb.spec.minAvailable !== undefined) return healthy - scaled(pdb.spec.minAvailable);
  if (pdb.spec.maxUnavailable !== undefined)
    return scaled(pdb.spec.maxUnavailable) - (expected - healthy);
  return Number.POSITIVE_INFINITY;
}

/** Upstream pdbItem.isFullyBlocking: a PDB that never lets a pod go, whatever its pods' state
 *  (maxUnavailable 0 or "0%", or minAvailable "100%"). */
export function fullyBlocking(pdb: PodDisruptionBudget): boolean {
  const { maxUnavailable: max, minAvailable: min } = pdb.spec;
  return max === 0 || max === '0%' || min === '100%';
}

/** The PDBs of the workspace. */
export function pdbsOf(state: ClusterState): PodDisruptionBudget[] {
  return [...state.objects.values()].filter(
    (o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget',
  );
}

/**
 * Whether Karpenter provisions for this pod of a deleting node (upstream
 * `Limits.IsCurrentlyReschedulable`, pkg/utils/pdb/pdb.go, used by provisioner.go and
 * disruption/helpers.go; since v1.4, kubernetes-sigs/karpenter#2033). The caller has already
 * kept only active, controller-owned, non-DaemonSet pods. Since v1.4 a pod is left out while its
 * do-not-disrupt annotation holds, or while the Eviction API could never take it: more than one
 * PDB selects it, or one that is fully blocking (an AlwaysAllow PDB still lets an unready pod
 * go). Such a pod stays where it is, so capacity for it would only sit empty. A pod that
 * tolerates the disrupted taint is never evicted, so no PDB blocks it here.
 */
export function currentlyReschedulable(
  p: PodRec,
  state: ClusterState,
  now: number,
  pdbs: readonly PodDisruptionBudget[] = pdbsOf(state),
): boolean {
  const k = state.karpenter;
  if (k.semantics !== 'v1' || !atLeast(karpenterVersion(k.version), 1, 4)) return true;
  // A terminating pod (a StatefulSet's, see below) is past do-not-disrupt and PDBs.
  if (p.phase === 'Terminating') return true;
  if (doNotDisruptActive(p, doNotDisruptAnnotation(k.semantics), now, doNotDisruptDurations(k)))
    return false;
  if (toleratesDisrupted(p.pod)) return true;
  const covering = coveringPdbs(p, pdbs);
  if (covering.length > 1) return false;
  const pdb = covering[0];
  if (!pdb || !fullyBlocking(pdb)) return true;
  return pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' && p.phase !== 'Running';
}

/**
 * Whether a terminating pod of a deleting node still counts for new capacity (upstream
 * `IsReschedulable`, pkg/utils/pod/scheduling.go, since v0.34): a StatefulSet recreates its pod
 * only once the old one is gone, so Karpenter provisions for the terminating one and its
 * successor finds the node launched. Other terminating pods are already replaced by their
 * controller (or gone for good). Before v0.34 no terminating pod counted.
 */
export function terminatingButReschedulable(p: PodRec, state: ClusterState): boolean {
  return (
    p.phase === 'Terminating' &&
    p.owner?.startsWith('StatefulSet/') === true &&
    atLeast(karpenterVersion(state.karpenter.version), 0, 34)
  );
}

/**
 * A pod of a deleting node that Karpenter plans new capacity for (GetCurrentlyReschedulablePods):
 * not a DaemonSet's, terminating only if a StatefulSet's, on a node deleting but not yet gone,
 * and currently reschedulable. `pdbs` is asked only when a pod gets that far (most calls meet no
 * deleting node). Used by the provisioner and by disruption's competing pods.
 */
export function reschedulableFromDeletingNode(
  p: PodRec,
  state: ClusterState,
  now: number,
  pdbs: () => readonly PodDisruptionBudget[],
): boolean {
  if (p.nodeName === undefined || p.daemonSet) return false;
  if (p.phase === 'Terminating' && !terminatingButReschedulable(p, state)) return false;
  const n = state.nodes.get(p.nodeName);
  return (
    n?.deletingAt !== undefined &&
    n.terminatedAt === undefined &&
    currentlyReschedulable(p, state, now, pdbs())
  );
}
