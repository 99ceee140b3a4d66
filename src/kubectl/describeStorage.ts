// `kubectl describe pvc`: kubectl's own layout (k8s.io/kubectl pkg/describe describer.go:
// describePersistentVolumeClaim → printPersistentVolumeClaim, printPodsMultiline "Used By",
// DescribeEvents). Capacity and Access Modes stay empty until the claim names its volume.
import { claimUsers } from '../explain/volumes.ts';
import { EPOCH_MS } from '../sim/engine/workloads.ts';
import type { PersistentVolumeClaim, Volume } from '../sim/k8s.ts';
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

/**
 * describe pod's Volumes section (describer.go describeVolumes): the claim-backed kinds in kubectl's
 * words; other sources are named by their field (the lab keeps them as written, unmodelled).
 */
export function podVolumes(volumes: readonly Volume[]): string[] {
  if (volumes.length === 0) return ['Volumes:\t<none>'];
  return [
    'Volumes:',
    ...volumes.flatMap((v) => {
      const head = `  ${v.name}:`;
      if (v.persistentVolumeClaim)
        return [
          head,
          '    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
          `    ClaimName:\t${v.persistentVolumeClaim.claimName}`,
          `    ReadOnly:\t${String(v.persistentVolumeClaim.readOnly ?? false)}`,
        ];
      if (v.ephemeral) {
        const spec = v.ephemeral.volumeClaimTemplate.spec;
        return [
          head,
          '    Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)',
          `    StorageClass:\t${spec.storageClassName ?? ''}`,
          '    Volume:\t',
          '    Labels:\t<none>',
          '    Annotations:\t<none>',
          `    Capacity:\t`,
          `    Access Modes:\t`,
          `    VolumeMode:\t${spec.volumeMode ?? 'Filesystem'}`,
        ];
      }
      const kind = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
      return [head, `    Type:\t${kind.charAt(0).toUpperCase()}${kind.slice(1)}`];
    }),
  ];
}
