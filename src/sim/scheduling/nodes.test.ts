// Existing and in-flight nodes (§6.3 #22–#27), limits (#32–#34), DaemonSets and host ports (#29).
import { describe, expect, it } from 'vitest';
import { defaultFakeInstanceTypes, FAKE_GPU_A } from '../catalog/fake.ts';
import { LABEL } from '../labels.ts';
import { GiB } from '../quantity.ts';
import {
  daemonSet,
  launched,
  nodePool,
  placement,
  planOf,
  pod,
  pods,
  solveWith,
  stateNode,
  isScheduled,
} from './testing.ts';

const type = (name: string) => defaultFakeInstanceTypes().find((t) => t.name === name)!;

describe('existing and in-flight nodes', () => {
  it('reuses an in-flight node with room instead of launching a second one', () => {
    const node = stateNode({
      name: 'n1',
      instanceType: type('small-instance-type'),
      initialized: false,
      pods: [pod({ requests: { cpu: '10m' }, nodeName: 'n1' })],
    });
    const p = pod({ requests: { cpu: '10m' } });
    const r = solveWith({ pods: [p], nodes: [node] });
    expect(r.newNodeClaims).toHaveLength(0);
    expect(placement(r, p)).toEqual({ kind: 'existing', node: 'n1' });
  });

  it('launches a new node when the in-flight one is too full', () => {
    const node = stateNode({
      name: 'n1',
      instanceType: type('small-instance-type'),
      initialized: false,
      pods: [pod({ requests: { cpu: '1001m' }, nodeName: 'n1' })],
    });
    const p = pod({ requests: { cpu: '1' } });
    expect(solveWith({ pods: [p], nodes: [node] }).newNodeClaims).toHaveLength(1);
  });

  it('tries the initialized node before uninitialized ones whatever their names', () => {
    const nodes = Array.from({ length: 100 }, (_, i) =>
      stateNode({
        name: `n-${String(i).padStart(3, '0')}`,
        instanceType: type('default-instance-type'),
        initialized: i === 57,
      }),
    );
    const p = pod({ requests: { cpu: '10m' } });
    expect(placement(solveWith({ pods: [p], nodes }), p)).toEqual({
      kind: 'existing',
      node: 'n-057',
    });
  });

  it('ignores an uninitialized node’s ephemeral taint but not once it is initialized', () => {
    const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const };
    const p = pod();
    const booting = stateNode({
      name: 'n1',
      instanceType: type('default-instance-type'),
      initialized: false,
      taints: [notReady],
    });
    expect(placement(solveWith({ pods: [p], nodes: [booting] }), p)).toEqual({
      kind: 'existing',
      node: 'n1',
    });
    const ready = { ...booting, initialized: true };
    expect(placement(solveWith({ pods: [p], nodes: [ready] }), p)?.kind).toBe('new');
  });

  it('skips nodes marked for deletion', () => {
    const p = pod();
    const n = stateNode({
      name: 'n1',
      instanceType: type('default-instance-type'),
      markedForDeletion: true,
    });
    expect(placement(solveWith({ pods: [p], nodes: [n] }), p)?.kind).toBe('new');
  });

  it('keeps room for DaemonSet pods that have not landed yet, and not for those that have', () => {
    const ds = daemonSet({ name: 'agent', requests: { cpu: '1', memory: '1Gi' } });
    const arm = type('arm-instance-type');
    const dsPod = {
      ...pod({ requests: { cpu: '1', memory: '2Gi' }, nodeName: 'n1', ownerKind: 'DaemonSet' }),
    };
    dsPod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent' }];
    const node = stateNode({ name: 'n1', instanceType: arm, pods: [dsPod] });
    const fits = pod({ requests: { cpu: '14.9' } });
    expect(placement(solveWith({ pods: [fits], nodes: [node], daemonSets: [ds] }), fits)).toEqual({
      kind: 'existing',
      node: 'n1',
    });
    const empty = stateNode({ name: 'n2', instanceType: arm });
    const tooBig = pod({ requests: { cpu: '15' } });
    expect(
      placement(solveWith({ pods: [tooBig], nodes: [empty], daemonSets: [ds] }), tooBig),
    ).toBeUndefined();
  });

  it('reschedules a pod from a node being deleted (it still names that node)', () => {
    const old = stateNode({
      name: 'old',
      instanceType: type('default-instance-type'),
      markedForDeletion: true,
    });
    const p = pod({ nodeName: 'old', phase: 'Running', requests: { cpu: '1' } });
    old.pods.push(p);
    expect(placement(solveWith({ pods: [p], nodes: [old] }), p)?.kind).toBe('new');
  });

  it('requires custom labels strictly on existing nodes', () => {
    const n = stateNode({ name: 'n1', instanceType: type('default-instance-type') });
    const p = pod({ nodeRequirements: [[{ key: 'team', operator: 'Exists' }]] });
    const pool = nodePool({ requirements: [{ key: 'team', operator: 'In', values: ['a'] }] });
    expect(placement(solveWith({ pods: [p], nodes: [n], pools: [pool] }), p)?.kind).toBe('new');
  });
});

describe('limits', () => {
  const anti = {
    labels: { app: 'foo' },
    podAntiAffinity: [
      { topologyKey: LABEL.hostname, labelSelector: { matchLabels: { app: 'foo' } } },
    ],
  };

  it('schedules only what fits under a cpu limit (pessimistic subtractMax)', () => {
    const ps = pods(2, { ...anti, requests: { cpu: '1.5' } });
    const r = solveWith({ pods: ps, pools: [nodePool({ limits: { cpu: '3' } })] });
    expect(ps.filter((p) => isScheduled(r, p))).toHaveLength(1);
    const failed = ps.find((p) => !isScheduled(r, p))!;
    expect(r.podErrors.get(failed.metadata.uid!)?.perNodePool[0]?.kind).toBe('limits');
  });

  it('filters types whose capacity exceeds the remaining limit', () => {
    const p = pod({ requests: { [FAKE_GPU_A]: '1' } });
    const r = solveWith({ pods: [p], pools: [nodePool({ limits: { pods: '1' } })] });
    expect(isScheduled(r, p)).toBe(false);
    // Only single-pod-instance-type is under the limit, and it has no GPU.
    expect(r.podErrors.get(p.metadata.uid!)?.perNodePool[0]?.kind).toBe('resources');
    const q = pod();
    const none = solveWith({ pods: [q], pools: [nodePool({ limits: { cpu: '1' } })] });
    expect(none.podErrors.get(q.metadata.uid!)?.perNodePool[0]?.detail).toEqual({
      resources: ['cpu'],
    });
    expect(none.podErrors.get(q.metadata.uid!)?.message).toBe(
      'all available instance types exceed limits for nodepool (NodePool=default)',
    );
  });

  it('counts existing usage against the limit', () => {
    const p = pod({ requests: { cpu: '1.75' } });
    const r = solveWith({
      pods: [p],
      pools: [nodePool({ limits: { cpu: '3.5' } })],
      usage: new Map([['default', { cpu: 2000 }]]),
    });
    expect(isScheduled(r, p)).toBe(false);
  });

  // provisioning/suite_test.go "should not schedule if limits would be exceeded (node)" (v1.11+):
  // existing nodes count, the solve's own NodeClaims do not (no type's capacity carries `nodes`).
  it('counts existing nodes against a nodes limit, not the NodeClaims of the same solve', () => {
    const ps = pods(3, { ...anti, requests: { cpu: '1.5' } });
    const r = solveWith({ pods: ps, pools: [nodePool({ limits: { nodes: '2' } })] });
    expect(r.newNodeClaims).toHaveLength(3);
    const full = solveWith({
      pods: ps,
      pools: [nodePool({ limits: { nodes: '2' } })],
      usage: new Map([['default', { nodes: 2 }]]),
    });
    expect(full.newNodeClaims).toHaveLength(0);
    expect(full.podErrors.get(ps[0]!.metadata.uid!)?.message).toBe(
      'node limits have been exhausted for nodepool (NodePool=default)',
    );
  });

  it('before v1.11 the solve never reads a nodes limit (only NodeClaim creation does)', () => {
    const ps = pods(1, { requests: { cpu: '1.5' } });
    const r = solveWith({
      pods: ps,
      pools: [nodePool({ limits: { nodes: '2' } })],
      usage: new Map([['default', { nodes: 5 }]]),
      options: { nodeLimits: 'creation' },
    });
    expect(r.newNodeClaims).toHaveLength(1);
  });

  it('falls through to a lower-weight pool once the preferred one hits its limit', () => {
    const ps = pods(2, { ...anti, requests: { cpu: '1.5' } });
    const r = solveWith({
      pods: ps,
      pools: [
        nodePool({ name: 'first', weight: 10, limits: { cpu: '3' } }),
        nodePool({ name: 'second' }),
      ],
    });
    expect(r.newNodeClaims.map((c) => c.nodePool).sort()).toEqual(['first', 'second']);
  });
});

describe('DaemonSet overhead', () => {
  it('picks a type with room for the DaemonSet as well', () => {
    const ds = daemonSet({ name: 'ds', requests: { cpu: '2', memory: '2Gi' } });
    const p = pod({ requests: { cpu: '1', memory: '1Gi' } });
    const plan = planOf(solveWith({ pods: [p], daemonSets: [ds] }), p);
    expect(plan.instanceTypes[0]?.capacity).toMatchObject({ cpu: 4000, memory: 4 * GiB });
    expect(plan.daemonOverhead).toMatchObject({ cpu: 2000, memory: 2 * GiB, pods: 1 });
    expect(plan.requests).toMatchObject({ cpu: 3000, pods: 2 });
  });

  it('ignores DaemonSets that do not tolerate the pool’s taints', () => {
    const pool = nodePool({ taints: [{ key: 'x', effect: 'NoSchedule' }] });
    const ds = daemonSet({ name: 'ds', requests: { cpu: '2', memory: '2Gi' } });
    const p = pod({
      requests: { cpu: '1', memory: '1Gi' },
      tolerations: [{ key: 'x', operator: 'Exists' }],
    });
    expect(launched(planOf(solveWith({ pods: [p], daemonSets: [ds], pools: [pool] }), p))).toBe(
      'small-instance-type',
    );
  });

  it('counts an arch-specific DaemonSet only on types of that arch (v1.14 groups)', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['arm64', 'amd64'] }],
    });
    const ds = daemonSet({
      name: 'arm-agent',
      requests: { cpu: '1' },
      nodeSelector: { [LABEL.arch]: 'arm64' },
    });
    const p = pod({ requests: { cpu: '1' } });
    const v114 = planOf(solveWith({ pods: [p], daemonSets: [ds], pools: [pool] }), p);
    expect(v114.daemonOverhead).toEqual({});
    expect(launched(v114)).toBe('small-instance-type');
  });

  it('charges the arch-specific DaemonSet to every type with the ≤ v1.13 per-template overhead', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['arm64', 'amd64'] }],
    });
    const ds = daemonSet({
      name: 'arm-agent',
      requests: { cpu: '1' },
      nodeSelector: { [LABEL.arch]: 'arm64' },
    });
    const p = pod({ requests: { cpu: '1' } });
    const legacy = planOf(
      solveWith({
        pods: [p],
        daemonSets: [ds],
        pools: [pool],
        options: { daemonOverheadPerTypeGroup: false },
      }),
      p,
    );
    expect(legacy.daemonOverhead).toMatchObject({ cpu: 1000, pods: 1 });
    expect(launched(legacy)).toBe('default-instance-type');
  });

  it('counts DaemonSets selecting karpenter.sh/initialized or /registered from v1.14 only', () => {
    // suite_test.go "Should properly handle DaemonSet resources with Node Affinity for
    // karpenter.sh/initialized and karpenter.sh/registered" (#2161, v1.14); before, the template
    // had no such labels, so the DaemonSets were left out of the overhead.
    const daemons = [LABEL.initialized, LABEL.registered].map((key) =>
      daemonSet({
        name: key.split('/')[1] ?? key,
        requests: { cpu: '1' },
        nodeRequirements: [[{ key, operator: 'In', values: ['true'] }]],
      }),
    );
    const p = pod({ requests: { cpu: '2' } });
    const run = (daemonNodeStateAffinity: boolean) =>
      planOf(
        solveWith({ pods: [p], daemonSets: daemons, options: { daemonNodeStateAffinity } }),
        p,
      );
    const v114 = run(true);
    expect(v114.daemonOverhead).toMatchObject({ cpu: 2000, pods: 2 });
    expect(launched(v114)).toBe('arm-instance-type');
    // Neither the NodeClaim's requirements nor its labels carry the simulation-only keys.
    expect(v114.requirements.has(LABEL.initialized)).toBe(false);
    expect(v114.requirements.has(LABEL.registered)).toBe(false);
    const v113 = run(false);
    expect(v113.daemonOverhead).toEqual({});
    expect(launched(v113)).not.toBe('arm-instance-type');
  });

  it('fails a pod whose host port clashes with a DaemonSet’s', () => {
    const ds = daemonSet({ name: 'ds', requests: { cpu: '2', memory: '2Gi' }, hostPorts: [8080] });
    const p = pod({ requests: { cpu: '1' }, hostPorts: [8080] });
    const r = solveWith({ pods: [p], daemonSets: [ds] });
    expect(r.newNodeClaims).toHaveLength(0);
  });

  it('puts two pods using the same host port on two nodes', () => {
    const ps = pods(2, { hostPorts: [8080] });
    expect(solveWith({ pods: ps }).newNodeClaims).toHaveLength(2);
  });

  it('before v1.13 gives only one of them a new node per solve: the pool’s new NodeClaims shared one port map', () => {
    // nodeclaim.go before kubernetes-sigs/karpenter#3022 (v1.13): NewNodeClaim kept the
    // template's hostPortUsage itself, not a copy, so the second 8080 pod conflicted with the
    // first on every new NodeClaim of the pool and waited for the next batch.
    const ps = pods(2, { hostPorts: [8080] });
    const r = solveWith({ pods: ps, options: { hostPortsPerNodeClaim: false } });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(r.podErrors.size).toBe(1);
    // A pod on another port still gets the same new NodeClaim or another.
    const mixed = solveWith({
      pods: [...ps.slice(0, 1), ...pods(1, { hostPorts: [9090] })],
      options: { hostPortsPerNodeClaim: false },
    });
    expect(mixed.podErrors.size).toBe(0);
  });
});
