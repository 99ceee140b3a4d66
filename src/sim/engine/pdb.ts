// The Eviction API's PodDisruptionBudget check: what `kubectl drain` and Karpenter's drain both go
// through (a 429 when a PDB allows no disruption, or when more than one PDB selects the pod).
import type { PodDisruptionBudget } from '../k8s.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import type { PodRec } from './state.ts';

/** Why the Eviction API would refuse this pod now, or undefined when it may go. */
export function evictionBlocked(
  p: PodRec,
  pdbs: readonly PodDisruptionBudget[],
  pods: ReadonlyMap<string, PodRec>,
): string | undefined {
  const ns = p.pod.metadata.namespace ?? 'default';
  const covering = pdbs.filter(
    (b) =>
      (b.metadata.namespace ?? 'default') === ns &&
      b.spec.selector !== undefined &&
      selectorMatches(b.spec.selector, p.pod.metadata.labels),
  );
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
    return `pdb ${ns}/${pdb.metadata.name ?? ''} prevents pod evictions`;
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
