// kube-scheduler's queue: backoff 1 s doubling to 10 s, moves on cluster events, the 5-minute
// flush, and FailedScheduling aggregated like the event recorder (count, first seen).
// Upstream: pkg/scheduler/backend/queue/scheduling_queue_test.go ("TestBackoffPodsUpdate",
// "TestPriorityQueue_MoveAllToActiveOrBackoffQueue", "TestPriorityQueue_flushUnschedulablePodsLeftover")
// and client-go tools/record/events_cache_test.go ("TestEventCorrelator" aggregation counts).
import { describe, expect, it } from 'vitest';
import { backoffMs } from './schedulingQueue.ts';
import { simulate } from './simulate.ts';
import type { KubeEvent } from './events.ts';
import { deployment, existingNode, scenario } from './testing.ts';

describe('kube-scheduler backoff', () => {
  it('is 1 s after the first failed attempt, doubling per attempt, capped at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 10000, 10000, 10000,
    ]);
  });
});

/** One 4-cpu node, a pod asking for 8 cpu, no Karpenter: only cluster events retry the pod. */
function stuck(labelAt: string[], until = '2m') {
  return simulate({
    objects: [
      scenario({
        karpenter: { installed: false },
        until,
        actions: labelAt.map((at, i) => ({ at, run: `kubectl label node n1 round=r${i}` })),
      }),
      existingNode('n1', { 'topology.kubernetes.io/zone': 'test-zone-1' }),
      deployment('big', { replicas: 1, cpu: '8' }),
    ],
  });
}

function failedScheduling(tl: ReturnType<typeof simulate>): KubeEvent[] {
  return tl.events.flatMap((e) =>
    e.type === 'k8s' && e.event.reason === 'FailedScheduling' ? [e.event] : [],
  );
}

describe('kube-scheduler queue', () => {
  it('retries an unschedulable pod on a node change only once its backoff has run out', () => {
    // Attempts: t=0 (backoff to 1 s). Label at 0.5 s → moved, waits to 1 s → attempt 2 (to 3 s).
    // Label at 1.2 s → waits to 3 s → attempt 3 (to 7 s). Label at 10 s → at once (attempt 4).
    const times = failedScheduling(stuck(['500ms', '1200ms', '10s'])).map((e) => e.time);
    expect(times).toEqual([0, 1000, 3000, 10_000]);
  });

  it('does not retry without a cluster event until the pod has been unschedulable for 5 minutes', () => {
    const times = failedScheduling(stuck([], '11m')).map((e) => e.time);
    expect(times).toEqual([0, 300_000, 600_000]);
  });

  it('aggregates repeated FailedScheduling: count and first seen on every repeat', () => {
    const events = failedScheduling(stuck(['500ms', '1200ms', '10s']));
    expect(events[0]?.count).toBeUndefined();
    expect(events.slice(1).map((e) => [e.count, e.firstTime])).toEqual([
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expect(events.every((e) => e.message === events[0]?.message)).toBe(true);
    expect(events[0]?.message).toMatch(/0\/1 nodes are available: 1 Insufficient cpu/);
  });
});
