// VolumeAttachments as Karpenter's termination controller sees them (node/termination/controller.go
// awaitVolumeDetachment): a pod's bound CSI volumes are attached to its node; when the last pod on
// that node that mounts a volume is gone, the attach/detach controller detaches it, which takes an
// assumed `volumeDetach`. Karpenter terminates the instance only once the attachments of drainable
// pods are gone (or the NodeClaim's terminationGracePeriod has run out). Pure helpers; the waiting
// lives in engine/termination.ts.
import type { PodRec } from '../engine/state.ts';
import type { Objects } from './claims.ts';
import { driverOf, getClaim, podClaims } from './claims.ts';
import { fnv1_32 } from './provision.ts';

/** The VolumeAttachment name for a volume on a node ("csi-" + a hash, as the attacher names it). */
export function attachmentName(volume: string, node: string): string {
  const h = (s: string) => fnv1_32(s).toString(16).padStart(8, '0');
  return `csi-${h(`${volume}/${node}`)}${h(`${node}/${volume}`)}`;
}

/** The bound, attachable (CSI or in-tree EBS) volumes a pod mounts. NFS/local/hostPath never attach. */
export function attachedVolumes(objects: Objects, p: PodRec): string[] {
  const ns = p.pod.metadata.namespace ?? 'default';
  const out: string[] = [];
  for (const r of podClaims(p.pod)) {
    const c = getClaim(objects, ns, r.claim);
    const pv = c?.spec.volumeName;
    if (c && pv && driverOf(objects, c) !== undefined && !out.includes(pv)) out.push(pv);
  }
  return out;
}

/** "a, b, c, d, e and 2 other(s)": Karpenter's pretty.Slice(names, 5) in its event message. */
export function prettySlice(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} other(s)`;
}
