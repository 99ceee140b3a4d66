// Object lookups for storage: which claims a pod uses, a claim's class and volume, the default
// class, the CSI driver a claim counts against, a volume's zone. Pure reads over the engine's
// `state.objects` (keys `Kind/namespace/name`; classes and volumes are cluster-scoped).
// Upstream: karpenter pkg/utils/volume/volume.go (GetPersistentVolumeClaim),
// pkg/scheduling/volumeusage.go (ResolveDriver), the DefaultStorageClass admission plugin.

import type {
  KubeObject,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StorageClass,
} from '../k8s.ts';
import { LABEL, normalizeLabelKey } from '../labels.ts';
import { own } from '../own.ts';

export type Objects = ReadonlyMap<string, KubeObject>;

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** The zone key the EBS CSI driver's node plugin reports (and older drivers put on PVs). */
export const EBS_ZONE_KEY = 'topology.ebs.csi.aws.com/zone';
export const EBS_DRIVER = 'ebs.csi.aws.com';
/** csi-translation-lib: in-tree provisioner names → their CSI driver. */
const IN_TREE: Readonly<Record<string, string>> = { 'kubernetes.io/aws-ebs': EBS_DRIVER };

export const claimObjectKey = (namespace: string, name: string): string =>
  `PersistentVolumeClaim/${namespace}/${name}`;
export const classKey = (name: string): string => `StorageClass//${name}`;
export const volumeKey = (name: string): string => `PersistentVolume//${name}`;

export function getClaim(
  objects: Objects,
  namespace: string,
  name: string,
): PersistentVolumeClaim | undefined {
  const o = objects.get(claimObjectKey(namespace, name));
  return o?.kind === 'PersistentVolumeClaim' ? o : undefined;
}
export function getClass(objects: Objects, name: string): StorageClass | undefined {
  const o = objects.get(classKey(name));
  return o?.kind === 'StorageClass' ? o : undefined;
}
export function getVolume(objects: Objects, name: string): PersistentVolume | undefined {
  const o = objects.get(volumeKey(name));
  return o?.kind === 'PersistentVolume' ? o : undefined;
}

function ofKind<K extends KubeObject['kind']>(
  objects: Objects,
  kind: K,
): Extract<KubeObject, { kind: K }>[] {
  const out: Extract<KubeObject, { kind: K }>[] = [];
  for (const o of objects.values())
    if (o.kind === kind) out.push(o as Extract<KubeObject, { kind: K }>);
  return out;
}
export const allClaims = (objects: Objects): PersistentVolumeClaim[] =>
  ofKind(objects, 'PersistentVolumeClaim');
export const allVolumes = (objects: Objects): PersistentVolume[] =>
  ofKind(objects, 'PersistentVolume');
export const allClasses = (objects: Objects): StorageClass[] => ofKind(objects, 'StorageClass');

/** One pod volume that names a claim: `persistentVolumeClaim.claimName` or `<pod>-<volume>`. */
export interface PodClaimRef {
  volume: string;
  claim: string;
  ephemeral: boolean;
}

/** Karpenter's GetPersistentVolumeClaim per volume; other volume sources are skipped. */
export function podClaims(pod: Pod): PodClaimRef[] {
  const out: PodClaimRef[] = [];
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim)
      out.push({ volume: v.name, claim: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral)
      out.push({ volume: v.name, claim: `${pod.metadata.name ?? ''}-${v.name}`, ephemeral: true });
  }
  return out;
}

/**
 * The class DefaultStorageClass admission gives a claim created without `storageClassName`: the
 * class annotated default; with several, the newest (here: the last applied, which is how the
 * engine orders `objects`).
 */
export function defaultClass(objects: Objects): StorageClass | undefined {
  let found: StorageClass | undefined;
  for (const c of allClasses(objects))
    if (c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true') found = c;
  return found;
}

/** Whether the claim counts as bound for Karpenter: a volume name and the bind-completed mark. */
export function isBound(c: PersistentVolumeClaim): boolean {
  return (
    c.spec.volumeName !== undefined &&
    c.spec.volumeName !== '' &&
    c.metadata.annotations?.[BIND_COMPLETED] !== undefined
  );
}

/** The binding mode as stored: the API server defaults an absent field to Immediate. */
export const bindingMode = (c: StorageClass): 'Immediate' | 'WaitForFirstConsumer' =>
  c.volumeBindingMode ?? 'Immediate';

export const translateProvisioner = (p: string): string => own(IN_TREE, p) ?? p;

/**
 * The CSI driver a claim's volume counts against (ResolveDriver): a bound claim's PV `csi.driver`
 * (in-tree EBS → ebs.csi.aws.com); an unbound claim's class provisioner. NFS, local and hostPath
 * volumes, and claims without a class, have none and are never counted.
 */
export function driverOf(objects: Objects, c: PersistentVolumeClaim): string | undefined {
  if (c.spec.volumeName) {
    const pv = getVolume(objects, c.spec.volumeName);
    if (!pv) return undefined;
    if (pv.spec.csi) return pv.spec.csi.driver;
    if (pv.spec.awsElasticBlockStore) return EBS_DRIVER;
    return undefined;
  }
  const cls = c.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
  return cls ? translateProvisioner(cls.provisioner) : undefined;
}

/** The zones a volume's node affinity allows (either zone key), or undefined when unconstrained. */
export function volumeZones(pv: PersistentVolume): string[] | undefined {
  const zones = new Set<string>();
  let constrained = false;
  for (const term of pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? [])
    for (const e of term.matchExpressions ?? [])
      if (normalizeLabelKey(e.key) === LABEL.zone && e.operator === 'In') {
        constrained = true;
        for (const z of e.values ?? []) zones.add(z);
      }
  return constrained ? [...zones].sort() : undefined;
}

/** The claim's zone once it is bound to a volume with a zone affinity. */
export function claimZone(objects: Objects, c: PersistentVolumeClaim): string | undefined {
  const pv = c.spec.volumeName ? getVolume(objects, c.spec.volumeName) : undefined;
  const zones = pv ? volumeZones(pv) : undefined;
  return zones?.length === 1 ? zones[0] : undefined;
}
