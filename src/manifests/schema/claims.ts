// The claim vocabulary shared by pods, StatefulSets and PersistentVolumeClaims: a claim spec, pod
// `volumes[]` items and StatefulSet `volumeClaimTemplates[]`, with the API server's messages
// (ValidatePersistentVolumeClaimSpec). Kept apart from storage.ts so podspec.ts can use it without
// an import cycle.

import type { PersistentVolumeClaimSpec } from '../../sim/k8s.ts';
import type { Rule } from './dsl.ts';
import { any, arr, bool, named, obj, str } from './dsl.ts';
import { labelMap, resourceList } from './common.ts';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
/** The EBS CSI driver: completion only, any provisioner name is valid. */
export const PROVISIONERS = ['ebs.csi.aws.com', 'efs.csi.aws.com', 'kubernetes.io/aws-ebs'];

export const accessModes = arr(
  str({
    enum: ACCESS_MODES,
    description: 'ReadWriteOnce (one node), ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.',
  }),
  { description: 'How the volume may be mounted. At least one.' },
);

/** ValidatePersistentVolumeClaimSpec / ValidatePersistentVolumeSpec: at least one access mode. */
export const accessModesRequired: Rule = ((s: { accessModes?: string[] }) =>
  (s.accessModes ?? []).length === 0
    ? [{ path: ['accessModes'], message: 'Required value: at least 1 access mode is required' }]
    : []) as Rule;

/** The request the claim asks for: `resources.requests[storage]` is required. */
const storageRequestRequired: Rule = ((s: PersistentVolumeClaimSpec) =>
  s.resources?.requests?.storage === undefined
    ? [{ path: ['resources', 'requests', 'storage'], message: 'Required value' }]
    : []) as Rule;

export const claimSpec = named(
  'PersistentVolumeClaimSpec',
  obj(
    {
      storageClassName: str({
        description:
          'The StorageClass that provisions the volume. Omit it for the default class; "" means no class (only a pre-created PV binds).',
      }),
      volumeName: str({ description: 'Binds to this PersistentVolume (static provisioning).' }),
      accessModes,
      resources: obj({
        requests: resourceList('storage: the size asked for (e.g. 10Gi).'),
        limits: resourceList('Upper bound on the size.'),
      }),
      volumeMode: str({ enum: ['Block', 'Filesystem'] }),
      selector: obj({ matchLabels: labelMap(), matchExpressions: arr(any()) }),
    },
    {
      rules: [accessModesRequired, storageRequestRequired],
      ignored: ['dataSource', 'dataSourceRef', 'volumeAttributesClassName'],
    },
  ),
);

/** Pod `volumes[]` items: the claim-naming sources are typed, every other source is kept as-is. */
export const podVolume = named(
  'Volume',
  obj(
    {
      name: str({
        minLength: 1,
        description: 'The volume name, referenced by volumeMounts.',
      }),
      persistentVolumeClaim: obj(
        {
          claimName: str({ minLength: 1, description: 'The PersistentVolumeClaim to mount.' }),
          readOnly: bool(),
        },
        { required: ['claimName'] },
      ),
      ephemeral: obj(
        {
          volumeClaimTemplate: obj(
            { metadata: obj({ labels: labelMap(), annotations: any() }), spec: claimSpec },
            { required: ['spec'] },
          ),
        },
        { required: ['volumeClaimTemplate'] },
      ),
    },
    { required: ['name'], preserveUnknown: true },
  ),
);

/** StatefulSet `volumeClaimTemplates[]`: one claim per template per pod. */
export const volumeClaimTemplate = obj(
  {
    metadata: obj(
      {
        name: str({
          minLength: 1,
          description: 'Claims are named <this>-<statefulset>-<ordinal>.',
        }),
        labels: labelMap(),
        annotations: any(),
      },
      { required: ['name'] },
    ),
    spec: claimSpec,
  },
  { required: ['metadata', 'spec'] },
);

export const retentionPolicy = obj({
  whenDeleted: str({ enum: ['Retain', 'Delete'] }),
  whenScaled: str({ enum: ['Retain', 'Delete'] }),
});
