import { describe, expect, it } from 'vitest';
import { parseWorkspace } from './index.ts';
import { workspaceSchema } from './jsonSchema.ts';
import { errorLines } from './test-builders.ts';

const sc = (extra = '') => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3}
provisioner: ebs.csi.aws.com
${extra}`;

const pvc = (spec: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: db}
spec:
${spec}
${extra}`;

const pv = (spec: string) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1}
spec:
${spec}`;

const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c}]
      volumes:
        - {name: scratch, emptyDir: {}}
        - name: tmp
          ephemeral:
            volumeClaimTemplate:
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        storageClassName: gp3
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
`;

describe('storage kinds', () => {
  it('reads a StorageClass, a claim with its phase and deletionTimestamp, and a PV', () => {
    const ws = parseWorkspace(
      [
        sc(
          'volumeBindingMode: WaitForFirstConsumer\nallowedTopologies:\n  - matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [us-east-1a]}]',
        ),
        pvc(
          '  storageClassName: ""\n  volumeName: pv-1\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 5Gi}}',
          'status: {phase: Lost, capacity: {storage: 5Gi}}',
        ).replace('namespace: db}', 'namespace: db, deletionTimestamp: "2026-01-01T00:00:00Z"}'),
        pv(
          '  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}\n  claimRef: {namespace: db, name: data, uid: x}\n  nodeAffinity:\n    required:\n      nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a]}]}]',
        ),
      ].join('\n---\n'),
    );
    expect(ws.diagnostics).toEqual([]);
    const [cls, claim, vol] = ws.objects.map((o) => o.object) as unknown as Record<
      string,
      Record<string, unknown>
    >[];
    expect(cls?.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(claim?.status).toEqual({ phase: 'Lost' });
    expect(claim?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(claim?.spec).toMatchObject({ storageClassName: '', volumeName: 'pv-1' });
    expect(vol?.spec?.claimRef).toEqual({ namespace: 'db', name: 'data' });
  });

  it('speaks the API server: binding mode, provisioner, access modes, storage request', () => {
    expect(errorLines(sc('volumeBindingMode: Later'))).toEqual([
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ]);
    expect(
      errorLines('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: x}\n'),
    ).toEqual(['provisioner: Required value']);
    expect(errorLines(pvc('  storageClassName: gp3'))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources.requests.storage: Required value',
    ]);
    expect(
      errorLines(
        pvc('  accessModes: [ReadWriteSometimes]\n  resources: {requests: {storage: 1Gi}}'),
      ),
    ).toEqual([
      'spec.accessModes[0]: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ]);
    expect(
      errorLines(
        sc(
          'allowedTopologies:\n  - matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: []}]',
        ),
      ),
    ).toEqual([
      'allowedTopologies[0].matchLabelExpressions[0]: Required value: must specify as least one value',
    ]);
  });

  it('wants exactly one volume source on a PV, and node affinity on a local one', () => {
    expect(errorLines(pv('  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]'))).toEqual([
      'spec: Required value: must specify a volume type',
    ]);
    expect(
      errorLines(
        pv(
          '  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  nfs: {server: s, path: /x}\n  hostPath: {path: /y}',
        ),
      ),
    ).toEqual(['spec: Forbidden: may not specify more than 1 volume type']);
    expect(
      errorLines(
        pv('  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  local: {path: /mnt}'),
      ),
    ).toEqual(['spec.local: Required value: Local volume requires node affinity']);
  });

  it('keeps StatefulSet claim templates and typed pod volumes, locating their errors', () => {
    const ws = parseWorkspace(sts);
    expect(ws.diagnostics).toEqual([]);
    const spec = (ws.objects[0]?.object as unknown as { spec: Record<string, unknown> }).spec;
    expect(spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: {
          storageClassName: 'gp3',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
        },
      },
    ]);
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenScaled: 'Delete' });
    const bad = parseWorkspace(
      sts.replace('{name: scratch, emptyDir: {}}', '{name: d, persistentVolumeClaim: {}}'),
    );
    const e = bad.diagnostics.find((d) => d.severity === 'error');
    expect(e).toMatchObject({
      path: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
      message: 'Required value',
      line: 13,
    });
  });

  it('drops volumeClaimTemplates from a Deployment as before (it has no such field)', () => {
    const ws = parseWorkspace(sts.replace('kind: StatefulSet', 'kind: Deployment'));
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const spec = (ws.objects[0]?.object as unknown as { spec: Record<string, unknown> }).spec;
    expect(spec.volumeClaimTemplates).toBeUndefined();
  });

  it('gives the editor schemas with zone and provisioner completion', () => {
    const schema = workspaceSchema({ zones: ['us-east-1a', 'us-east-1b'] });
    const kinds = (schema.properties as Record<string, { enum: string[] }>).kind?.enum;
    expect(kinds).toEqual(
      expect.arrayContaining(['StorageClass', 'PersistentVolumeClaim', 'PersistentVolume']),
    );
    const text = JSON.stringify(schema);
    expect(text).toContain('ebs.csi.aws.com');
    expect(text).toContain('WaitForFirstConsumer');
  });
});
