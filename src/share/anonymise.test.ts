import { costShape, type WorkloadCostJSON } from '../cli/testing.ts';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../cli/main.ts';
import { parseWorkspace } from '../manifests/index.ts';
import { anonymise, anonymiseWorkspace } from './anonymise.ts';
import { importYaml } from './import.ts';
import { firstDifference, sweepCases } from './anonymiseSweep.ts';

// A production-looking export (`kubectl get nodepools,ec2nodeclasses,nodes,pods,deployments,
// statefulsets,pdb,pvc,pv,sc -A -o yaml`) full of things that name its owner.
type Obj = Record<string, unknown>;
const TEAM = { 'acme.com/team': 'payments' };
const TAINT = { key: 'acme.com/dedicated', value: 'payments', effect: 'NoSchedule' };
const app = (name: string) => ({ app: name, 'app.kubernetes.io/part-of': 'payments-platform' });

function node(name: string, zone: string, id: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        ...TEAM,
        'node.kubernetes.io/instance-type': 'm5.large',
        'topology.kubernetes.io/zone': zone,
        'topology.kubernetes.io/region': 'us-east-1',
        'karpenter.sh/capacity-type': 'on-demand',
        'karpenter.sh/nodepool': 'payments-pool',
        'karpenter.sh/initialized': 'true',
        'karpenter.sh/registered': 'true',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': name,
      },
      annotations: { 'acme.com/owner': 'bob@acme.com', 'karpenter.sh/managed-by': 'prod-cluster' },
    },
    spec: { providerID: `aws:///${zone}/${id}`, taints: [TAINT] },
    status: {
      capacity: { cpu: '2', memory: '7910Mi', pods: '29' },
      allocatable: { cpu: '1930m', memory: '7220Mi', pods: '29' },
    },
  };
}

const podSpec = (extra: Obj = {}): Obj => ({
  nodeSelector: TEAM,
  tolerations: [
    { key: 'acme.com/dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' },
  ],
  containers: [
    {
      name: 'payments-api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/payments:1.2',
      env: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
      resources: { requests: { cpu: '600m', memory: '1Gi' } },
    },
  ],
  ...extra,
});

const apiSpread = {
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: app('payments-api') },
    },
  ],
  affinity: {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          topologyKey: 'kubernetes.io/hostname',
          labelSelector: {
            matchExpressions: [{ key: 'app', operator: 'In', values: ['payments-api'] }],
          },
          namespaces: ['payments'],
        },
      ],
    },
  },
};

function pod(name: string, nodeName: string, owner: Obj, labels: Obj, extra: Obj = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'payments',
      labels,
      annotations: { 'prometheus.io/scrape': 'true' },
      ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }],
    },
    spec: { ...podSpec(extra), nodeName },
    status: { phase: 'Running' },
  };
}

const N1 = 'ip-10-20-1-17.ec2.internal';
const N2 = 'ip-10-20-2-45.ec2.internal';
const ledgerVolume = {
  volumes: [
    { name: 'ledger-data', persistentVolumeClaim: { claimName: 'ledger-data-ledger-db-0' } },
  ],
};

const EXPORT: Obj[] = [
  {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'payments-pool' },
    spec: {
      template: {
        metadata: { labels: TEAM },
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'payments-class',
          },
          requirements: [
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m', 'c'] },
            { key: 'acme.com/cost-center', operator: 'In', values: ['cc-4711'] },
          ],
          taints: [TAINT],
        },
      },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s' },
    },
  },
  {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'payments-class' },
    spec: {
      amiFamily: 'AL2023',
      role: 'KarpenterNodeRole-prod-cluster',
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'prod-cluster' } }],
      securityGroupSelectorTerms: [{ id: 'sg-0123456789abcdef0' }],
      tags: { 'acme.com/cost-center': 'cc-4711', owner: 'bob@acme.com' },
      userData: '#!/bin/bash\necho secret-bootstrap-token',
    },
  },
  node(N1, 'us-east-1a', 'i-0abc1234567890def'),
  node(N2, 'us-east-1b', 'i-0fed0987654321cba'),
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'payments-api', namespace: 'payments', labels: app('payments-api') },
    spec: {
      replicas: 4,
      selector: { matchLabels: app('payments-api') },
      template: { metadata: { labels: app('payments-api') }, spec: podSpec(apiSpread) },
    },
  },
  pod(
    'payments-api-6d9f8-x7k2p',
    N1,
    { kind: 'ReplicaSet', name: 'payments-api-6d9f8' },
    app('payments-api'),
    apiSpread,
  ),
  pod(
    'payments-api-6d9f8-q9z4m',
    N2,
    { kind: 'ReplicaSet', name: 'payments-api-6d9f8' },
    app('payments-api'),
    apiSpread,
  ),
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'ledger-db', namespace: 'payments' },
    spec: {
      replicas: 1,
      serviceName: 'ledger-db',
      selector: { matchLabels: app('ledger-db') },
      template: { metadata: { labels: app('ledger-db') }, spec: podSpec() },
      volumeClaimTemplates: [
        {
          metadata: { name: 'ledger-data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'payments-encrypted',
            resources: { requests: { storage: '10Gi' } },
          },
        },
      ],
    },
  },
  pod(
    'ledger-db-0',
    N1,
    { kind: 'StatefulSet', name: 'ledger-db' },
    app('ledger-db'),
    ledgerVolume,
  ),
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'payments-encrypted' },
    provisioner: 'ebs.csi.aws.com',
    volumeBindingMode: 'WaitForFirstConsumer',
    parameters: { type: 'gp3', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd' },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'ledger-data-ledger-db-0',
      namespace: 'payments',
      annotations: { 'volume.kubernetes.io/selected-node': N1 },
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'payments-encrypted',
      resources: { requests: { storage: '10Gi' } },
      volumeName: 'pvc-7f3e2a',
    },
    status: { phase: 'Bound' },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pvc-7f3e2a' },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'payments-encrypted',
      claimRef: { name: 'ledger-data-ledger-db-0', namespace: 'payments' },
      csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123456789abcdef0' },
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
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'payments-api-pdb', namespace: 'payments' },
    spec: { minAvailable: 1, selector: { matchLabels: app('payments-api') } },
  },
  {
    apiVersion: 'lab.karpenter.playground/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'what-if' },
    spec: {
      until: '20m',
      actions: [
        { at: '5m', run: 'kubectl scale deployment payments-api -n payments --replicas=1' },
      ],
    },
  },
];
const exportText = stringify({ apiVersion: 'v1', kind: 'List', items: EXPORT });

/** Strings that identify the owner; none may survive anonymisation (whole or in part). */
const SECRETS = [
  'payments',
  'acme',
  'ledger',
  'bob@',
  'ip-10-20',
  '10-20-1-17',
  'i-0abc',
  'i-0fed',
  '123456789012',
  'KarpenterNodeRole',
  'prod-cluster',
  'sg-0123',
  'cc-4711',
  'hunter2',
  'secret-bootstrap',
  'arn:aws',
  'pvc-7f3e2a',
  'vol-0123',
];

function imported(anonymised: boolean): string {
  const r = importYaml([{ name: 'export.yaml', text: exportText }], { anonymise: anonymised });
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

/** What a person reads from a run: pods by phase, nodes by type and state, cost, event reasons. */
function outcome(text: string): Obj {
  let out = '';
  let err = '';
  const code = runCli(['w.yaml', '--json'], {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readFile: () => text,
  });
  if (code !== 0) throw new Error(err);
  const j = JSON.parse(out) as {
    pods: { phase: string; node?: string }[];
    nodes: { instanceType?: string; state: string; zone?: string }[];
    cost: WorkloadCostJSON;
    events: { reason: string; time?: number }[];
    time: number;
  };
  const tally = (xs: string[]) => xs.sort().join(',');
  return {
    time: j.time,
    pods: tally(j.pods.map((p) => p.phase)),
    nodes: tally(j.nodes.map((n) => `${n.instanceType}/${n.zone}/${n.state}`)),
    cost: costShape(j.cost),
    events: j.events.map((e) => `${e.time ?? ''}:${e.reason}`).join(' '),
  };
}

describe('anonymising an import', () => {
  it('leaves nothing that names the owner, and says what it renamed', () => {
    const r = importYaml([{ name: 'export.yaml', text: exportText }], { anonymise: true });
    if (!r.ok) throw new Error(r.error);
    for (const s of SECRETS) expect(r.text, s).not.toContain(s);
    expect(r.notes.join('\n')).toMatch(/Anonymised: 1 namespace\(s\), 2 workload name\(s\)/);
    expect(r.notes).toContain('Removed userData from 1 node class(es).');
    // The managed node group is named as one.
    const eks = importYaml(
      [
        {
          name: 'eks',
          text: readFileSync('examples/exports/eks-eu-west-1-managed-node-group.yaml', 'utf8'),
        },
      ],
      { anonymise: true },
    );
    expect(eks.ok && eks.notes.join('\n')).toContain('(EKS managed node group nodegroup-1: 2)');
    // The workspace reads without errors.
    expect(parseWorkspace(r.text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('simulates exactly as the original does: pods, nodes, cost and every event', () => {
    const before = outcome(imported(false));
    const after = outcome(imported(true));
    expect(before.pods).toMatch(/Running/);
    expect(String(before.events)).toMatch(/Launched|Nominated|Disrupt/);
    expect(after).toEqual(before);
  });

  it('keeps derived names derived: pods and ReplicaSets after their owner, claims after template and pod', () => {
    const { objects } = anonymise(EXPORT);
    const names = new Map(
      objects.map((o) => [`${String(o.kind)}`, ((o.metadata ?? {}) as Obj).name] as const),
    );
    expect(names.get('Deployment')).toBe('app-2');
    expect(names.get('StatefulSet')).toBe('app-1'); // numbered in the originals' order: ledger-db < payments-api
    const pods = objects.filter((o) => o.kind === 'Pod').map((o) => (o.metadata as Obj).name);
    expect(pods).toEqual(['app-2-6d9f8-x7k2p', 'app-2-6d9f8-q9z4m', 'app-1-0']);
    const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim');
    const template = (
      (objects.find((o) => o.kind === 'StatefulSet')?.spec as Obj).volumeClaimTemplates as Obj[]
    )[0]?.metadata as Obj;
    expect((claim?.metadata as Obj).name).toBe(`${String(template.name)}-app-1-0`);
    // The input is not changed.
    expect((EXPORT[4]?.metadata as Obj).name).toBe('payments-api');
  });

  it('never keeps a word after a renamed name: only generated suffixes survive', () => {
    const { objects } = anonymise([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: {} },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-payroll-export' }, spec: {} },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-7c9d4-zx2bq' }, spec: {} },
    ]);
    const [, a, b] = objects.map((o) => (o.metadata as Obj).name);
    expect(a).toBe('pod-1');
    expect(b).toBe('app-1-7c9d4-zx2bq');
  });

  it('renames the names in a Scenario action with the objects they name', () => {
    const text = imported(true);
    const scenario = parseAllDocuments(text)
      .map((d) => d.toJS() as Obj)
      .find((o) => o.kind === 'Scenario');
    expect(((scenario?.spec as Obj).actions as Obj[])[0]?.run).toBe(
      'kubectl scale deployment app-2 -n ns-1 --replicas=1',
    );
  });
});

describe('anonymising every example and lab step', () => {
  // The whole sweep with the ~500 fidelity fixtures is `npm run -s anonymise-check` (minutes).
  for (const [name, text] of sweepCases(false))
    it(`${name} simulates the same anonymised`, () => {
      expect(firstDifference(text)).toBeUndefined();
    });
});

describe('anonymiseWorkspace', () => {
  it('refuses a workspace with a YAML error and changes nothing', () => {
    const r = anonymiseWorkspace('kind: Deployment\nmetadata: {name: [x\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^The workspace has a YAML error .*Nothing was changed\.$/);
  });

  it('says comments are not kept, and keeps every document', () => {
    const r = anonymiseWorkspace(
      '# mine\napiVersion: v1\nkind: Namespace\nmetadata: {name: payments}\n---\nkind: Scenario\n',
    );
    expect(r.ok && r.notes).toContain('Comments are not kept.');
    expect(r.ok && parseAllDocuments(r.text).length).toBe(2);
  });
});

describe('hostile names', () => {
  it('treats __proto__ and constructor as plain keys and renames their values', () => {
    const labels = JSON.parse(
      '{"__proto__": "secret-a", "constructor": "secret-b", "acme.com/x": "secret-c"}',
    ) as Obj;
    const r = anonymiseWorkspace(
      stringify([
        {
          apiVersion: 'apps/v1',
          kind: 'constructor',
          metadata: { name: 'toString', labels, annotations: { 'karpenter.sh/__proto__': 'x' } },
          spec: { nodeSelector: labels },
        },
      ])
        .replace(/^- /gm, '  ')
        .replace(/^/, 'kind: List\nitems:\n'),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.text).not.toMatch(/secret-/);
    expect(r.text).toContain('__proto__: value-');
    expect(r.text).toContain('constructor: value-');
  });

  it('never throws on any JSON a document can hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 4 }),
        (docs) => {
          const r = anonymise(docs as Obj[]);
          expect(r.objects).toHaveLength(docs.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
