// `kubectl describe pvc`: kubectl's own layout (k8s.io/kubectl pkg/describe describer.go:
// describePersistentVolumeClaim → printPersistentVolumeClaim, printPodsMultiline "Used By",
// DescribeEvents). Capacity and Access Modes stay empty until the claim names its volume.
import { claimUsers } from '../explain/volumes.ts';
import { EPOCH_MS } from '../sim/engine/workloads.ts';
import type { PersistentVolumeClaim } from '../sim/k8s.ts';
import type { ConsoleContext } from './context.ts';
import { eventsSection, kv, multiline } from './describe.ts';
import { humanDuration } from './format.ts';
import { accessModesText, claimStatus } from './storageKinds.ts';

export function describeClaim(pvc: PersistentVolumeClaim, ctx: ConsoleContext): string[] {
  const m = pvc.metadata;
  const ns = m.namespace ?? 'default';
  const name = m.name ?? '';
  const s = claimStatus(pvc, ctx);
  // The API server stamps deletionTimestamp when it accepts the delete; "lasts" counts from it.
  const deleting = m.deletionTimestamp === undefined ? NaN : Date.parse(m.deletionTimestamp);
  const status =
    m.deletionTimestamp === undefined
      ? s.phase
      : `Terminating (lasts ${humanDuration(Number.isNaN(deleting) ? 0 : ctx.t - (deleting - EPOCH_MS))})`;
  const users = claimUsers(ctx.state, ns, name).map((p) => p.pod.metadata.name ?? '');
  return [
    `Name:\t${name}`,
    `Namespace:\t${ns}`,
    `StorageClass:\t${pvc.spec.storageClassName ?? ''}`,
    `Status:\t${status}`,
    `Volume:\t${pvc.spec.volumeName ?? ''}`,
    ...multiline('Labels', kv(m.labels ?? {})),
    ...multiline('Annotations', kv(m.annotations ?? {}, ': ')),
    'Finalizers:\t[kubernetes.io/pvc-protection]',
    `Capacity:\t${s.capacity}`,
    `Access Modes:\t${accessModesText(s.accessModes)}`,
    `VolumeMode:\t${pvc.spec.volumeMode ?? 'Filesystem'}`,
    ...multiline('Used By', users),
    ...eventsSection(ctx, `persistentvolumeclaim/${ns}/${name}`),
  ];
}
