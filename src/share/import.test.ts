import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { engineObjects, hasErrors, parseWorkspace } from '../manifests/index.ts';
import { importYaml, type ImportResult } from './import.ts';

// Builders shaped like `kubectl get … -o yaml` output: every object carries the server's
// bookkeeping, which is exactly what import must remove.
type Obj = Record<string, unknown>;
let serial = 0;
const serverMeta = (name: string, extra: Obj = {}): Obj => ({
  name,
  uid: `0b7c-${++serial}`,
  resourceVersion: String(1000 + serial),
  creationTimestamp: '2025-06-01T10:00:00Z',
  generation: 3,
  managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }],
  annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"copy"}' },
  ...extra,
});

function clusterNode(name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: serverMeta(name, {
      labels: {
        'node.kubernetes.io/instance-type': 'm5.large',
        'topology.kubernetes.io/zone': 'us-east-1a',
        'karpenter.sh/capacity-type': 'on-demand',
        'karpenter.sh/nodepool': 'default',
        'kubernetes.io/arch': 'amd64',
      },
    }),
    spec: { providerID: 'aws:///us-east-1a/i-0abc' },
    status: {
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
      allocatable: { cpu: '1930m', memory: '7220Mi', pods: '29' },
      conditions: [{ type: 'Ready', status: 'True' }],
      images: [{ names: ['nginx'], sizeBytes: 1 }],
      nodeInfo: { kubeletVersion: 'v1.31.0' },
    },
  };
}

function clusterPod(name: string, o: { node?: string; phase?: string; owner?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: serverMeta(name, {
      namespace: 'default',
      labels: { app: 'inflate' },
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: o.owner,
                uid: 'rs-uid',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    }),
    spec: {
      ...(o.node ? { nodeName: o.node } : {}),
      containers: [
        {
          name: 'app',
          image: 'nginx',
          resources: { requests: { cpu: '500m', memory: '256Mi' } },
          terminationMessagePath: '/dev/termination-log',
          volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets' }],
        },
      ],
      volumes: [{ name: 'kube-api-access', projected: { sources: [] } }],
      dnsPolicy: 'ClusterFirst',
    },
    status: { phase: o.phase ?? (o.node ? 'Running' : 'Pending'), podIP: '10.0.0.7' },
  };
}

const clusterDeployment = (name: string): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: serverMeta(name, { namespace: 'default' }),
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '500m' } } }],
      },
    },
  },
  status: { replicas: 2, readyReplicas: 2 },
});

const kubectlList = (...items: Obj[]): string =>
  stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } });

function imported(r: ImportResult): { text: string; notes: string[]; objects: Obj[] } {
  if (!r.ok) throw new Error(r.error);
  const objects = parseAllDocuments(r.text).map((d) => d.toJS() as Obj);
  return { text: r.text, notes: r.notes, objects };
}
const byKind = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);
const meta = (o: Obj | undefined) => (o?.metadata ?? {}) as Obj;

describe('importing kubectl get -o yaml output', () => {
  const cluster = kubectlList(
    clusterNode('ip-10-0-1-1.ec2.internal'),
    clusterDeployment('inflate'),
    clusterPod('inflate-6d9f-a', { node: 'ip-10-0-1-1.ec2.internal', owner: 'inflate-6d9f' }),
    clusterPod('inflate-6d9f-b', { node: 'ip-10-0-1-1.ec2.internal', owner: 'inflate-6d9f' }),
  );

  it('strips server bookkeeping from every object', () => {
    const { objects } = imported(importYaml([{ name: 'cluster.yaml', text: cluster }]));
    expect(objects).toHaveLength(4);
    for (const o of objects) {
      for (const k of [
        'uid',
        'resourceVersion',
        'creationTimestamp',
        'managedFields',
        'generation',
      ])
        expect(meta(o)).not.toHaveProperty(k);
      expect(meta(o)).not.toHaveProperty('annotations'); // only last-applied-configuration was there
    }
    expect(byKind(objects, 'Deployment')[0]).not.toHaveProperty('status');
  });

  it("keeps a Node's capacity and allocatable, and nothing else of its status", () => {
    const { objects } = imported(importYaml([{ name: 'cluster.yaml', text: cluster }]));
    expect(byKind(objects, 'Node')[0]?.status).toEqual({
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
      allocatable: { cpu: '1930m', memory: '7220Mi', pods: '29' },
    });
  });

  it('keeps bound pods on their node, with owner references the engine can follow', () => {
    const { objects } = imported(importYaml([{ name: 'cluster.yaml', text: cluster }]));
    const pods = byKind(objects, 'Pod');
    expect(pods.map((p) => (p.spec as Obj).nodeName)).toEqual([
      'ip-10-0-1-1.ec2.internal',
      'ip-10-0-1-1.ec2.internal',
    ]);
    expect(meta(pods[0]).ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'inflate-6d9f', controller: true },
    ]);
  });

  it('prunes pod fields the lab does not read, so the workspace has no warnings', () => {
    const { text, objects } = imported(importYaml([{ name: 'cluster.yaml', text: cluster }]));
    const container = ((byKind(objects, 'Pod')[0]?.spec as Obj).containers as Obj[])[0];
    expect(container).not.toHaveProperty('volumeMounts');
    const ws = parseWorkspace(text);
    expect(ws.diagnostics).toEqual([]);
    expect(hasErrors(ws.diagnostics)).toBe(false);
    expect(engineObjects(ws).map((o) => o.kind)).toEqual(['Node', 'Deployment', 'Pod', 'Pod']);
  });

  it('summarises what it kept and why it left things out', () => {
    const text = kubectlList(
      clusterNode('n1'),
      clusterPod('done', { node: 'n1', phase: 'Succeeded' }),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: serverMeta('db'),
        data: { password: 'aHVudGVyMg==' },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: serverMeta('inflate-6d9f', {
          ownerReferences: [{ kind: 'Deployment', name: 'inflate' }],
        }),
        spec: {},
      },
    );
    const { notes, text: out } = imported(importYaml([{ name: 'x', text }]));
    expect(notes).toEqual([
      'Imported 1 Node.',
      'Left out 1 finished pods (Succeeded or Failed).',
      'Left out 1 Secret objects (not modelled by the lab).',
      'Left out 1 ReplicaSets owned by a Deployment (the Deployment recreates them).',
    ]);
    expect(out).not.toContain('aHVudGVyMg'); // a secret must never reach a share link
  });

  it('warns about pods bound to nodes that were not exported', () => {
    const r = imported(
      importYaml([{ name: 'pods.yaml', text: kubectlList(clusterPod('p', { node: 'gone' })) }]),
    );
    expect(r.notes.join(' ')).toMatch(/1 pod\(s\) name a node that is not in the import/);
  });

  it('reads typed lists from the API (PodList items carry no kind)', () => {
    const { kind: _k, apiVersion: _a, ...item } = clusterPod('p');
    const text = stringify({ apiVersion: 'v1', kind: 'PodList', items: [item] });
    expect(byKind(imported(importYaml([{ name: 'p', text }])).objects, 'Pod')).toHaveLength(1);
  });

  it('joins several dropped files and JSON as well as YAML', () => {
    const r = imported(
      importYaml([
        {
          name: 'nodes.json',
          text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [clusterNode('n1')] }),
        },
        { name: 'app.yaml', text: stringify(clusterDeployment('web')) },
      ]),
    );
    expect(r.objects.map((o) => o.kind)).toEqual(['Node', 'Deployment']);
  });

  it('keeps a name with script in it as plain text', () => {
    const name = '<script>alert(1)</script>';
    const text = stringify({ ...clusterDeployment('x'), metadata: { name, namespace: 'default' } });
    const { text: out } = imported(importYaml([{ name: 'x', text }]));
    expect(meta(parse(out) as Obj).name).toBe(name);
  });
});

describe('hostile imports', () => {
  const errorOf = (r: ImportResult) => (r.ok ? 'imported' : r.error);

  it('refuses invalid YAML and names the file', () => {
    expect(errorOf(importYaml([{ name: 'bad.yaml', text: 'a: [1, 2\nb: {' }]))).toMatch(
      /^Cannot import bad.yaml: it is not YAML the lab can read \(line \d+, column \d+: .*Your workspace was not changed\.$/,
    );
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${'abcdefghijklmnop'[i]}: &${'abcdefghijklmnop'[i]} [${Array(10)
          .fill(`*${'abcdefghijklmnop'[i - 1]}`)
          .join(',')}]`,
      );
    expect(errorOf(importYaml([{ name: 'bomb.yaml', text: lines.join('\n') }]))).toMatch(
      /Cannot import bomb.yaml: .*too many aliases/,
    );
  });

  it('refuses absurd nesting without crashing', () => {
    expect(errorOf(importYaml([{ name: 'deep.yaml', text: '['.repeat(100_000) }]))).toMatch(
      /Cannot import deep.yaml: .*nest deeper/,
    );
  });

  it('says so when nothing importable is found', () => {
    expect(errorOf(importYaml([{ name: 'x', text: 'hello: world\n' }]))).toMatch(
      /^Nothing to import/,
    );
  });

  it('refuses an import that would not fit the workspace', () => {
    const pods = Array.from({ length: 600 }, (_, i) => ({
      ...clusterPod(`p${i}`),
      metadata: {
        name: `p${i}`,
        labels: { blob: 'x'.repeat(60) },
        annotations: { note: 'y'.repeat(2000) },
      },
    }));
    expect(errorOf(importYaml([{ name: 'big', text: kubectlList(...pods) }]))).toMatch(
      /^Too much to import: .* MiB after stripping/,
    );
  });
});

describe('importing kubectl get sc,pv,pvc -A -o yaml', () => {
  const storage = kubectlList(
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: serverMeta('gp3', {
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      }),
      provisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      parameters: { type: 'gp3' },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: serverMeta('pvc-1234', { finalizers: ['kubernetes.io/pv-protection'] }),
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '10Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: 'data-web-0',
          namespace: 'default',
          resourceVersion: '12',
          uid: '1234',
        },
        csi: { driver: 'ebs.csi.aws.com', fsType: 'ext4', volumeHandle: 'vol-0abc' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1b'] },
                ],
              },
            ],
          },
        },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'gp3',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: serverMeta('data-web-0', {
        namespace: 'default',
        annotations: {
          'pv.kubernetes.io/bind-completed': 'yes',
          'volume.kubernetes.io/selected-node': 'ip-10-0-1-1.ec2.internal',
        },
      }),
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'gp3',
        volumeMode: 'Filesystem',
        volumeName: 'pvc-1234',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
    },
  );

  it('keeps classes, volumes and claims, with the annotations and phase the lab reads', () => {
    const { text, objects, notes } = imported(importYaml([{ name: 'sc.yaml', text: storage }]));
    expect(notes[0]).toBe('Imported 1 StorageClass, 1 PersistentVolume, 1 PersistentVolumeClaim.');
    const ws = parseWorkspace(text);
    expect(ws.diagnostics).toEqual([]);
    const claim = byKind(objects, 'PersistentVolumeClaim')[0];
    expect(claim?.status).toEqual({ phase: 'Bound' });
    expect(meta(claim).annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'volume.kubernetes.io/selected-node': 'ip-10-0-1-1.ec2.internal',
    });
    const pv = byKind(objects, 'PersistentVolume')[0];
    expect((pv?.spec as Obj).claimRef).toEqual({ name: 'data-web-0', namespace: 'default' });
    expect(pv?.status).toBeUndefined();
    expect(meta(byKind(objects, 'StorageClass')[0]).annotations).toEqual({
      'storageclass.kubernetes.io/is-default-class': 'true',
    });
    // Round trip: the imported text imports to itself.
    expect(imported(importYaml([{ name: 'again', text }])).text).toBe(text);
  });
});
