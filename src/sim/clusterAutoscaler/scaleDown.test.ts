import { describe, expect, it } from 'vitest';
import type { KubeObject, Volume } from '../k8s.ts';
import { deployment, scenario } from '../engine/testing.ts';
import { pdb } from '../disruption/testing.ts';
import { disruptionsAllowed } from '../engine/pdb.ts';
import type { PodRec } from '../engine/state.ts';
import { stateAfter } from '../engine/timeline.ts';
import { runClusterAutoscaler, simulateClusterAutoscaler } from './run.ts';
import { blockingPod } from './scaleDown.ts';
import { groupClaims, groupSizeOverTime, k8s, seedLab } from './testing.ts';

const MIN = 60_000;

/**
 * Three m5.large, each left with one 500m pod of `web` (utilization 0.26) once `big` goes at 3m:
 * two of the three can be emptied onto the third, one at a time.
 */
function threeHalfEmptyNodes(extra: KubeObject[] = [], until = '25m'): KubeObject[] {
  return [
    scenario({
      until,
      actions: [
        { at: '0s', run: 'kubectl scale deployment big --replicas=3' },
        { at: '3m', run: 'kubectl scale deployment big --replicas=0' },
        { at: '3m', run: 'kubectl scale deployment web --replicas=3' },
      ],
    }),
    deployment('big', { replicas: 0, cpu: '1' }),
    deployment('web', { replicas: 0, cpu: '500m' }),
    ...extra,
  ];
}

describe('cluster autoscaler: scale-down', () => {
  it('removes the seed lab’s four empty nodes together once unneeded for 10 minutes', () => {
    const tl = simulateClusterAutoscaler({ objects: seedLab({ until: '30m' }) });
    const empty = k8s(tl, 'ScaleDownEmpty');
    // Scaled to 1 at 5m: four nodes are empty from the 5m scan, removed at the 15m scan.
    expect(empty.map((e) => e.t)).toEqual([15 * MIN, 15 * MIN, 15 * MIN, 15 * MIN]);
    expect(empty[0]?.message).toMatch(/^Scale-down: removing empty node "ip-.*"$/);
    const marked = k8s(tl, 'ScaleDown').filter((e) => e.message.startsWith('marked'));
    expect(marked).toHaveLength(4);
    expect(marked.every((e) => e.object.startsWith('node/'))).toBe(true);
    const removed = k8s(tl, 'ScaleDown').filter(
      (e) => e.message === 'nodes removed by cluster autoscaler',
    );
    expect(removed.map((e) => e.object).sort()).toEqual(marked.map((e) => e.object).sort());
    // The node keeping the last 1-vCPU pod is at 0.52 utilization: not underutilized, it stays.
    const live = groupClaims(tl).filter((c) => c.phase !== 'Deleted');
    expect(live).toHaveLength(1);
    expect(tl.final.nodes.get(live[0]?.nodeName ?? '')?.terminatedAt).toBeUndefined();
  });

  it('keeps a run "until quiet" alive through the 10-minute countdown', () => {
    const tl = simulateClusterAutoscaler({ objects: seedLab() });
    expect(tl.stoppedBy).toBe('quiet');
    expect(k8s(tl, 'ScaleDownEmpty')).toHaveLength(4);
    expect(tl.end).toBeGreaterThanOrEqual(15 * MIN);
  });

  it('waits for --scale-down-delay-after-add even when nodes were unneeded long enough', () => {
    const tl = simulateClusterAutoscaler(
      { objects: seedLab({ at: '2m', until: '20m' }) },
      { scaleDownUnneededTime: MIN },
    );
    // Unneeded from 2m, due at 3m, but the scale-up at 10 s holds scale-down until 10m10s.
    expect(k8s(tl, 'ScaleDownEmpty').map((e) => e.t)).toEqual([610_000, 610_000, 610_000, 610_000]);
  });

  it('drains non-empty nodes one at a time, the next only after the first is gone', () => {
    const { timeline: tl, controller } = runClusterAutoscaler({ objects: threeHalfEmptyNodes() });
    const drains = k8s(tl, 'ScaleDown').filter((e) =>
      e.message.startsWith('Scale-down: removing node'),
    );
    expect(drains).toHaveLength(2);
    expect(drains[0]?.message).toMatch(
      /^Scale-down: removing node ip-\S+, utilization: \{cpu: 0\.26, memory: 0\.00\}, pods to reschedule: default\/web-/,
    );
    // Unneeded from the 3m scan → first drain at 13m; the second waits for the first node to go.
    expect(drains[0]?.t).toBe(13 * MIN);
    const firstGone = k8s(tl, 'InstanceTerminated')[0]?.t ?? Infinity;
    expect(drains[1]?.t).toBeGreaterThan(firstGone);
    expect(k8s(tl, 'Evicted').length).toBeGreaterThanOrEqual(2);
    expect(k8s(tl, 'ScaleDown').filter((e) => e.object.startsWith('pod/'))[0]?.message).toBe(
      'deleting pod for node scale down',
    );
    // All three web pods end on the one node left; it has nowhere to send them.
    const live = groupClaims(tl).filter((c) => c.phase !== 'Deleted');
    expect(live).toHaveLength(1);
    const web = [...tl.final.pods.values()].filter((p) => p.owner === 'Deployment/default/web');
    expect(web.map((p) => [p.phase, p.nodeName])).toEqual(
      web.map(() => ['Running', live[0]?.nodeName]),
    );
    expect([...controller.unremovable().values()]).toEqual([
      { reason: 'NotUnderutilized', detail: expect.stringMatching(/^utilization 0\.78/) },
    ]);
  });

  it('does not start a drain a PodDisruptionBudget would block', () => {
    const blocked = pdb('web', 'web', { minAvailable: 3 });
    const { timeline: tl, controller } = runClusterAutoscaler({
      objects: threeHalfEmptyNodes([blocked]),
    });
    expect(k8s(tl, 'ScaleDown')).toEqual([]);
    expect(k8s(tl, 'Evicted')).toEqual([]);
    expect(groupClaims(tl).filter((c) => c.phase !== 'Deleted')).toHaveLength(3);
    const verdicts = [...controller.unremovable().values()];
    expect(verdicts).toHaveLength(3);
    expect(verdicts.every((v) => v.reason === 'BlockedByPod')).toBe(true);
    expect(verdicts[0]?.detail).toMatch(/not enough pod disruption budget to move default\/web-/);
  });

  it('drains through a PDB that allows one eviction, never past it', () => {
    const budget = pdb('web', 'web', { maxUnavailable: 1 });
    const tl = simulateClusterAutoscaler({ objects: threeHalfEmptyNodes([budget]) });
    const drains = k8s(tl, 'ScaleDown').filter((e) => e.message.startsWith('Scale-down: removing'));
    expect(drains).toHaveLength(2);
    const evictions = tl.events.flatMap((e, i) =>
      e.type === 'k8s' && e.event.reason === 'Evicted' ? [i] : [],
    );
    expect(evictions.length).toBeGreaterThanOrEqual(2);
    for (const i of evictions)
      expect(disruptionsAllowed(budget, stateAfter(tl, i).pods)).toBeGreaterThanOrEqual(1);
    expect([...tl.final.pods.values()].every((p) => p.phase === 'Running')).toBe(true);
  });

  it('never goes below minSize', () => {
    const { timeline: tl, controller } = runClusterAutoscaler(
      { objects: seedLab({ until: '30m' }) },
      { minSize: 3 },
    );
    expect(k8s(tl, 'ScaleDownEmpty')).toHaveLength(2);
    expect(groupSizeOverTime(tl).at(-1)?.n).toBe(3);
    expect([...controller.unremovable().values()].map((v) => v.reason).sort()).toEqual([
      'NodeGroupMinSizeReached',
      'NodeGroupMinSizeReached',
      'NotUnderutilized',
    ]);
  });
});

describe('cluster autoscaler: pods that block a scale-down', () => {
  const pod = (
    o: Partial<PodRec> & { ns?: string; annotations?: Record<string, string>; volumes?: Volume[] },
  ): PodRec => ({
    key: `${o.ns ?? 'default'}/p`,
    uid: 'p',
    phase: 'Running',
    createdAt: 0,
    requests: {},
    owner: 'Deployment/default/p',
    ...o,
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p',
        namespace: o.ns ?? 'default',
        labels: { app: 'p' },
        ...(o.annotations ? { annotations: o.annotations } : {}),
      },
      spec: { containers: [{ name: 'c' }], ...(o.volumes ? { volumes: o.volumes } : {}) },
    },
  });

  it('follows CA’s drainability rules', () => {
    expect(blockingPod(pod({}), [])).toBeUndefined();
    const { owner: _o, ...bare } = pod({});
    expect(blockingPod(bare, [])).toMatch(/not replicated/);
    expect(
      blockingPod(
        pod({ annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } }),
        [],
      ),
    ).toMatch(/safe-to-evict=false/);
    expect(blockingPod(pod({ ns: 'kube-system' }), [])).toMatch(/kube-system/);
    expect(blockingPod(pod({ volumes: [{ name: 'scratch', emptyDir: {} }] }), [])).toMatch(
      /local storage/,
    );
    expect(
      blockingPod(pod({ volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory' } }] }), []),
    ).toBeUndefined();
    // safe-to-evict: "true" lifts the controller, kube-system and local-storage rules.
    expect(
      blockingPod(
        {
          ...bare,
          ...pod({
            ns: 'kube-system',
            annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
          }),
        },
        [],
      ),
    ).toBeUndefined();
  });
});
