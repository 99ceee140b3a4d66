// Golden tables for the storage kinds, checked against kubectl's printers (kubernetes
// pkg/printers/internalversion/printers.go: printPersistentVolumeClaim NAME STATUS VOLUME CAPACITY
// ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE (+ wide VOLUMEMODE); printPersistentVolume
// NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON
// AGE (+ wide VOLUMEMODE); printStorageClass NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE
// ALLOWVOLUMEEXPANSION AGE with "(default)") and kubectl describe's describePersistentVolumeClaim.
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../sim/k8s.ts';
import type { SimEvent } from '../sim/engine/index.ts';
import { complete } from './complete.ts';
import { runCommand } from './run.ts';
import { at, k8s, podRec, timelineOf } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}

const gp3: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: 'gp3',
    annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
  },
  provisioner: 'ebs.csi.aws.com',
  volumeBindingMode: 'WaitForFirstConsumer',
};
const io2: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'io2' },
  provisioner: 'ebs.csi.aws.com',
  reclaimPolicy: 'Retain',
  allowVolumeExpansion: true,
};

const PV = 'pvc-6b1f3c2e-4d5a-4e8b-9c7d-2a1b3c4d5e6f';

function claim(
  name: string,
  over: Partial<PersistentVolumeClaim['spec']> = {},
): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'gp3',
      resources: { requests: { storage: '10Gi' } },
      ...over,
    },
  };
}

const bound: PersistentVolumeClaim = {
  ...claim('data-web-0', { volumeName: PV }),
  metadata: {
    name: 'data-web-0',
    namespace: 'default',
    labels: { app: 'web' },
    annotations: {
      'pv.kubernetes.io/bind-completed': 'yes',
      'volume.kubernetes.io/selected-node': 'ip-10-0-1-23.ec2.internal',
    },
  },
  status: { phase: 'Bound' },
};

const volume: PersistentVolume = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: PV },
  spec: {
    capacity: { storage: '10Gi' },
    accessModes: ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Delete',
    storageClassName: 'gp3',
    claimRef: { namespace: 'default', name: 'data-web-0' },
    csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0a1b2c3d4e5f60718' },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] },
            ],
          },
        ],
      },
    },
  },
};

/** gp3 (default) and io2; data-web-0 bound to a volume in us-east-1a at 40s; data-web-1 pending. */
function storage(extra: SimEvent[] = []): ConsoleContext {
  const web0 = podRec('web-0', { labels: { app: 'web' } });
  web0.pod.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }];
  const events: SimEvent[] = [
    { t: 0, type: 'object.applied', object: gp3 },
    { t: 0, type: 'object.applied', object: io2 },
    { t: 0, type: 'object.applied', object: claim('data-web-0') },
    { t: 0, type: 'object.applied', object: claim('data-web-1', { storageClassName: 'io2' }) },
    { t: 0, type: 'object.applied', object: claim('scratch', { storageClassName: '' }) },
    { t: 0, type: 'pod.created', pod: web0 },
    k8s(
      0,
      'Normal',
      'WaitForFirstConsumer',
      'persistentvolumeclaim/default/data-web-0',
      'waiting for first consumer to be created before binding',
    ),
    k8s(
      35_000,
      'Normal',
      'ExternalProvisioning',
      'persistentvolumeclaim/default/data-web-0',
      "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ),
    k8s(
      35_000,
      'Normal',
      'Provisioning',
      'persistentvolumeclaim/default/data-web-0',
      'External provisioner is provisioning volume for claim "default/data-web-0"',
    ),
    { t: 40_000, type: 'object.applied', object: volume },
    { t: 40_000, type: 'object.applied', object: bound },
    k8s(
      40_000,
      'Normal',
      'ProvisioningSucceeded',
      'persistentvolumeclaim/default/data-web-0',
      `Successfully provisioned volume ${PV}`,
    ),
    ...extra,
  ];
  return at(timelineOf(events), 5 * 60_000);
}

describe('storage printers', () => {
  const ctx = storage();

  it('pvc: an unbound claim shows no volume, capacity or access modes; "" class as <unset>', () => {
    expect(out('kubectl get pvc', ctx)).toBe(
      [
        'NAME         STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        `data-web-0   Bound     ${PV}   10Gi       RWO            gp3            <unset>                 5m`,
        'data-web-1   Pending                                                                        io2            <unset>                 5m',
        'scratch      Pending                                                                        <unset>        <unset>                 5m',
      ].join('\n'),
    );
  });

  it('pvc -o wide adds VOLUMEMODE (the API server defaults it to Filesystem)', () => {
    const lines = out('kubectl get persistentvolumeclaims -o wide -l app=web', ctx).split('\n');
    expect(lines[0]).toMatch(/ AGE {3}VOLUMEMODE$/);
    expect(lines[1]).toMatch(/ 5m {4}Filesystem$/);
  });

  it('pv: capacity, modes, reclaim policy, Bound to its claim', () => {
    expect(out('kubectl get pv', ctx)).toBe(
      [
        'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        `${PV}   10Gi       RWO            Delete           Bound    default/data-web-0   gp3            <unset>                          4m20s`,
      ].join('\n'),
    );
  });

  it('sc: the default class is marked; defaults Delete / Immediate / false', () => {
    expect(out('kubectl get sc', ctx)).toBe(
      [
        'NAME            PROVISIONER       RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
        'gp3 (default)   ebs.csi.aws.com   Delete          WaitForFirstConsumer   false                  5m',
        'io2             ebs.csi.aws.com   Retain          Immediate              true                   5m',
      ].join('\n'),
    );
  });

  it('get pvc,pv,storageclass: one table per kind, names with their kind', () => {
    const text = out('kubectl get pvc,pv,storageclass', ctx);
    expect(text).toContain('\npersistentvolumeclaim/data-web-0   Bound');
    expect(text).toContain(`\npersistentvolume/${PV}   10Gi`);
    expect(text).toContain('\nstorageclass.storage.k8s.io/gp3 (default)   ebs.csi.aws.com');
  });

  it('-o yaml: the claim with its finalizer and status, the volume with its phase', () => {
    const yaml = out('kubectl get pvc data-web-0 -o yaml', ctx);
    expect(yaml).toContain('  finalizers:\n  - kubernetes.io/pvc-protection\n');
    expect(yaml).toMatch(
      /status:\n {2}accessModes:\n {2}- ReadWriteOnce\n {2}capacity:\n {4}storage: 10Gi\n {2}phase: Bound/,
    );
    const pv = JSON.parse(out(`kubectl get pv ${PV} -o json`, ctx)) as {
      status: { phase: string };
    };
    expect(pv.status.phase).toBe('Bound');
  });

  it('unknown names are NotFound with the plural kubectl uses', () => {
    expect(runCommand('kubectl get pvc nope', ctx).error).toBe(
      'Error from server (NotFound): persistentvolumeclaims "nope" not found',
    );
    expect(runCommand('kubectl get sc nope', ctx).error).toBe(
      'Error from server (NotFound): storageclasses.storage.k8s.io "nope" not found',
    );
  });
});

describe('discovery', () => {
  it('api-resources lists the storage kinds with their groups and short names; Tab completes them', () => {
    const ctx = storage();
    const rows = out('kubectl api-resources', ctx).split('\n');
    expect(rows).toContainEqual(
      expect.stringMatching(/^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/^persistentvolumes\s+pv\s+v1\s+false\s+PersistentVolume$/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/^storageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass$/),
    );
    expect(complete('kubectl get persistentvolumec', 29, ctx.state).candidates).toEqual([
      'persistentvolumeclaims',
    ]);
    expect(complete('kubectl describe pvc data-', 26, ctx.state).candidates).toEqual([
      'data-web-0',
      'data-web-1',
    ]);
  });
});

describe('kubectl describe pvc', () => {
  it('prints kubectl’s fields, the pods using it, and the provisioning events with their sources', () => {
    expect(out('kubectl describe pvc data-web-0', storage())).toBe(
      [
        'Name:          data-web-0',
        'Namespace:     default',
        'StorageClass:  gp3',
        'Status:        Bound',
        `Volume:        ${PV}`,
        'Labels:        app=web',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               volume.kubernetes.io/selected-node: ip-10-0-1-23.ec2.internal',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      10Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       web-0',
        'Events:',
        '  Type    Reason                 Age    From                                                                                     Message',
        '  ----    ------                 ----   ----                                                                                     -------',
        '  Normal  WaitForFirstConsumer   5m     persistentvolume-controller                                                              waiting for first consumer to be created before binding',
        "  Normal  ExternalProvisioning   4m25s  persistentvolume-controller                                                              Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        '  Normal  Provisioning           4m25s  ebs.csi.aws.com_ebs-csi-controller-7f9c8d6b5-x2k9q_6b1f3c2e-4d5a-4e8b-9c7d-2a1b3c4d5e6f  External provisioner is provisioning volume for claim "default/data-web-0"',
        `  Normal  ProvisioningSucceeded  4m20s  ebs.csi.aws.com_ebs-csi-controller-7f9c8d6b5-x2k9q_6b1f3c2e-4d5a-4e8b-9c7d-2a1b3c4d5e6f  Successfully provisioned volume ${PV}`,
      ].join('\n'),
    );
  });

  it('describe pod lists its claim volumes the way kubectl does', () => {
    const text = out('kubectl describe pod web-0', storage());
    expect(text).toContain(
      [
        'Volumes:',
        '  data:',
        '    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:   data-web-0',
        '    ReadOnly:    false',
        // One tabwriter block with the lines that follow, as in kubectl's own output.
        'Node-Selectors:  <none>',
      ].join('\n'),
    );
  });

  it('an unbound claim: empty Capacity and Access Modes, Used By <none>', () => {
    const lines = out('kubectl describe pvc data-web-1', storage()).split('\n');
    expect(lines).toContain('Status:        Pending');
    expect(lines).toContain('Capacity:      ');
    expect(lines).toContain('Access Modes:  ');
    expect(lines).toContain('Used By:       <none>');
    expect(lines.at(-1)).toBe('Events:        <none>');
  });
});
