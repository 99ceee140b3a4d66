import { describe, expect, it } from 'vitest';
import { apply, emptyState, nodeStateName, type NodeRec } from './state.ts';
import { costAt } from './json.ts';
import { disruptionsAllowed, evictionBlocked } from './termination.ts';
import { imageRunsOn } from './lifecycle.ts';
import { explainNodeClaim } from './explain.ts';
import { provisionerDefaults, provisionerToNodePool } from './convert.ts';
import type { PodDisruptionBudget } from '../k8s.ts';
import type { PodRec } from './state.ts';

const karpenter = { installed: true, version: 'v1', semantics: 'v1' as const };

function node(over: Partial<NodeRec> = {}): NodeRec {
  return {
    name: 'n1',
    labels: {},
    annotations: {},
    taints: [],
    unschedulable: false,
    capacity: {},
    allocatable: {},
    instanceType: 'm5.large',
    zone: 'us-east-1a',
    capacityType: 'on-demand',
    arch: 'amd64',
    price: 0.096,
    priceIsEstimate: false,
    billedFrom: 0,
    createdAt: 0,
    ready: true,
    ...over,
  };
}

function pod(name: string, phase: PodRec['phase'], labels: Record<string, string>): PodRec {
  return {
    key: `default/${name}`,
    uid: name,
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels },
      spec: { containers: [] },
    },
    phase,
    createdAt: 0,
    requests: {},
  };
}

describe('state reducer', () => {
  it('apply returns a new state and leaves its input untouched', () => {
    const s0 = emptyState(karpenter);
    const s1 = apply(s0, { t: 5, type: 'node.registered', node: node() });
    expect(s0.nodes.size).toBe(0);
    expect(s1.nodes.get('n1')?.name).toBe('n1');
    const s2 = apply(s1, {
      t: 9,
      type: 'node.updated',
      node: 'n1',
      patch: { unschedulable: true },
    });
    expect(s1.nodes.get('n1')?.unschedulable).toBe(false);
    expect(s2.nodes.get('n1')?.unschedulable).toBe(true);
    expect(s2.time).toBe(9);
  });

  it('names node states the way the CLI JSON reports them', () => {
    expect(nodeStateName(node({ ready: false }))).toBe('not-ready');
    expect(nodeStateName(node())).toBe('ready');
    expect(nodeStateName(node({ unschedulable: true }))).toBe('cordoned');
    expect(nodeStateName(node({ drainingAt: 1 }))).toBe('draining');
    expect(nodeStateName(node({ deletingAt: 1 }))).toBe('terminating');
    expect(nodeStateName(node({ deletingAt: 1, terminatedAt: 2 }))).toBe('terminated');
  });

  it('accrues cost per instance from launch until termination', () => {
    let s = emptyState(karpenter);
    s = apply(s, { t: 0, type: 'node.registered', node: node({ price: 1 }) });
    s = apply(s, {
      t: 0,
      type: 'node.registered',
      node: node({ name: 'n2', price: 2, billedFrom: 1_800_000 }),
    });
    s = apply(s, { t: 3_600_000, type: 'nodeclaim.deleted', nodeClaim: '', node: 'n1' });
    expect(costAt(s, 3_600_000)).toEqual({ perHour: 2, total: 1 + 1 });
    expect(costAt(s, 7_200_000)).toEqual({ perHour: 2, total: 1 + 3 });
  });
});

describe('PodDisruptionBudgets', () => {
  const pods = new Map(
    [
      pod('a', 'Running', { app: 'web' }),
      pod('b', 'Running', { app: 'web' }),
      pod('c', 'Pending', { app: 'web' }),
    ].map((p) => [p.key, p]),
  );
  const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  });

  it('allows healthy − minAvailable disruptions, percentages rounded up', () => {
    expect(disruptionsAllowed(pdb({ minAvailable: 1 }), pods)).toBe(1);
    expect(disruptionsAllowed(pdb({ minAvailable: '50%' }), pods)).toBe(0); // ceil(1.5) = 2 of 2 healthy
    expect(disruptionsAllowed(pdb({ maxUnavailable: 1 }), pods)).toBe(0); // one of three already unavailable
  });

  it('blocks eviction when no disruption is allowed or two PDBs cover the pod', () => {
    const a = pods.get('default/a') as PodRec;
    expect(evictionBlocked(a, [pdb({ minAvailable: 2 })], pods)).toMatch(/prevents pod evictions/);
    expect(evictionBlocked(a, [pdb({ minAvailable: 0 }), pdb({ minAvailable: 0 })], pods)).toMatch(
      /multiple PDBs/,
    );
    expect(evictionBlocked(a, [pdb({ minAvailable: 1 })], pods)).toBeUndefined();
  });

  it('evicts a pod that is not Running past a PDB whose unhealthyPodEvictionPolicy is AlwaysAllow', () => {
    const c = pods.get('default/c') as PodRec;
    const a = pods.get('default/a') as PodRec;
    const always = pdb({ maxUnavailable: 0, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(evictionBlocked(c, [always], pods)).toBeUndefined();
    // A healthy pod still counts against the budget, and the default policy protects c too.
    expect(evictionBlocked(a, [always], pods)).toMatch(/prevents pod evictions/);
    expect(evictionBlocked(c, [pdb({ maxUnavailable: 0 })], pods)).toMatch(
      /prevents pod evictions/,
    );
  });
});

describe('conversion', () => {
  it('applies the v1alpha5 webhook defaults only to keys the Provisioner leaves open', () => {
    const keys = (r: { key: string; values?: string[] }[]) =>
      Object.fromEntries(r.map((x) => [x.key, x.values]));
    expect(keys(provisionerDefaults([]))).toEqual({
      'kubernetes.io/os': ['linux'],
      'kubernetes.io/arch': ['amd64'],
      'karpenter.sh/capacity-type': ['on-demand'],
      'karpenter.k8s.aws/instance-category': ['c', 'm', 'r'],
      'karpenter.k8s.aws/instance-generation': ['2'],
    });
    const pinned = keys(
      provisionerDefaults([
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['t3.large'] },
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      ]),
    );
    expect(pinned['karpenter.k8s.aws/instance-category']).toBeUndefined();
    expect(pinned['karpenter.sh/capacity-type']).toEqual(['spot']);
  });

  it('maps ttlSecondsAfterEmpty and consolidation onto the v1 disruption block', () => {
    const np = provisionerToNodePool({
      apiVersion: 'karpenter.sh/v1alpha5',
      kind: 'Provisioner',
      metadata: { name: 'default' },
      spec: { ttlSecondsAfterEmpty: 30, limits: { resources: { cpu: 1000 } } },
    });
    expect(np.spec.disruption).toMatchObject({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '30s',
    });
    expect(np.spec.limits).toEqual({ cpu: 1000 });
    expect(np.spec.template.spec.expireAfter).toBe('Never');
  });
});

describe('image architectures', () => {
  it('treats unlisted images as multi-arch and matches listed ones by reference or repository', () => {
    const images = { 'myapp:1.0': ['arm64'], 'registry/tool': ['amd64'] };
    expect(imageRunsOn(images, 'nginx:1.27', 'arm64')).toBe(true);
    expect(imageRunsOn(images, 'myapp:1.0', 'amd64')).toBe(false);
    expect(imageRunsOn(images, 'registry/tool:2', 'arm64')).toBe(false);
  });
});

describe('NodeClaim explanations', () => {
  it('says what launched, the funnel and why the runner-up lost', () => {
    const lines = explainNodeClaim({
      name: 'default-x2k9q',
      nodePool: 'default',
      phase: 'Launched',
      createdAt: 1_000,
      requirements: [],
      instanceTypes: ['c6gd.2xlarge', 'c7g.2xlarge'],
      requests: {},
      labels: {},
      taints: [],
      startupTaints: [],
      plannedPods: ['default/a', 'default/b'],
      funnel: [
        { stage: 'catalog', count: 1345 },
        { stage: 'fits', count: 1019 },
      ],
      launch: {
        instanceType: 'c6gd.2xlarge',
        zone: 'us-east-1c',
        capacityType: 'spot',
        price: 0.064512,
        priceIsEstimate: true,
        filtered: [],
        runnerUp: {
          instanceType: 'c7g.2xlarge',
          zone: 'us-east-1a',
          capacityType: 'spot',
          price: 0.0899,
          whyLost: '$0.0899/h vs $0.0645/h',
        },
      },
    });
    expect(lines).toEqual([
      'default-x2k9q: 2 pods → c6gd.2xlarge spot in us-east-1c at $0.0645/h (estimate)',
      '  funnel: catalog 1345 → fits 1019 (2 sent)',
      '  runner-up: c7g.2xlarge spot in us-east-1a — $0.0899/h vs $0.0645/h',
    ]);
  });
});
