import { describe, expect, it } from 'vitest';
import { karpenterDisruption } from '../disruption/index.ts';
import { compareAutoscalers } from './compare.ts';
import { runClusterAutoscaler } from './run.ts';
import { k8s, seedLab } from './testing.ts';

describe('compareAutoscalers on the seed lab (inflate: 0 → 5 at 0s, → 1 at 5m)', () => {
  const r = compareAutoscalers({ objects: seedLab(), disruption: karpenterDisruption() });
  const k = r.karpenter.metrics;
  const ca = r.clusterAutoscaler.metrics;

  it('measures both runs over the same span', () => {
    expect(k.horizon).toBe(ca.horizon);
    expect(ca.horizon).toBe(Math.max(r.karpenter.timeline.end, r.clusterAutoscaler.timeline.end));
    expect(r.clusterAutoscaler.config).toMatchObject({
      nodeGroup: 'ca-workers',
      instanceType: 'm5.large',
      scanInterval: 10_000,
    });
  });

  it('runs every pod sooner with Karpenter: no 10 s scan and no ASG launch delay', () => {
    expect(k.allRunningAtEnd && ca.allRunningAtEnd).toBe(true);
    expect(k.timeToAllRunning).toBeLessThan(ca.timeToAllRunning ?? 0);
    // CA's wait holds at least the scan (10 s) and the ASG delay (30 s) over the same boot.
    expect((ca.timeToAllRunning ?? 0) - (k.timeToAllRunning ?? 0)).toBeGreaterThan(30_000);
    expect(k8s(r.clusterAutoscaler.timeline, 'ScaledUpGroup')[0]?.t).toBe(10_000);
  });

  it('costs less with Karpenter and leaves less paid capacity unrequested', () => {
    expect(ca.nodes).toMatchObject({ launched: 5, peak: 5, atEnd: 1 });
    expect(k.nodes.launched).toBeLessThan(ca.nodes.launched);
    expect(k.cost.totalUsd).toBeLessThan(ca.cost.totalUsd);
    expect(k.capacity.unrequestedCpuPercent).toBeLessThan(ca.capacity.unrequestedCpuPercent);
    expect(k.capacity.idleVcpuHours).toBeLessThan(ca.capacity.idleVcpuHours);
  });

  it('keeps each side to its own autoscaler', () => {
    const kClaims = [...r.karpenter.timeline.final.nodeClaims.values()];
    const caClaims = [...r.clusterAutoscaler.timeline.final.nodeClaims.values()];
    expect(kClaims.every((c) => c.nodePool === 'default')).toBe(true);
    expect(caClaims.every((c) => c.nodePool === 'ca-workers')).toBe(true);
    expect(k8s(r.karpenter.timeline, 'TriggeredScaleUp')).toEqual([]);
    expect(
      r.clusterAutoscaler.timeline.assumptions.some((a) => a.startsWith('asgLaunchDelay: 30s')),
    ).toBe(true);
  });
});

describe('cluster autoscaler: determinism', () => {
  it('gives the same timeline for the same seed, and a different one for another seed', () => {
    const a = runClusterAutoscaler({ objects: seedLab({ until: '20m' }), seed: 7 }).timeline;
    const b = runClusterAutoscaler({ objects: seedLab({ until: '20m' }), seed: 7 }).timeline;
    const c = runClusterAutoscaler({ objects: seedLab({ until: '20m' }), seed: 8 }).timeline;
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });
});
