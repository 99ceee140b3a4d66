// The disruption controller's events through Karpenter's recorder (recorder.ts): one per node per
// window whatever the message, republished while the verdict stands, and the NodePool's own
// budget event. Upstream: pkg/events/recorder.go, disruption/events/events.go, helpers.go
// BuildDisruptionBudgetMapping.
import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import {
  eagerPool,
  k8sEvents,
  onePerNode,
  runLab,
  scaleTo,
  withPodAnnotations,
} from './testing.ts';

const MIN = 60_000;

describe('disruption events through the recorder', () => {
  it('publishes one DisruptionBlocked per node per 2 min while the blocker stands', () => {
    const { timeline } = runLab({ until: '20m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool(),
      withPodAnnotations(deployment('web', { replicas: 3, cpu: '1' }), {
        'karpenter.sh/do-not-disrupt': 'true',
      }),
    ]);
    const byNode = new Map<string, number[]>();
    for (const e of k8sEvents(timeline, 'DisruptionBlocked'))
      byNode.set(e.object, [...(byNode.get(e.object) ?? []), e.t]);
    expect(byNode.size).toBeGreaterThan(0);
    for (const times of byNode.values()) {
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(2 * MIN);
    }
    // The blocker stands for the whole run: it is said again, not once (passes run at least every
    // 5 min, the memo's refresh).
    expect(Math.max(...[...byNode.values()].map((t) => t.length))).toBeGreaterThanOrEqual(3);
  });

  it('says Unconsolidatable again every 15 min while the verdict stands, never sooner', () => {
    // One 1-vCPU pod on the cheapest type that fits: "Can't replace with a cheaper node" all run.
    // (A verdict whose message changes inside the window: lab spotPolicies.test.ts step 5.)
    const { timeline } = runLab({ until: '50m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool(),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    const byNode = new Map<string, number[]>();
    for (const e of k8sEvents(timeline, 'Unconsolidatable'))
      byNode.set(e.object, [...(byNode.get(e.object) ?? []), e.t]);
    expect(byNode.size).toBeGreaterThan(0);
    for (const times of byNode.values())
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(15 * MIN);
    expect(Math.max(...[...byNode.values()].map((t) => t.length))).toBeGreaterThanOrEqual(3);
  });

  it('puts a budget of 0 on the NodePool (1 min), and no such event while the budget is only used up', () => {
    const run = (nodes: string) =>
      runLab({ until: '10m', actions: [scaleTo('web', 0, '3m')] }, [
        eagerPool('default', { budgets: [{ nodes }] }),
        onePerNode(deployment('web', { replicas: 3, cpu: '1' })),
      ]).timeline;
    const zero = k8sEvents(run('0'), 'DisruptionBlocked').filter(
      (e) => e.object === 'nodepool/default' && e.message.includes('reason Empty'),
    );
    expect(zero.length).toBeGreaterThanOrEqual(2);
    expect(zero[0]?.message).toBe(
      'No allowed disruptions for disruption reason Empty due to blocking budget',
    );
    for (let i = 1; i < zero.length; i++)
      expect((zero[i]?.t ?? 0) - (zero[i - 1]?.t ?? 0)).toBeGreaterThanOrEqual(MIN);
    const one = k8sEvents(run('1'), 'DisruptionBlocked').filter(
      (e) => e.object === 'nodepool/default',
    );
    expect(one).toHaveLength(0);
  });
});
