// kube-scheduler's volume plugins, reduced to what the lab models, with their messages:
// VolumeBinding PreFilter (before any node is tried: "0/N nodes are available: <msg>."), then per
// node NodeVolumeLimits and VolumeBinding's Filter. VolumeZone (legacy PV zone labels) and storage
// capacity are not modelled. Node labels are matched as they are: a node carries the EBS driver's
// zone key once its CSI plugin registered (the lab: at Ready).

import type { Pod } from '../k8s.ts';
import { anyTermMatches } from '../engine/fit.ts';
import {
  bindingMode,
  getClaim,
  getClass,
  getVolume,
  isBound,
  podClaims,
  type Objects,
} from './claims.ts';
import { addUsage, exceedsLimits, podVolumes, type VolumeUsage } from './usage.ts';

/** VolumeBinding PreFilter: the message, or undefined when the pod's claims allow a node search. */
export function volumePreFilter(objects: Objects, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const ref of podClaims(pod)) {
    const c = getClaim(objects, ns, ref.claim);
    if (!c)
      return ref.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim ${JSON.stringify(ref.claim)}`
        : `persistentvolumeclaim ${JSON.stringify(ref.claim)} not found`;
    if (c.metadata.deletionTimestamp !== undefined)
      return `persistentvolumeclaim ${JSON.stringify(ref.claim)} is being deleted`;
    if (c.status?.phase === 'Lost')
      return `persistentvolumeclaim ${JSON.stringify(ref.claim)} bound to non-existent persistentvolume ${JSON.stringify(c.spec.volumeName ?? '')}`;
    if (isBound(c)) continue;
    const cls = c.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
    // IsDelayBindingMode is false for "" / missing / Immediate; a volumeName without the
    // bind-completed mark is still an unbound claim.
    if (c.spec.volumeName || !cls || bindingMode(cls) === 'Immediate')
      return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return undefined;
}

export interface VolumeNode {
  labels: Readonly<Record<string, string>>;
  volumeLimits?: Readonly<Record<string, number>> | undefined;
}

/** Claims per driver used by the pods bound to a node (NodeVolumeLimits counts unique claims). */
export function nodeVolumeUsage(objects: Objects, pods: readonly Pod[]): VolumeUsage {
  const out: VolumeUsage = new Map();
  for (const p of pods)
    if ((p.spec.volumes ?? []).length > 0) addUsage(out, podVolumes(objects, p));
  return out;
}

/** NodeVolumeLimits then VolumeBinding's Filter on one node: its "node(s) …" reason, or undefined. */
export function volumeFilter(
  objects: Objects,
  pod: Pod,
  node: VolumeNode,
  nodePods: () => readonly Pod[],
): string | undefined {
  const refs = podClaims(pod);
  if (refs.length === 0) return undefined;
  if (node.volumeLimits) {
    const mine = podVolumes(objects, pod);
    if (
      mine.size > 0 &&
      exceedsLimits(nodeVolumeUsage(objects, nodePods()), mine, node.volumeLimits) !== undefined
    )
      return 'node(s) exceed max volume count';
  }
  const ns = pod.metadata.namespace ?? 'default';
  for (const ref of refs) {
    const c = getClaim(objects, ns, ref.claim);
    if (!c) continue;
    if (isBound(c)) {
      const pv = getVolume(objects, c.spec.volumeName ?? '');
      if (!pv) return 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
      const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? [];
      if (terms.length > 0 && !anyTermMatches(terms, node.labels))
        return 'node(s) had volume node affinity conflict';
      continue;
    }
    const cls = c.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
    const terms = cls?.allowedTopologies ?? [];
    if (
      terms.length > 0 &&
      !anyTermMatches(
        terms.map((t) => ({
          matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({
            key: e.key,
            operator: 'In' as const,
            values: e.values,
          })),
        })),
        node.labels,
      )
    )
      return "node(s) didn't find available persistent volumes to bind";
  }
  return undefined;
}
