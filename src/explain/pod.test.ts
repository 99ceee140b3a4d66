import { describe, expect, it } from 'vitest';
import { parseResourceList } from '../sim/quantity.ts';
import { explainPod } from './pod.ts';
import {
  LARGE,
  customLabelWithoutValues,
  deployment,
  firstEvent,
  karpenterNotInstalled,
  launchHitsInsufficientCapacity,
  noNodePool,
  nodePool,
  nodePoolLimitReached,
  podKey,
  podNoTypeCanHold,
  run,
  taintNoPodTolerates,
  threePodsOnOneNode,
} from './testing.ts';

const explainAtEnd = (r: ReturnType<typeof run>, prefix: string) => {
  const e = explainPod(r.timeline, r.timeline.end, podKey(r, prefix), { catalog: r.catalog });
  if (!e) throw new Error('no explanation');
  return e;
};

describe('explainPod › a pod that found a node', () => {
  it('tells its journey in order: created, nominated in a batch, bound by kube-scheduler, started', () => {
    const r = threePodsOnOneNode();
    const e = explainAtEnd(r, 'default/inflate');
    const labels = e.journey.map((m) => m.label);
    const order = [
      'Created',
      'Karpenter planned it on a NodeClaim',
      'Bound by kube-scheduler',
      'Started',
    ].map((l) => labels.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const times = e.journey.map((m) => m.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('says where it runs and which NodeClaim Karpenter nominated it to, at which batch', () => {
    const r = threePodsOnOneNode();
    const created = firstEvent(r, 'nodeclaim.created');
    const e = explainAtEnd(r, 'default/inflate');
    expect(e.phase).toBe('Running');
    expect(e.placement).toMatchObject({
      nodeClaim: created.nodeClaim.name,
      nodePool: 'default',
      instanceType: 'large',
    });
    expect(e.headline).toContain(`nodeclaim/${created.nodeClaim.name}`);
    expect(e.headline).toContain(`batch at ${created.t / 1000}s`);
    expect(e.pending).toBeUndefined();
  });

  it('while the node boots, says the pod waits for its nominated NodeClaim', () => {
    const r = threePodsOnOneNode();
    const created = firstEvent(r, 'nodeclaim.created');
    const e = explainPod(r.timeline, created.t + 1, podKey(r, 'default/inflate'));
    expect(e?.headline).toMatch(new RegExp(`^Waiting for nodeclaim/${created.nodeClaim.name}`));
    expect(e?.placement?.nodeClaim).toBe(created.nodeClaim.name);
  });

  it('before the batch closes, says Karpenter has not decided yet', () => {
    const r = threePodsOnOneNode();
    const created = firstEvent(r, 'nodeclaim.created');
    const e = explainPod(r.timeline, created.t - 1, podKey(r, 'default/inflate'));
    expect(e?.pending?.rows.map((x) => x.kind)).toEqual(['waiting']);
  });

  it('returns undefined for a pod that never existed', () => {
    expect(explainPod(threePodsOnOneNode().timeline, 0, 'default/nope')).toBeUndefined();
  });

  it('still explains a pod after it was deleted', () => {
    const r = run([nodePool('default'), deployment('app', { replicas: 2 })], {
      actions: [{ at: '2m', run: 'kubectl scale deployment app --replicas=1' }],
    });
    const gone = r.timeline.events.find((e) => e.type === 'pod.deleted');
    if (gone?.type !== 'pod.deleted') throw new Error('fixture: no pod was deleted');
    const e = explainPod(r.timeline, r.timeline.end, gone.pod);
    expect(e?.phase).toBe('Deleted');
    expect(e?.journey.at(-1)?.label).toBe('Deleted');
  });
});

describe('explainPod › a pod left Pending, one row per NodePool', () => {
  it('a pod no type can hold: names the request and the largest allowed type', () => {
    const r = podNoTypeCanHold();
    const e = explainAtEnd(r, 'default/huge');
    const largestCpu = parseResourceList({ cpu: LARGE.cpu }).cpu ?? 0;
    expect(e.pending?.rows).toHaveLength(1);
    expect(e.pending?.rows[0]).toMatchObject({ nodePool: 'default', kind: 'resources' });
    expect(e.pending?.rows[0]?.karpenterMessage).toMatch(/^no instance type has enough resources/);
    // The largest type's allocatable is below its capacity (overhead), so it is at most LARGE.cpu.
    const m = /the largest allowed type \(large\) has ([\d.]+) CPU/.exec(e.headline);
    expect(e.headline).toMatch(/^No NodePool can run this pod: it asks for 600 CPU;/);
    expect(Number(m?.[1]) * 1000).toBeLessThanOrEqual(largestCpu);
  });

  it('a taint no pod tolerates: names the taint and the missing toleration', () => {
    const e = explainAtEnd(taintNoPodTolerates(), 'default/app');
    const row = e.pending?.rows[0];
    expect(row).toMatchObject({ nodePool: 'tainted', kind: 'taint' });
    expect(row?.sentence).toContain('team=a:NoSchedule');
    expect(row?.sentence).toContain('toleration for "team"');
    expect(row?.karpenterMessage).toBe('did not tolerate taint (taint=team=a:NoSchedule)');
    expect(e.headline).toContain('tainted — a taint the pod does not tolerate');
  });

  it('a custom label without known values: says the NodePool does not define it', () => {
    const e = explainAtEnd(customLabelWithoutValues(), 'default/app');
    const row = e.pending?.rows[0];
    expect(row?.kind).toBe('requirements');
    expect(row?.sentence).toContain('example.com/team=x');
    expect(row?.sentence).toContain('does not define it');
    expect(row?.karpenterMessage).toContain('label "example.com/team" does not have known values');
  });

  it('an arch the NodePool excludes: quotes both sides of the requirement', () => {
    const r = run([
      nodePool('default', {
        requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }],
      }),
      deployment('app', { spec: { nodeSelector: { 'kubernetes.io/arch': 'arm64' } } }),
    ]);
    const row = explainAtEnd(r, 'default/app').pending?.rows[0];
    expect(row?.sentence).toBe(
      'The pod wants kubernetes.io/arch In [arm64], but NodePool "default" only allows kubernetes.io/arch In [amd64].',
    );
  });

  it('a NodePool limit reached: shows the limit and what is in use', () => {
    const r = nodePoolLimitReached();
    const pending = [...r.timeline.final.pods.values()].filter((p) => p.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const p of pending) {
      const row = explainPod(r.timeline, r.timeline.end, p.key, { catalog: r.catalog })?.pending
        ?.rows[0];
      expect(row?.kind).toBe('limits');
      expect(row?.sentence).toContain('8 CPU (in use: 8)');
      expect(row?.karpenterMessage).toContain('exceed limits for nodepool (NodePool=default)');
    }
  });

  it('a node-count limit: says how many nodes the pool may have', () => {
    // The node a first batch created counts; a later batch finds the limit exhausted.
    const r = run(
      [nodePool('default', {}, { limits: { nodes: '1' } }), deployment('app', { replicas: 1 })],
      { actions: [{ at: '2m', run: 'kubectl scale deployment app --replicas=10' }] },
    );
    const p = [...r.timeline.final.pods.values()].find((x) => x.phase === 'Pending');
    const row = explainPod(r.timeline, r.timeline.end, p?.key ?? '')?.pending?.rows[0];
    expect(row?.sentence).toContain('its limit of 1 node;');
  });

  it('Karpenter not installed: says nothing will create a node, next to kube-scheduler’s message', () => {
    const e = explainAtEnd(karpenterNotInstalled(), 'default/app');
    expect(e.pending?.rows).toEqual([
      expect.objectContaining({
        kind: 'notInstalled',
        karpenterMessage: 'no nodes available to schedule pods',
      }),
    ]);
    expect(e.headline).toMatch(/Karpenter is not installed/);
  });

  it('no NodePool at all: says to create one', () => {
    const e = explainAtEnd(noNodePool(), 'default/app');
    expect(e.pending?.rows[0]?.kind).toBe('noNodePool');
    expect(e.headline).toBe('No NodePool can run this pod: there is no NodePool.');
    expect(e.pending?.rows[0]?.sentence).toMatch(/Apply a NodePool/);
  });

  it('NodePools whose requirements rule out every type: says to widen them', () => {
    const r = run([
      nodePool('gpu', {
        requirements: [
          { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] },
        ],
      }),
      deployment('app'),
    ]);
    const e = explainAtEnd(r, 'default/app');
    expect(e.pending?.rows[0]?.kind).toBe('noNodePool');
    expect(e.headline).toBe(
      'No NodePool can run this pod: no NodePool has a usable instance type.',
    );
    expect(e.pending?.rows[0]?.sentence).toMatch(/^NodePool "gpu" leaves no usable instance type/);
  });

  it('pod affinity to pods that do not exist: explains the affinity', () => {
    const r = run([
      nodePool('default'),
      deployment('app', {
        spec: {
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: { app: 'absent' } },
                },
              ],
            },
          },
        },
      }),
    ]);
    const row = explainAtEnd(r, 'default/app').pending?.rows[0];
    expect(row?.kind).toBe('affinity');
    expect(row?.sentence).toMatch(/\(anti-\)affinity/);
    expect(row?.karpenterMessage).toMatch(/pod affinity/);
  });

  it('a pod Karpenter ignores: the headline says why', () => {
    const r = run([
      nodePool('default'),
      deployment('app', { spec: { nodeSelector: { 'karpenter.sh/team': 'x' } } }),
    ]);
    const e = explainAtEnd(r, 'default/app');
    expect(e.pending?.rows[0]?.kind).toBe('ignored');
    expect(e.headline).toMatch(
      /^Karpenter ignores this pod: the pod selects on karpenter.sh\/team/,
    );
  });

  it('several NodePools: one row each, and the headline names every pool', () => {
    const r = run([
      nodePool('tainted', { taints: [{ key: 'team', value: 'a', effect: 'NoSchedule' }] }),
      nodePool('open'),
      deployment('huge', { cpu: '600' }),
    ]);
    const e = explainAtEnd(r, 'default/huge');
    const rows = e.pending?.rows.map((x) => `${x.nodePool}:${x.kind}`) ?? [];
    expect([...rows].sort()).toEqual(['open:resources', 'tainted:taint']);
    expect(e.headline).toContain('open — no type big enough (it asks for 600 CPU;');
    expect(e.headline).toContain('tainted — a taint the pod does not tolerate');
  });

  it('a NodeClaim whose launch failed: names it and the cloud error', () => {
    const r = launchHitsInsufficientCapacity();
    const failed = firstEvent(r, 'nodeclaim.failed');
    const e = explainPod(r.timeline, failed.t, podKey(r, 'default/app'));
    expect(e?.pending?.rows).toEqual([
      expect.objectContaining({
        kind: 'launchFailed',
        nodePool: 'default',
        karpenterMessage: failed.error,
      }),
    ]);
    expect(e?.headline).toContain(`nodeclaim/${failed.nodeClaim}`);
    expect(e?.headline).toContain(failed.error);
  });
});
