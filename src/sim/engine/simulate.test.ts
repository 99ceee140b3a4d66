import { describe, expect, it } from 'vitest';
import type { KubeObject, Scenario } from '../k8s.ts';
import { simulate, type SimulationInput } from './simulate.ts';
import { toJSON } from './json.ts';
import type { SimEvent } from './events.ts';
import { deployment, existingNode, fakeType, nodePool, provisioner, scenario } from './testing.ts';

const SMALL = fakeType('small', 2, 4, { price: 0.1 });
const LARGE = fakeType('large', 8, 32, { price: 0.4 });

function lab(spec: Scenario['spec'], ...objects: KubeObject[]): SimulationInput {
  return { objects: [scenario({ instanceTypes: [SMALL, LARGE], ...spec }), ...objects] };
}

function first<T extends SimEvent['type']>(
  events: SimEvent[],
  type: T,
  pred: (e: Extract<SimEvent, { type: T }>) => boolean = () => true,
) {
  return events.find(
    (e): e is Extract<SimEvent, { type: T }> =>
      e.type === type && pred(e as Extract<SimEvent, { type: T }>),
  );
}

function reasons(tl: ReturnType<typeof simulate>): string[] {
  return tl.events.flatMap((e) => (e.type === 'k8s' ? [e.event.reason] : []));
}

describe('simulate › provisioning', () => {
  it('creates one NodeClaim for a batch and binds pods only once the node is Ready (no pre-binding)', () => {
    const tl = simulate(lab({}, nodePool('default'), deployment('inflate', { replicas: 3 })));
    const created = tl.events.filter((e) => e.type === 'nodeclaim.created');
    expect(created).toHaveLength(1);
    expect(created[0]?.t).toBe(1_000); // batch idle window after the pods appeared at t=0
    const ready = first(tl.events, 'node.ready');
    const bound = tl.events.filter((e) => e.type === 'pod.bound');
    expect(bound).toHaveLength(3);
    for (const b of bound) expect(b.t).toBeGreaterThanOrEqual(ready?.t ?? Infinity);
    const nominated = tl.events.filter((e) => e.type === 'pod.nominated');
    expect(nominated.every((n) => n.t < (ready?.t ?? 0))).toBe(true);
    const json = toJSON(tl);
    expect(json.pods.every((p) => p.phase === 'Running')).toBe(true);
    expect(json.nodes[0]).toMatchObject({
      instanceType: 'large',
      state: 'ready',
      nodePool: 'default',
    });
  });

  it('does not launch a second node when an in-flight node can hold the new pod', () => {
    const tl = simulate(
      lab(
        {
          instanceTypes: [SMALL],
          actions: [{ at: '5s', run: 'kubectl scale deployment inflate --replicas=2' }],
        },
        nodePool('default'),
        deployment('inflate', { replicas: 1 }),
      ),
    );
    expect(tl.events.filter((e) => e.type === 'nodeclaim.created')).toHaveLength(1);
    const json = toJSON(tl);
    expect(json.nodes).toHaveLength(1);
    expect(json.nodes[0]?.pods).toHaveLength(2);
  });

  it('closes a batch 10 s after the first pod when new pods keep arriving', () => {
    const actions = Array.from({ length: 30 }, (_, i) => ({
      at: `${i * 500}ms`,
      run: `kubectl scale deployment inflate --replicas=${i + 1}`,
    }));
    const tl = simulate(
      lab({ actions }, nodePool('default'), deployment('inflate', { replicas: 0, cpu: '100m' })),
    );
    expect(first(tl.events, 'nodeclaim.created')?.t).toBe(10_000);
  });

  it('follows the configured batch windows', () => {
    const tl = simulate(
      lab(
        { karpenter: { batchIdleDuration: '3s' } },
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ),
    );
    expect(first(tl.events, 'nodeclaim.created')?.t).toBe(3_000);
  });

  it('leaves a pod no instance type can hold Pending with Karpenter’s reason, and creates no NodeClaim', () => {
    const tl = simulate(
      lab({}, nodePool('default'), deployment('huge', { replicas: 1, cpu: '512', memory: '2Ti' })),
    );
    expect(tl.events.some((e) => e.type === 'nodeclaim.created')).toBe(false);
    const pod = toJSON(tl).pods[0];
    expect(pod?.phase).toBe('Pending');
    expect(pod?.reason).toMatch(/incompatible|resources|instance type/i);
    expect(pod?.nodePools?.[0]).toMatchObject({ nodePool: 'default', kind: 'resources' });
    expect(pod?.nodePools?.[0]?.plain).toMatch(/big enough/);
    expect(reasons(tl)).toContain('FailedScheduling');
  });

  it('provisions nothing while Karpenter is not installed, then reacts to helm install', () => {
    const tl = simulate(
      lab(
        {
          karpenter: { installed: false },
          actions: [
            {
              at: '1m',
              run: 'helm install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.14.1',
            },
          ],
        },
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ),
    );
    const created = first(tl.events, 'nodeclaim.created');
    expect(created?.t).toBeGreaterThanOrEqual(60_000);
    expect(toJSON(tl).pods.every((p) => p.phase === 'Running')).toBe(true);
  });

  it('keeps pods Pending with a reason when Karpenter never gets installed', () => {
    const tl = simulate(
      lab(
        { karpenter: { installed: false } },
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ),
    );
    for (const p of toJSON(tl).pods) expect(p.reason).toMatch(/not installed/);
  });

  it('fills room on existing nodes before creating NodeClaims, and starts workspace pods Running', () => {
    const node = existingNode('ip-10-0-1-1.ec2.internal', {
      'kubernetes.io/arch': 'amd64',
      'topology.kubernetes.io/zone': 'test-zone-1',
      'node.kubernetes.io/instance-type': 'large',
    });
    const tl = simulate(lab({}, nodePool('default'), node, deployment('inflate', { replicas: 2 })));
    expect(tl.events.some((e) => e.type === 'nodeclaim.created')).toBe(false);
    const json = toJSON(tl);
    expect(json.nodes).toHaveLength(1);
    expect(json.nodes[0]?.pods).toHaveLength(2);
    expect(json.nodes[0]?.createdAt).toBe(0);
  });

  it('runs DaemonSet pods on every node and counts them in its usage', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }] },
        },
      },
    };
    // Re-applying the DaemonSet converges every node again: still one agent pod per node. A
    // DaemonSet applied later reaches the nodes there are and those that register afterwards.
    const logs: KubeObject = { ...ds, metadata: { name: 'logs', namespace: 'kube-system' } };
    const tl = simulate({
      ...lab(
        {
          actions: [
            { at: '2m', run: 'kubectl apply -f agent.yaml' },
            { at: '3m', run: 'kubectl scale deployment inflate --replicas=24' },
          ],
        },
        nodePool('default'),
        ds,
        deployment('inflate', { replicas: 12 }),
      ),
      heldBack: { 'agent.yaml': [ds, logs] },
    });
    const json = toJSON(tl);
    const early = json.nodes.filter((n) => n.createdAt < 120).length;
    expect(early).toBeGreaterThan(1);
    expect(json.nodes.length).toBeGreaterThan(early);
    for (const n of json.nodes) {
      expect(n.pods.filter((p) => p.startsWith('kube-system/agent-'))).toHaveLength(1);
      expect(n.pods.filter((p) => p.startsWith('kube-system/logs-'))).toHaveLength(1);
    }
  });

  it('places a DaemonSet pod kept off by a startup taint once initialization removes the taint', () => {
    // Karpenter sizes the node for the agent (pkg/controllers/provisioning/suite_test.go "should
    // account for daemonsets (with startup taint)"); the DaemonSet controller creates its pod when
    // the taint goes. The lab created DaemonSet pods only at registration, so the agent never ran.
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }] },
        },
      },
    };
    const tl = simulate(
      lab(
        {},
        nodePool('default', { startupTaints: [{ key: 'foo.com/taint', effect: 'NoSchedule' }] }),
        ds,
        deployment('inflate', { replicas: 1 }),
      ),
    );
    const json = toJSON(tl);
    expect(json.nodes).toHaveLength(1);
    const agent = json.pods.find((p) => p.name.startsWith('agent-'));
    expect(agent?.phase).toBe('Running');
    expect(agent?.nodeName).toBe(json.nodes[0]?.name);
    const bound = first(tl.events, 'pod.bound', (e) => e.pod === `kube-system/${agent?.name}`);
    const ready = first(tl.events, 'node.ready');
    expect(bound?.t).toBe(ready?.t);
  });

  it('fails a pod whose image lacks the node architecture with exec format error', () => {
    const tl = simulate(
      lab(
        { images: { 'myapp:1.0': ['arm64'] } },
        nodePool('default'),
        deployment('app', { replicas: 1, image: 'myapp:1.0' }),
      ),
    );
    const pod = toJSON(tl).pods[0];
    expect(pod?.phase).toBe('Failed');
    expect(pod?.reason).toMatch(/CrashLoopBackOff: exec format error/);
  });
});

describe('simulate › Karpenter versions', () => {
  it('runs a Provisioner under Karpenter v0.31 as v1alpha5 and applies the webhook defaults (on-demand)', () => {
    const tl = simulate({
      objects: [
        provisioner('default', { ttlSecondsAfterEmpty: 30 }),
        deployment('inflate', { replicas: 2 }),
        scenario({
          karpenter: { version: 'v0.31' },
          instanceTypes: [
            {
              ...fakeType('c5.large', 2, 4, { capacityTypes: ['spot', 'on-demand'] }),
              labels: {
                'karpenter.k8s.aws/instance-category': 'c',
                'karpenter.k8s.aws/instance-generation': '5',
              },
            },
            {
              ...fakeType('t3.large', 2, 8, { capacityTypes: ['spot', 'on-demand'], price: 0.01 }),
              labels: {
                'karpenter.k8s.aws/instance-category': 't',
                'karpenter.k8s.aws/instance-generation': '3',
              },
            },
          ],
        }),
      ],
    });
    expect(tl.semantics).toBe('v1alpha5');
    const node = toJSON(tl).nodes[0];
    expect(node).toMatchObject({ capacityType: 'on-demand', instanceType: 'c5.large' });
  });

  it.each([{ karpenter: { version: 'v1' } }, {}])(
    'ignores Provisioners under v1 (here %j) with a warning',
    (spec) => {
      const tl = simulate(
        lab(spec, provisioner('default'), deployment('inflate', { replicas: 1 })),
      );
      expect(tl.warnings.join('\n')).toMatch(/Provisioner default is ignored/);
      expect(toJSON(tl).pods[0]?.phase).toBe('Pending');
    },
  );
});

describe('simulate › capacity and disruption of nodes', () => {
  it('falls back to the next offering when the cloud is out of the cheapest, and caches it for 3 minutes', () => {
    const tl = simulate(
      lab(
        { actions: [{ at: '0s', ice: { instanceType: 'large' } }] },
        nodePool('default'),
        deployment('inflate', { replicas: 3 }),
      ),
    );
    const unavailable = tl.events.filter((e) => e.type === 'offering.unavailable');
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable[0]).toMatchObject({ until: (unavailable[0]?.t ?? 0) + 180_000 });
    expect(toJSON(tl).nodes.every((n) => n.instanceType === 'small')).toBe(true);
    expect(tl.events.some((e) => e.type === 'offering.available')).toBe(true);
  });

  it('deletes a NodeClaim that cannot launch anywhere and re-provisions its pods in a later batch', () => {
    const tl = simulate(
      lab(
        {
          actions: [
            { at: '0s', ice: { instanceType: 'large', for: '1h' } },
            { at: '0s', ice: { instanceType: 'small', for: '1h' } },
          ],
        },
        nodePool('default'),
        deployment('inflate', { replicas: 1 }),
      ),
    );
    expect(reasons(tl)).toContain('InsufficientCapacityError');
    expect(first(tl.events, 'nodeclaim.failed')).toBeDefined();
    // While every offering is unavailable the pod waits, provisionable again…
    expect(toJSON(tl, 30 * 60_000).pods[0]?.phase).toBe('Pending');
    // …and once the ICE entries expire a later batch launches a node for it.
    expect(toJSON(tl).pods[0]?.phase).toBe('Running');
    expect(toJSON(tl).nodeClaims.length).toBeGreaterThan(1);
  });

  it('drains a deleted NodeClaim: its pods are recreated and land on a new node', () => {
    const base = simulate(lab({}, nodePool('default'), deployment('inflate', { replicas: 2 })));
    const claim = toJSON(base).nodeClaims[0]?.name ?? '';
    const tl = simulate(
      lab(
        { actions: [{ at: '2m', run: `kubectl delete nodeclaim ${claim}` }] },
        nodePool('default'),
        deployment('inflate', { replicas: 2 }),
      ),
    );
    const json = toJSON(tl);
    expect(json.nodes.find((n) => n.state === 'terminated')?.terminatedAt).toBeGreaterThan(120);
    expect(json.pods).toHaveLength(2);
    expect(json.pods.every((p) => p.phase === 'Running')).toBe(true);
    expect(reasons(tl)).toEqual(expect.arrayContaining(['Evicted', 'InstanceTerminated']));
  });

  it('does not evict past a PodDisruptionBudget while draining', () => {
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    };
    const base = simulate(lab({}, nodePool('default'), deployment('web', { replicas: 2 })));
    const node = toJSON(base).nodes[0]?.name ?? '';
    const tl = simulate({
      ...lab(
        { actions: [{ at: '2m', run: `kubectl drain ${node}` }] },
        nodePool('default'),
        pdb,
        deployment('web', { replicas: 2 }),
      ),
      until: 240_000,
    });
    expect(reasons(tl)).toContain('FailedDraining');
    expect(reasons(tl)).not.toContain('Evicted');
    expect(toJSON(tl).nodes[0]?.state).toBe('draining');
  });

  it('handles a spot interruption: notice, offering cached unavailable, node reclaimed within 2 minutes', () => {
    const spotOnly = [
      fakeType('small', 2, 4, { capacityTypes: ['spot'] }),
      fakeType('large', 8, 32, { capacityTypes: ['spot'] }),
    ];
    const base = simulate({
      objects: [
        scenario({ instanceTypes: spotOnly }),
        nodePool('default'),
        deployment('inflate', { replicas: 1 }),
      ],
    });
    const node = toJSON(base).nodes[0]?.name ?? '';
    const tl = simulate({
      objects: [
        scenario({ instanceTypes: spotOnly, actions: [{ at: '2m', interrupt: { node } }] }),
        nodePool('default'),
        deployment('inflate', { replicas: 1 }),
      ],
    });
    expect(reasons(tl)).toContain('SpotInterrupted');
    const terminated = toJSON(tl).nodes.find((n) => n.name === node);
    expect(terminated?.terminatedAt).toBeLessThanOrEqual(240);
    expect(tl.events.some((e) => e.type === 'offering.unavailable')).toBe(true);
    expect(toJSON(tl).pods[0]?.phase).toBe('Running');
  });
});

describe('simulate › bad input and long runs', () => {
  it('refuses 100,000 replicas with a clear limit instead of freezing', () => {
    const tl = simulate(lab({}, nodePool('default'), deployment('inflate', { replicas: 100_000 })));
    expect(tl.stoppedBy).toBe('refused');
    expect(tl.refused).toMatch(/100,000 pods.*at most 20,000/);
  });

  it('refuses a scale action past the limit and records the error', () => {
    const tl = simulate(
      lab(
        { actions: [{ at: '0s', run: 'kubectl scale deployment inflate --replicas=50000' }] },
        nodePool('default'),
        deployment('inflate', { replicas: 1 }),
      ),
    );
    expect(tl.events.some((e) => e.type === 'action' && /refused/.test(e.error ?? ''))).toBe(true);
  });

  it('records an action on a missing object as a failed action, not an exception', () => {
    const tl = simulate(
      lab(
        { actions: [{ at: '5s', run: 'kubectl scale deployment nope --replicas=2' }] },
        nodePool('default'),
      ),
    );
    expect(tl.events.some((e) => e.type === 'action' && /not found/.test(e.error ?? ''))).toBe(
      true,
    );
  });

  it('reports progress and stops when cancelled', () => {
    const seen: number[] = [];
    const tl = simulate({
      ...lab({}, nodePool('default'), deployment('inflate', { replicas: 400, cpu: '100m' })),
      until: 3_600_000,
      onProgress: (p) => seen.push(p.done),
      isCancelled: () => seen.length >= 1,
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(tl.stoppedBy).toBe('cancelled');
  });
});

describe('simulate › NodePool constraints', () => {
  it('reports NoCompatibleInstanceTypes for a pool no instance type can satisfy', () => {
    const armOnly = nodePool('arm', {
      requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }],
    });
    const tl = simulate(lab({}, armOnly, deployment('inflate', { replicas: 1 })));
    expect(reasons(tl)).toContain('NoCompatibleInstanceTypes');
    expect(toJSON(tl).pods[0]?.phase).toBe('Pending');
  });

  it('stops at the NodePool cpu limit and says so on the pods left Pending', () => {
    const limited = nodePool('default', {}, { limits: { cpu: '8' } });
    const tl = simulate(lab({}, limited, deployment('inflate', { replicas: 12, cpu: '1' })));
    const json = toJSON(tl);
    expect(
      json.nodes.reduce((cpu, n) => cpu + (n.instanceType === 'large' ? 8 : 2), 0),
    ).toBeLessThanOrEqual(8);
    const pending = json.pods.filter((p) => p.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const p of pending) expect(p.reason).toMatch(/limit/);
  });
});

describe('helm upgrade across the v1alpha5 → v1 line', () => {
  it('says which Provisioner Karpenter 1.x no longer serves', () => {
    const timeline = simulate({
      objects: [
        scenario({
          karpenter: { version: 'v0.31' },
          actions: [
            {
              at: '1m',
              run: 'helm upgrade karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.0.0',
            },
            { at: '90s', run: 'kubectl scale deployment inflate --replicas=2' },
          ],
          until: '2m',
        }),
        provisioner('default'),
        deployment('inflate', { replicas: 1 }),
      ],
    });
    // The pod created after the upgrade: v1 has no NodePool to serve it.
    const pod = [...timeline.final.pods.values()].find((p) => p.phase === 'Pending');
    expect(pod?.error?.message).toBe('no nodepools found');
    expect(timeline.warnings).toContain(
      'helm at 1m: Karpenter 1.0.0 does not serve Provisioner "default" (the v1alpha5 API was removed in v0.33); convert it to a NodePool',
    );
  });
});

describe('helm upgrade within v1', () => {
  it('solves with the new version’s numbers from the upgrade on (MaxInstanceTypes 60 → 600 at v1.7)', () => {
    const timeline = simulate({
      objects: [
        scenario({
          karpenter: { version: 'v1.6' },
          actions: [
            {
              at: '1m',
              run: 'helm upgrade karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.7.0',
            },
            { at: '2m', run: 'kubectl scale deployment big --replicas=2' },
          ],
          until: '3m',
        }),
        nodePool('default'),
        deployment('big', { replicas: 1, cpu: '40' }),
      ],
    });
    const claims = [...timeline.final.nodeClaims.values()].sort(
      (a, b) => a.createdAt - b.createdAt,
    );
    expect(claims).toHaveLength(2);
    expect(claims[0]?.instanceTypes).toHaveLength(60);
    expect(claims[1]?.instanceTypes.length).toBeGreaterThan(60);
  });
});
