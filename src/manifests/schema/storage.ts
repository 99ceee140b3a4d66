// Storage kinds: storage.k8s.io/v1 StorageClass and CSINode, core/v1 PersistentVolumeClaim and
// PersistentVolume, plus the pod-side pieces (pod `volumes`, StatefulSet `volumeClaimTemplates`).
// Messages follow the API server's ValidateStorageClass / ValidatePersistentVolume(Claim)Spec.
// What the lab reads: classes' binding mode and allowed topologies, claims' class, volume name and
// phase, volumes' source (which CSI driver counts against a node's attach limit) and node affinity.

import type { PersistentVolume } from '../../sim/k8s.ts';
import type { Rule, Spec, Violation } from './dsl.ts';
import { any, arr, bool, cel, int, map, obj, str } from './dsl.ts';
import { metadata, resourceList } from './common.ts';
import { nodeSelectorRequirement } from './podspec.ts';
import { accessModes, accessModesRequired, claimSpec, PROVISIONERS } from './claims.ts';

const ZONE_KEYS = ['topology.kubernetes.io/zone', 'topology.ebs.csi.aws.com/zone'];

const topologyTerm = obj({
  matchLabelExpressions: arr(
    obj(
      {
        key: str({ description: 'A node label key, usually a zone key.', examples: ZONE_KEYS }),
        values: arr(str({ completion: 'zones' })),
      },
      {
        required: ['key', 'values'],
        rules: [
          // ValidateTopologySelectorLabelRequirement (its wording, typo included).
          cel<{ values?: string[] }>(
            'Required value: must specify as least one value',
            (r) => (r.values ?? []).length > 0,
          ),
        ],
      },
    ),
  ),
});

/** Exactly one volume source (ValidatePersistentVolumeSpec). */
const SOURCES = ['csi', 'awsElasticBlockStore', 'local', 'hostPath', 'nfs'] as const;
const OTHER_SOURCES = [
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'glusterfs',
  'iscsi',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];
const oneSource: Rule = ((s: Record<string, unknown>) => {
  const n = [...SOURCES, ...OTHER_SOURCES].filter((k) => s[k] !== undefined).length;
  if (n === 0) return [{ path: [], message: 'Required value: must specify a volume type' }];
  if (n > 1) return [{ path: [], message: 'Forbidden: may not specify more than 1 volume type' }];
  return [];
}) as Rule;

const pvRules: Rule = ((s: PersistentVolume['spec']) => {
  const out: Violation[] = [];
  if (s.capacity?.storage === undefined)
    out.push({ path: ['capacity'], message: 'Required value' });
  if (s.local !== undefined && (s.nodeAffinity?.required?.nodeSelectorTerms ?? []).length === 0)
    out.push({ path: ['local'], message: 'Required value: Local volume requires node affinity' });
  return out;
}) as Rule;

export const storageKinds = {
  StorageClass: obj(
    {
      metadata: metadata(false),
      provisioner: str({
        description: 'The volume plugin that creates volumes: ebs.csi.aws.com on EKS.',
        examples: PROVISIONERS,
        minLength: 1,
      }),
      volumeBindingMode: str({
        enum: ['Immediate', 'WaitForFirstConsumer'],
        description:
          'Immediate (default): the volume is created (and its zone picked) as soon as the claim exists. WaitForFirstConsumer: it waits until a pod using it is scheduled, and is created in that node’s zone.',
      }),
      allowedTopologies: arr(topologyTerm, {
        description: 'Where volumes may be created: terms ORed, expressions ANDed (key In values).',
      }),
      reclaimPolicy: str({ enum: ['Delete', 'Retain'] }),
      allowVolumeExpansion: bool(),
      parameters: map(str(), { description: 'Driver parameters (type: gp3, …).' }),
      mountOptions: arr(str()),
    },
    { required: ['metadata', 'provisioner'] },
  ),
  PersistentVolumeClaim: obj(
    {
      metadata: metadata(true),
      spec: claimSpec,
      // Kept from `kubectl get -o yaml`: a Lost claim makes its pods unschedulable.
      status: obj(
        { phase: str({ enum: ['Pending', 'Bound', 'Lost'] }) },
        {
          ignored: [
            'accessModes',
            'capacity',
            'conditions',
            'allocatedResources',
            'allocatedResourceStatuses',
            'currentVolumeAttributesClassName',
            'modifyVolumeStatus',
          ],
        },
      ),
    },
    { required: ['metadata', 'spec'] },
  ),
  PersistentVolume: obj(
    {
      metadata: metadata(false),
      spec: obj(
        {
          capacity: resourceList('storage: the size of the volume.'),
          accessModes,
          storageClassName: str(),
          persistentVolumeReclaimPolicy: str({ enum: ['Delete', 'Recycle', 'Retain'] }),
          volumeMode: str({ enum: ['Block', 'Filesystem'] }),
          claimRef: obj(
            { namespace: str(), name: str({ minLength: 1 }) },
            {
              required: ['name'],
              ignored: ['kind', 'apiVersion', 'uid', 'resourceVersion', 'fieldPath'],
            },
          ),
          nodeAffinity: obj({
            required: obj(
              {
                nodeSelectorTerms: arr(
                  obj({
                    matchExpressions: arr(nodeSelectorRequirement()),
                    matchFields: arr(nodeSelectorRequirement()),
                  }),
                  { minItems: 1 },
                ),
              },
              { required: ['nodeSelectorTerms'] },
            ),
          }),
          csi: obj(
            {
              driver: str({ minLength: 1, examples: PROVISIONERS }),
              volumeHandle: str({ minLength: 1 }),
              fsType: str(),
              readOnly: bool(),
            },
            { required: ['driver', 'volumeHandle'], preserveUnknown: true },
          ),
          awsElasticBlockStore: obj(
            { volumeID: str({ minLength: 1 }), fsType: str(), partition: int(), readOnly: bool() },
            { required: ['volumeID'] },
          ),
          local: obj({ path: str({ minLength: 1 }), fsType: str() }, { required: ['path'] }),
          hostPath: obj({ path: str({ minLength: 1 }), type: str() }, { required: ['path'] }),
          nfs: obj(
            { server: str({ minLength: 1 }), path: str({ minLength: 1 }), readOnly: bool() },
            { required: ['server', 'path'] },
          ),
          ...Object.fromEntries(OTHER_SOURCES.map((k) => [k, any()])),
        },
        {
          rules: [oneSource, accessModesRequired, pvRules],
          ignored: ['mountOptions', 'volumeAttributesClassName'],
        },
      ),
      status: any(),
    },
    { required: ['metadata', 'spec'] },
  ),
  CSINode: obj(
    {
      metadata: metadata(false),
      spec: obj(
        {
          drivers: arr(
            obj(
              {
                name: str({ minLength: 1 }),
                nodeID: str(),
                topologyKeys: arr(str()),
                allocatable: obj({
                  count: int({
                    minimum: 0,
                    description: 'How many volumes of this driver the node can attach.',
                  }),
                }),
              },
              { required: ['name'] },
            ),
          ),
        },
        { required: ['drivers'] },
      ),
    },
    { required: ['metadata', 'spec'] },
  ),
} satisfies Record<string, Spec>;
