// Dynamic provisioning, the parts that decide: admission defaults, the zone an Immediate claim's
// volume lands in, and the PersistentVolume the CSI driver creates.
// Upstream: the API server (volumeBindingMode defaults to Immediate), the DefaultStorageClass
// admission plugin, kubernetes-csi/external-provisioner pkg/controller/topology.go
// (GenerateAccessibilityRequirements, getPVCNameHashAndIndexOffset), aws-ebs-csi-driver
// (pickAvailabilityZone, PV affinity on topology.kubernetes.io/zone).

import type { KubeObject, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../k8s.ts';
import { LABEL, normalizeLabelKey } from '../labels.ts';
import { defaultClass, translateProvisioner, type Objects } from './claims.ts';

/** What the API server and admission write on create: binding mode default, default class. */
export function admitStorageObject(o: KubeObject, objects: Objects): KubeObject {
  if (o.kind === 'StorageClass' && o.volumeBindingMode === undefined)
    return { ...o, volumeBindingMode: 'Immediate' };
  if (o.kind === 'PersistentVolumeClaim' && o.spec.storageClassName === undefined) {
    const d = defaultClass(objects)?.metadata.name;
    if (d !== undefined) return { ...o, spec: { ...o.spec, storageClassName: d } };
  }
  return o;
}

/** Go's hash/fnv New32 (FNV-1, not FNV-1a) over UTF-8 bytes. */
export function fnv1_32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}

/** `data-web-2` → base `data-web`, index 2 (a trailing -<int>); otherwise the name, index 0. */
function hashAndOffset(claimName: string): number {
  const m = /^(.*)-(\d+)$/.exec(claimName);
  const base = m ? (m[1] ?? '') : claimName;
  const index = m ? Number(m[2]) : 0;
  return (fnv1_32(base) + index) >>> 0;
}

/** The zones a class's allowedTopologies name (either zone key), or undefined when none does. */
export function classZones(cls: StorageClass): string[] | undefined {
  const zones = new Set<string>();
  for (const t of cls.allowedTopologies ?? [])
    for (const e of t.matchLabelExpressions ?? [])
      if (normalizeLabelKey(e.key) === LABEL.zone) for (const v of e.values) zones.add(v);
  return zones.size > 0 ? [...zones].sort() : undefined;
}

/**
 * The zone of an Immediate claim's volume: requisite = the class's allowed zones, else the zones
 * of every node whose CSINode lists the driver; sorted, then rotated by the claim name's hash so
 * a StatefulSet's claims go round-robin; the first preferred zone wins. undefined = "no available
 * topology found".
 */
export function immediateZone(
  claimName: string,
  cls: StorageClass,
  nodeZones: readonly string[],
): string | undefined {
  const requisite = classZones(cls) ?? [...new Set(nodeZones)].sort();
  if (requisite.length === 0) return undefined;
  return requisite[hashAndOffset(claimName) % requisite.length];
}

/** The PV the driver creates: `pvc-<id>`, zone affinity on the well-known key. */
export function provisionedVolume(
  claim: PersistentVolumeClaim,
  cls: StorageClass,
  zone: string | undefined,
  id: string,
): PersistentVolume {
  const driver = translateProvisioner(cls.provisioner);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: `pvc-${id}`,
      annotations: { 'pv.kubernetes.io/provisioned-by': driver },
    },
    spec: {
      capacity: { storage: claim.spec.resources?.requests?.storage ?? '1Gi' },
      accessModes: [...(claim.spec.accessModes ?? ['ReadWriteOnce'])],
      persistentVolumeReclaimPolicy: cls.reclaimPolicy === 'Retain' ? 'Retain' : 'Delete',
      storageClassName: cls.metadata.name ?? '',
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      claimRef: {
        namespace: claim.metadata.namespace ?? 'default',
        name: claim.metadata.name ?? '',
      },
      csi: { driver, volumeHandle: `vol-${id.replace(/-/g, '').slice(0, 17)}` },
      ...(zone === undefined
        ? {}
        : {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: LABEL.zone, operator: 'In', values: [zone] }] },
                ],
              },
            },
          }),
    },
  };
}
