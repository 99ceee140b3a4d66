// Karpenter's ValidatePersistentVolumeClaims (scheduling/volumetopology.go, v1.7+ wording): why a
// pending pod's claims make the provisioner ignore it, first failure wins. The error reaches the
// pod as "Failed to schedule pod, <err>". The Unsupported* provisioner/topology-key sets are empty
// in core and in the AWS provider, so those two checks never fire on AWS and are not modelled.

import type { Pod } from '../k8s.ts';
import {
  bindingMode,
  getClaim,
  getClass,
  getVolume,
  isBound,
  podClaims,
  type Objects,
} from './claims.ts';

export function invalidClaimReason(objects: Objects, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const ref of podClaims(pod)) {
    const c = getClaim(objects, ns, ref.claim);
    if (!c)
      return `getting persistent volume claim, persistentvolumeclaims ${JSON.stringify(ref.claim)} not found`;
    if (c.metadata.deletionTimestamp !== undefined) return 'persistentvolumeclaim is being deleted';
    if (c.status?.phase === 'Lost')
      return 'persistentvolumeclaim bound to non-existent persistentvolume';
    if (c.spec.volumeName) {
      const pv = getVolume(objects, c.spec.volumeName);
      if (!pv)
        return `failed to validate pvc, persistentvolumes ${JSON.stringify(c.spec.volumeName)} not found`;
      if (pv.metadata.deletionTimestamp !== undefined)
        return 'failed to validate pvc, persistentvolume is being deleted';
      if (!isBound(c)) return 'pvc is considered unbound because it does not contain annotation';
      continue; // a bound claim never consults its class
    }
    const className = c.spec.storageClassName;
    if (!className) return 'unbound pvc must define a storage class';
    const cls = getClass(objects, className);
    if (!cls)
      return `failed to validate pvc, failed to get storage class, storageclasses.storage.k8s.io ${JSON.stringify(className)} not found`;
    if (bindingMode(cls) === 'Immediate')
      return 'failed to validate pvc, pvc with immediate volume binding mode must be bound';
  }
  return undefined;
}
