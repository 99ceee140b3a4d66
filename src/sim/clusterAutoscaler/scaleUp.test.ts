import { describe, expect, it } from 'vitest';
import type { DaemonSet, KubeObject } from '../k8s.ts';
import { deployment, scenario } from '../engine/testing.ts';
import { runClusterAutoscaler, simulateClusterAutoscaler } from './run.ts';
import { groupClaims, groupSizeOverTime, k8s, seedLab } from './testing.ts';

const until = (objects: KubeObject[], u = '10m'): KubeObject[] =>
  objects.map((o) => (o.kind === 'Scenario' ? { ...o, spec: { ...o.spec, until: u } } : o));

function daemonSet(name: string, cpu: string): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, resources: { requests: { cpu } } }] },
      },
    },
  };
}

describe('cluster autoscaler: scale-up', () => {
  it('scales the seed lab up at the first 10 s scan: one m5.large per 1-vCPU pod, launched 30 s later', () => {
    const tl = simulateClusterAutoscaler({ objects: seedLab({ until: '4m' }) });
    const [up, ...more] = k8s(tl, 'ScaledUpGroup');
    expect(up).toMatchObject({
      t: 10_000,
      object: 'configmap/kube-system/cluster-autoscaler-status',
      message: 'Scale-up: setting group ca-workers size to 5 instead of 0 (max: 100)',
    });
    expect(more).toEqual([]);
    const triggered = k8s(tl, 'TriggeredScaleUp');
    expect(triggered).toHaveLength(5);
    expect(new Set(triggered.map((e) => e.message))).toEqual(
      new Set(['pod triggered scale-up: [{ca-workers 0->5 (max: 100)}]']),
    );
    const claims = groupClaims(tl);
    expect(claims.map((c) => c.createdAt)).toEqual([40_000, 40_000, 40_000, 40_000, 40_000]);
    expect(claims.every((c) => c.launch?.instanceType === 'm5.large')).toBe(true);
    expect(claims.every((c) => c.launch?.capacityType === 'on-demand')).toBe(true);
    // The ASG balances its zones.
    expect(claims.map((c) => c.launch?.zone).sort()).toEqual([
      'us-east-1a',
      'us-east-1a',
      'us-east-1b',
      'us-east-1b',
      'us-east-1c',
    ]);
    const pods = [...tl.final.pods.values()];
    expect(pods.every((p) => p.phase === 'Running')).toBe(true);
    expect(new Set(pods.map((p) => p.nodeName)).size).toBe(5);
  });

  it('does not scale up again for pods that will fit nodes it already asked for', () => {
    const objects = seedLab({ replicas: 4, after: 6, at: '20s', until: '5m' });
    const tl = simulateClusterAutoscaler({ objects, seed: 3 });
    // 4 pods at 0 s → 4 nodes at the 10 s scan; 2 more at 20 s (marked Unschedulable just after
    // that scan) → 2 more nodes at the 30 s scan, not 6: the first 4 are upcoming.
    expect(k8s(tl, 'ScaledUpGroup').map((e) => [e.t, e.message])).toEqual([
      [10_000, 'Scale-up: setting group ca-workers size to 4 instead of 0 (max: 100)'],
      [30_000, 'Scale-up: setting group ca-workers size to 6 instead of 4 (max: 100)'],
    ]);
    expect(groupClaims(tl)).toHaveLength(6);
  });

  it('lets pods that fit an upcoming node wait for it instead of adding nodes', () => {
    // 600m pods pack three per m5.large (1930m): two pods → one node at 10 s; the third pod (20 s)
    // fits that node while it boots, so it waits for it.
    const objects = seedLab({ replicas: 2, after: 3, at: '20s', until: '5m', cpu: '600m' });
    const tl = simulateClusterAutoscaler({ objects });
    expect(k8s(tl, 'ScaledUpGroup').map((e) => e.message)).toEqual([
      'Scale-up: setting group ca-workers size to 1 instead of 0 (max: 100)',
    ]);
    expect([...tl.final.pods.values()].map((p) => p.phase)).toEqual([
      'Running',
      'Running',
      'Running',
    ]);
  });

  it('bin-packs first-fit: ten 500m pods need four m5.large (three per node)', () => {
    const tl = simulateClusterAutoscaler({
      objects: seedLab({ replicas: 10, after: 10, cpu: '500m', until: '4m' }),
    });
    expect(k8s(tl, 'ScaledUpGroup')[0]?.message).toBe(
      'Scale-up: setting group ca-workers size to 4 instead of 0 (max: 100)',
    );
    expect(groupClaims(tl)).toHaveLength(4);
  });

  it('counts DaemonSet pods on the template node', () => {
    // 700m pods: two per bare m5.large (1930m), one when a 600m DaemonSet runs on every node.
    const bare = simulateClusterAutoscaler({
      objects: seedLab({ replicas: 4, after: 4, cpu: '700m', until: '3m' }),
    });
    const withDs = simulateClusterAutoscaler({
      objects: [
        ...seedLab({ replicas: 4, after: 4, cpu: '700m', until: '3m' }),
        daemonSet('agent', '600m'),
      ],
    });
    expect(groupClaims(bare)).toHaveLength(2);
    expect(groupClaims(withDs)).toHaveLength(4);
  });

  it('stops at maxSize: the rest stay Pending with "max node group size reached"', () => {
    const objects = seedLab({
      replicas: 5,
      after: 5,
      until: '5m',
      spec: { clusterAutoscaler: { maxSize: 3 } },
    });
    const tl = simulateClusterAutoscaler({ objects });
    expect(k8s(tl, 'ScaledUpGroup').map((e) => e.message)).toEqual([
      'Scale-up: setting group ca-workers size to 3 instead of 0 (max: 3)',
    ]);
    const refused = k8s(tl, 'NotTriggerScaleUp');
    expect(refused.map((e) => e.message)).toEqual([
      "pod didn't trigger scale-up: 1 max node group size reached",
      "pod didn't trigger scale-up: 1 max node group size reached",
    ]);
    expect(Math.max(...groupSizeOverTime(tl).map((s) => s.n))).toBe(3);
    const phases = [...tl.final.pods.values()].map((p) => p.phase).sort();
    expect(phases).toEqual(['Pending', 'Pending', 'Running', 'Running', 'Running']);
  });

  it("says why a pod that would not fit even an empty template node didn't trigger a scale-up", () => {
    const tl = simulateClusterAutoscaler({
      objects: seedLab({ replicas: 1, after: 1, cpu: '4', until: '2m' }),
    });
    expect(k8s(tl, 'NotTriggerScaleUp').map((e) => e.message)).toEqual([
      "pod didn't trigger scale-up: 1 Insufficient cpu",
    ]);
    expect(groupClaims(tl)).toEqual([]);
    expect(k8s(tl, 'ScaledUpGroup')).toEqual([]);
  });

  it('checks node selectors against the template labels (arch)', () => {
    const objects: KubeObject[] = [
      scenario({ until: '2m' }),
      deployment('arm', {
        replicas: 1,
        spec: { nodeSelector: { 'kubernetes.io/arch': 'arm64' }, containers: [{ name: 'c' }] },
      }),
    ];
    const tl = simulateClusterAutoscaler({ objects });
    expect(k8s(tl, 'NotTriggerScaleUp').map((e) => e.message)).toEqual([
      "pod didn't trigger scale-up: 1 node(s) didn't match Pod's node affinity/selector",
    ]);
    // The same pod triggers a scale-up of a Graviton node group.
    const graviton = simulateClusterAutoscaler({ objects }, { instanceType: 'm6g.large' });
    expect(groupClaims(graviton)).toHaveLength(1);
  });

  it('reports an instance type the catalog does not have as a warning, and scales nothing', () => {
    const objects = seedLab({
      until: '1m',
      spec: { clusterAutoscaler: { instanceType: 'm5.huge' } },
    });
    const tl = simulateClusterAutoscaler({ objects });
    expect(tl.warnings.join('\n')).toMatch(
      /node group ca-workers: instance type "m5\.huge" is not in the catalog/,
    );
    expect(groupClaims(tl)).toEqual([]);
  });

  it('keeps Karpenter out: helm installs are dropped with a warning, kubectl actions still run', () => {
    const objects = until(
      seedLab({
        spec: {
          actions: [
            { at: '0s', run: 'kubectl scale deployment inflate --replicas=2' },
            { at: '5s', run: 'helm install karpenter oci://x/karpenter --version 1.14.1' },
          ],
        },
      }),
      '3m',
    );
    const { timeline: tl } = runClusterAutoscaler({ objects });
    expect(tl.final.karpenter.installed).toBe(false);
    expect(tl.warnings).toContain(
      '"helm install karpenter oci://x/karpenter --version 1.14.1" (at 5s) was not run: this run uses Cluster Autoscaler, so Karpenter stays uninstalled',
    );
    expect([...tl.final.nodeClaims.values()].every((c) => c.nodePool === 'ca-workers')).toBe(true);
    expect(groupClaims(tl)).toHaveLength(2);
  });

  it('retries in another zone when the ASG cannot launch in one (ICE)', () => {
    const objects = seedLab({
      until: '10m',
      spec: {
        actions: [
          { at: '0s', ice: { instanceType: 'm5.large', zone: 'us-east-1a', for: '20m' } },
          { at: '0s', run: 'kubectl scale deployment inflate --replicas=5' },
        ],
      },
    });
    const tl = simulateClusterAutoscaler({ objects });
    const zone = (c: { requirements: { key: string; values?: string[] }[] }) =>
      c.requirements.find((r) => r.key === 'topology.kubernetes.io/zone')?.values?.[0];
    const claims = groupClaims(tl);
    const failed = claims.filter((c) => c.phase === 'Failed');
    expect(failed.map(zone)).toEqual(['us-east-1a', 'us-east-1a']);
    // The two pods whose instances failed trigger a new scale-up, away from the failing zone.
    expect(k8s(tl, 'ScaledUpGroup').map((e) => e.message)).toEqual([
      'Scale-up: setting group ca-workers size to 5 instead of 0 (max: 100)',
      'Scale-up: setting group ca-workers size to 5 instead of 3 (max: 100)',
    ]);
    const retried = claims.filter((c) => c.createdAt > 40_000);
    expect(retried.map(zone).includes('us-east-1a')).toBe(false);
    expect([...tl.final.pods.values()].every((p) => p.phase === 'Running')).toBe(true);
  });

  it('launches minSize nodes with the ASG even without pending pods', () => {
    const tl = simulateClusterAutoscaler(
      {
        objects: seedLab({ replicas: 0, after: 0, until: '30m' }),
        actions: [],
      },
      { minSize: 2 },
    );
    expect(groupClaims(tl).map((c) => [c.createdAt, c.phase])).toEqual([
      [40_000, 'Initialized'],
      [40_000, 'Initialized'],
    ]);
    expect(k8s(tl, 'ScaleDownEmpty')).toEqual([]);
  });
});
