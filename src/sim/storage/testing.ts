// Builders for storage tests: the smallest valid StorageClass / claim / volume / StatefulSet.
import type {
  Deployment,
  NodeSelectorTerm,
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
  TopologySelectorTerm,
  VolumeBindingMode,
} from '../k8s.ts';
import { deployment } from '../engine/testing.ts';

export const ZONE = 'topology.kubernetes.io/zone';
export const EBS = 'ebs.csi.aws.com';

export function storageClass(
  name: string,
  opts: {
    mode?: VolumeBindingMode;
    provisioner?: string;
    zones?: string[];
    topologies?: TopologySelectorTerm[];
    isDefault?: boolean;
  } = {},
): StorageClass {
  const topologies =
    opts.topologies ??
    (opts.zones ? [{ matchLabelExpressions: [{ key: ZONE, values: opts.zones }] }] : undefined);
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(opts.isDefault
        ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    provisioner: opts.provisioner ?? EBS,
    ...(opts.mode ? { volumeBindingMode: opts.mode } : {}),
    ...(topologies ? { allowedTopologies: topologies } : {}),
  };
}

export function claim(
  name: string,
  opts: {
    storageClassName?: string;
    volumeName?: string;
    bindCompleted?: boolean;
    namespace?: string;
    phase?: 'Pending' | 'Bound' | 'Lost';
    deleting?: boolean;
    labels?: Record<string, string>;
  } = {},
): PersistentVolumeClaim {
  const bound = opts.volumeName !== undefined && opts.bindCompleted !== false;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(bound ? { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } : {}),
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      ...(opts.storageClassName !== undefined ? { storageClassName: opts.storageClassName } : {}),
      ...(opts.volumeName !== undefined ? { volumeName: opts.volumeName } : {}),
    },
    ...(opts.phase ? { status: { phase: opts.phase } } : {}),
  };
}

export function volume(
  name: string,
  opts: {
    zones?: string[];
    terms?: NodeSelectorTerm[];
    source?: 'csi' | 'local' | 'hostPath' | 'nfs' | 'awsElasticBlockStore';
    driver?: string;
    claim?: string;
    deleting?: boolean;
  } = {},
): PersistentVolume {
  const terms =
    opts.terms ??
    (opts.zones
      ? [{ matchExpressions: [{ key: ZONE, operator: 'In' as const, values: opts.zones }] }]
      : undefined);
  const source = opts.source ?? 'csi';
  const src =
    source === 'csi'
      ? { csi: { driver: opts.driver ?? EBS, volumeHandle: `vol-${name}` } }
      : source === 'awsElasticBlockStore'
        ? { awsElasticBlockStore: { volumeID: `vol-${name}` } }
        : source === 'nfs'
          ? { nfs: { server: 'nfs.example', path: '/' } }
          : { [source]: { path: '/mnt/data' } };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      ...src,
      ...(terms ? { nodeAffinity: { required: { nodeSelectorTerms: terms } } } : {}),
      ...(opts.claim ? { claimRef: { namespace: 'default', name: opts.claim } } : {}),
    },
  };
}

/** A StatefulSet with one claim template `data` (class `gp3` unless told). */
export function statefulSet(
  name: string,
  opts: { replicas?: number; cpu?: string; storageClassName?: string; templates?: string[] } = {},
): Deployment {
  const d = deployment(name, { replicas: opts.replicas ?? 1, cpu: opts.cpu ?? '1' });
  return {
    ...d,
    kind: 'StatefulSet',
    spec: {
      ...d.spec,
      volumeClaimTemplates: (opts.templates ?? ['data']).map((t) => ({
        metadata: { name: t },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
          storageClassName: opts.storageClassName ?? 'gp3',
        },
      })),
    },
  };
}

/** A Deployment whose pods mount `claims` by name. */
export function claimUser(
  name: string,
  claims: string[],
  opts: { replicas?: number; cpu?: string } = {},
): Deployment {
  return deployment(name, {
    replicas: opts.replicas ?? 1,
    cpu: opts.cpu ?? '1',
    spec: {
      volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })),
    },
  });
}

/** The EC2NodeClass every YAML workspace of the storage tests names (written out, as users do). */
export const NODE_CLASS_YAML = `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: { name: default }
spec:
  role: KarpenterNodeRole
  amiSelectorTerms: [{ alias: al2023@latest }]
  subnetSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
  securityGroupSelectorTerms: [{ tags: { karpenter.sh/discovery: lab } }]
`;
