import { describe, expect, it } from 'vitest';
import type { DaemonSet, KubeObject, Scenario } from '../k8s.ts';
import { costAt } from '../engine/json.ts';
import { simulate } from '../engine/simulate.ts';
import { deployment, fakeType, nodePool, scenario } from '../engine/testing.ts';
import type { Timeline } from '../engine/timeline.ts';
import { compareMetrics } from './metrics.ts';

const HOUR = 3_600_000;

/** One 2-vCPU type at $0.20/h in one zone, no boot jitter: every time in the run is exact. */
function run(objects: KubeObject[], spec: Partial<Scenario['spec']> = {}): Timeline {
  return simulate({
    objects: [
      scenario({
        until: '1h',
        instanceTypes: [fakeType('c-2x', 2, 8, { price: 0.2, zones: ['test-zone-1'] })],
        karpenter: { timings: { jitter: '0' } },
        ...spec,
      }),
      nodePool('default'),
      ...objects,
    ],
  });
}

const only = <T>(xs: Iterable<T>): T => {
  const [x, ...rest] = [...xs];
  if (x === undefined || rest.length > 0) throw new Error('expected exactly one');
  return x;
};

describe('compareMetrics', () => {
  it('measures one pod on one node: wait, cost, paid and idle capacity', () => {
    const tl = run([deployment('app', { replicas: 1, cpu: '1', memory: '1Gi' })]);
    const node = only(tl.final.nodes.values());
    const pod = only(tl.final.pods.values());
    // batch 1 s → launch 2 s → register 30 s → initialize 15 s → image pull 2 s.
    expect([node.billedFrom, node.createdAt, pod.boundAt, pod.startedAt]).toEqual([
      3_000, 33_000, 48_000, 50_000,
    ]);
    const m = compareMetrics(tl);
    expect(m.horizon).toBe(HOUR);
    expect(m.pods).toEqual({
      created: 1,
      running: 1,
      neverRan: 0,
      pendingAtEnd: 0,
      maxWait: 50_000,
      meanWait: 50_000,
    });
    expect(m.waves).toEqual([{ start: 0, end: 50_000, pods: 1 }]);
    expect(m.timeToAllRunning).toBe(50_000);
    expect(m.allRunningAtEnd).toBe(true);
    const billed = (HOUR - 3_000) / HOUR;
    expect(m.cost.totalUsd).toBeCloseTo(0.2 * billed, 6);
    expect(m.cost.perHourAtEnd).toBe(0.2);
    const allocCpu = (node.allocatable.cpu ?? 0) / 1000;
    const allocGiB = (node.allocatable.memory ?? 0) / 1024 ** 3;
    const requested = (HOUR - 48_000) / HOUR;
    expect(m.capacity.paidVcpuHours).toBeCloseTo(2 * billed, 4);
    expect(m.capacity.requestedVcpuHours).toBeCloseTo(requested, 4);
    expect(m.capacity.idleVcpuHours).toBeCloseTo(allocCpu * billed - requested, 4);
    expect(m.capacity.idleMemoryGiBHours).toBeCloseTo(allocGiB * billed - requested, 4);
    expect(m.capacity.unrequestedCpuPercent).toBeCloseTo(100 * (1 - requested / (2 * billed)), 2);
    expect(m.nodes).toEqual({ launched: 1, peak: 1, atEnd: 1 });
    expect(m.nodeSeries).toEqual([
      { t: 0, nodes: 0 },
      { t: 33_000, nodes: 1 },
    ]);
    expect(m.pendingSeries).toEqual([
      { t: 0, pods: 1 },
      { t: 50_000, pods: 0 },
    ]);
  });

  it('reports pods that never ran, and no time-to-all-running while they wait', () => {
    const tl = run([deployment('huge', { replicas: 1, cpu: '64' })]);
    const m = compareMetrics(tl);
    expect(m.pods).toMatchObject({ created: 1, running: 0, neverRan: 1, pendingAtEnd: 1 });
    expect(m.pods.maxWait).toBeUndefined();
    expect(m.allRunningAtEnd).toBe(false);
    expect(m.timeToAllRunning).toBeUndefined();
    expect(m.waves).toEqual([{ start: 0, pods: 1 }]);
    expect(m.cost).toEqual({ totalUsd: 0, perHourAtEnd: 0 });
    expect(m.capacity.unrequestedCpuPercent).toBe(0);
  });

  it('starts a new wave when pods wait again, and leaves DaemonSet pods out of the waiting', () => {
    const agent: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] },
        },
      },
    };
    const tl = run([deployment('app', { replicas: 0, cpu: '1500m' }), agent], {
      actions: [
        { at: '0s', run: 'kubectl scale deployment app --replicas=1' },
        { at: '10m', run: 'kubectl scale deployment app --replicas=2' },
      ],
    });
    const m = compareMetrics(tl);
    expect(m.waves.map((w) => [w.start, w.pods, w.end !== undefined])).toEqual([
      [0, 1, true],
      [600_000, 1, true],
    ]);
    expect(m.pods.created).toBe(2);
    expect(m.timeToAllRunning).toBe(Math.max(...m.waves.map((w) => (w.end ?? 0) - w.start)));
    expect(m.nodes).toMatchObject({ launched: 2, peak: 2 });
  });

  it('measures a quiet run over a longer horizon as if its final cluster stayed', () => {
    const tl = run([deployment('app', { replicas: 1, cpu: '1' })], { until: '10m' });
    const m = compareMetrics(tl, 2 * HOUR);
    expect(m.horizon).toBe(2 * HOUR);
    expect(m.cost.totalUsd).toBe(costAt(tl.final, 2 * HOUR).total);
    expect(m.capacity.paidVcpuHours).toBeCloseTo((2 * (2 * HOUR - 3_000)) / HOUR, 4);
    // A horizon before the run's end is the run's end.
    expect(compareMetrics(tl, 1).horizon).toBe(tl.end);
  });
});
