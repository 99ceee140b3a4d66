// Storage kinds: persistentvolumeclaims, persistentvolumes and storageclasses, from the objects the
// engine keeps (workspace documents, StatefulSet claims, provisioned volumes). Columns follow
// kubectl's printers (kubernetes pkg/printers/internalversion/printers.go: printPersistentVolume,
// printPersistentVolumeClaim, printStorageClass; -o wide adds VOLUMEMODE to claims and volumes).
import type { PersistentVolume, PersistentVolumeClaim } from '../sim/k8s.ts';
import { defaultClass, getClaim, getVolume } from '../sim/storage/claims.ts';
import type { ConsoleContext } from './context.ts';
import { createdAt } from './context.ts';
import { timestamp } from './format.ts';
import { age, always, objectsOf, type ResourceType } from './resourceType.ts';

// storageutil.GetAccessModesAsString: the short forms, in this order, comma-separated.
const ACCESS_MODES: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

export function accessModesText(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODES.filter(([long]) => set.has(long))
    .map(([, short]) => short)
    .join(',');
}

const quantityText = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** What the API server reports in a claim's status: phase, and once bound the volume's size/modes. */
export function claimStatus(
  pvc: PersistentVolumeClaim,
  ctx: ConsoleContext,
): { phase: string; capacity: string; accessModes: string[] } {
  const pv = pvc.spec.volumeName ? getVolume(ctx.state.objects, pvc.spec.volumeName) : undefined;
  const phase = pvc.status?.phase ?? 'Pending';
  if (!pvc.spec.volumeName) return { phase, capacity: '', accessModes: [] };
  return {
    phase,
    capacity: quantityText(pv?.spec.capacity?.storage ?? pvc.spec.resources?.requests?.storage),
    accessModes: pv?.spec.accessModes ?? pvc.spec.accessModes ?? [],
  };
}

/** A volume's phase: Bound to a live claim that names it, Released once that claim is gone. */
export function volumePhase(pv: PersistentVolume, ctx: ConsoleContext): string {
  const ref = pv.spec.claimRef;
  if (!ref) return 'Available';
  const claim = getClaim(ctx.state.objects, ref.namespace ?? 'default', ref.name);
  if (!claim) return 'Released';
  return claim.spec.volumeName === pv.metadata.name ? 'Bound' : 'Available';
}

const terminating = (o: { metadata: { deletionTimestamp?: string } }): boolean =>
  o.metadata.deletionTimestamp !== undefined;

export const persistentvolumeclaims: ResourceType = {
  plural: 'persistentvolumeclaims',
  kind: 'PersistentVolumeClaim',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  group: '',
  namespaced: true,
  served: always,
  selectableFields: [],
  headers: (wide) => [
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'AGE',
    ...(wide ? ['VOLUMEMODE'] : []),
  ],
  list: (ctx) =>
    objectsOf(ctx, 'PersistentVolumeClaim').map((pvc) => {
      const s = claimStatus(pvc, ctx);
      return {
        name: pvc.metadata.name ?? '',
        namespace: pvc.metadata.namespace ?? 'default',
        labels: pvc.metadata.labels ?? {},
        cells: (wide) => [
          pvc.metadata.name ?? '',
          terminating(pvc) ? 'Terminating' : s.phase,
          pvc.spec.volumeName ?? '',
          s.capacity,
          accessModesText(s.accessModes),
          pvc.spec.storageClassName || '<unset>',
          '<unset>',
          age(ctx, createdAt(ctx, pvc)),
          ...(wide ? [pvc.spec.volumeMode ?? 'Filesystem'] : []),
        ],
        object: () => claimObject(pvc, ctx),
        source: pvc,
      };
    }),
};

export const persistentvolumes: ResourceType = {
  plural: 'persistentvolumes',
  kind: 'PersistentVolume',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  group: '',
  namespaced: false,
  served: always,
  headers: (wide) => [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'REASON',
    'AGE',
    ...(wide ? ['VOLUMEMODE'] : []),
  ],
  list: (ctx) =>
    objectsOf(ctx, 'PersistentVolume').map((pv) => ({
      name: pv.metadata.name ?? '',
      labels: pv.metadata.labels ?? {},
      cells: (wide) => {
        const ref = pv.spec.claimRef;
        return [
          pv.metadata.name ?? '',
          quantityText(pv.spec.capacity?.storage),
          accessModesText(pv.spec.accessModes),
          pv.spec.persistentVolumeReclaimPolicy ?? 'Retain',
          terminating(pv) ? 'Terminating' : volumePhase(pv, ctx),
          ref ? `${ref.namespace ?? ''}/${ref.name}` : '',
          pv.spec.storageClassName ?? '',
          '<unset>',
          '',
          age(ctx, createdAt(ctx, pv)),
          ...(wide ? [pv.spec.volumeMode ?? 'Filesystem'] : []),
        ];
      },
      object: () => volumeObject(pv, ctx),
      source: pv,
    })),
};

export const storageclasses: ResourceType = {
  plural: 'storageclasses',
  kind: 'StorageClass',
  singular: 'storageclass',
  shortNames: ['sc'],
  group: 'storage.k8s.io',
  namespaced: false,
  served: always,
  headers: () => [
    'NAME',
    'PROVISIONER',
    'RECLAIMPOLICY',
    'VOLUMEBINDINGMODE',
    'ALLOWVOLUMEEXPANSION',
    'AGE',
  ],
  list: (ctx) => {
    // kubectl marks the effective default: the newest class annotated default.
    const dflt = defaultClass(ctx.state.objects)?.metadata.name;
    return objectsOf(ctx, 'StorageClass').map((sc) => ({
      name: sc.metadata.name ?? '',
      labels: sc.metadata.labels ?? {},
      cells: () => [
        `${sc.metadata.name ?? ''}${sc.metadata.name === dflt ? ' (default)' : ''}`,
        sc.provisioner,
        sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate',
        String(sc.allowVolumeExpansion ?? false),
        age(ctx, createdAt(ctx, sc)),
      ],
      object: () => ({
        ...sc,
        metadata: { ...sc.metadata, creationTimestamp: timestamp(createdAt(ctx, sc)) },
        reclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        volumeBindingMode: sc.volumeBindingMode ?? 'Immediate',
      }),
      source: sc,
    }));
  },
};

/** The claim as `-o yaml` shows it: the stored object with its protection finalizer and status. */
export function claimObject(pvc: PersistentVolumeClaim, ctx: ConsoleContext): object {
  const s = claimStatus(pvc, ctx);
  return {
    ...pvc,
    metadata: {
      ...pvc.metadata,
      creationTimestamp: timestamp(createdAt(ctx, pvc)),
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: { volumeMode: 'Filesystem', ...pvc.spec },
    status: {
      phase: s.phase,
      ...(s.accessModes.length > 0 ? { accessModes: s.accessModes } : {}),
      ...(s.capacity ? { capacity: { storage: s.capacity } } : {}),
    },
  };
}

function volumeObject(pv: PersistentVolume, ctx: ConsoleContext): object {
  return {
    ...pv,
    metadata: {
      ...pv.metadata,
      creationTimestamp: timestamp(createdAt(ctx, pv)),
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
      ...pv.spec,
    },
    status: { phase: volumePhase(pv, ctx) },
  };
}
