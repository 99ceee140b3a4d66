import { describe, expect, it } from 'vitest';
import { summarize } from './summary.ts';
import {
  LARGE,
  deployment,
  karpenterNotInstalled,
  nodePool,
  podNoTypeCanHold,
  run,
  threePodsOnOneNode,
} from './testing.ts';

const onDemand = (t: typeof LARGE, zone: string): number =>
  t.offerings?.find((o) => o.capacityType === 'on-demand' && o.zone === zone)?.price ?? NaN;

describe('summarize', () => {
  it('counts pods, groups nodes by type and capacity type, and prices the run', () => {
    const r = threePodsOnOneNode();
    const s = summarize(r.timeline, r.timeline.end, { catalog: r.catalog });
    expect(s.pods).toEqual({ running: 3, pending: 0, other: 0, total: 3 });
    const node = [...r.timeline.final.nodes.values()][0];
    expect(s.nodes).toEqual([
      {
        instanceType: node?.instanceType,
        capacityType: node?.capacityType,
        count: 1,
        pricePerHour: node?.price,
      },
    ]);
    expect(s.perHour).toBeCloseTo(node?.price ?? NaN, 6);
    expect(s.paragraph).toContain('3 of 3 pods Running');
  });

  it('compares with the same instance types on-demand', () => {
    const r = threePodsOnOneNode();
    const node = [...r.timeline.final.nodes.values()][0];
    expect(node?.capacityType).toBe('spot');
    const s = summarize(r.timeline, r.timeline.end, { catalog: r.catalog });
    const baseline = onDemand(LARGE, node?.zone ?? '');
    expect(s.onDemandBaselinePerHour).toBeCloseTo(baseline, 6);
    expect(s.savingsPerHour).toBeCloseTo(baseline - (node?.price ?? 0), 6);
    expect(s.savingsPercent).toBe(Math.round(((baseline - (node?.price ?? 0)) / baseline) * 100));
    expect(s.paragraph).toContain(
      `${s.savingsPercent}% less than the same instance types on-demand`,
    );
  });

  it('leaves the baseline out when spot nodes run and no catalog is given', () => {
    const r = threePodsOnOneNode();
    const s = summarize(r.timeline, r.timeline.end);
    expect(s.onDemandBaselinePerHour).toBeUndefined();
    expect(s.paragraph).not.toMatch(/on-demand/);
  });

  it('on-demand only: the baseline equals the cost', () => {
    const r = run([
      nodePool('od', {
        requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
        ],
      }),
      deployment('app'),
    ]);
    const s = summarize(r.timeline, r.timeline.end);
    expect(s.savingsPerHour).toBe(0);
    expect(s.paragraph).toContain('the same as on-demand');
  });

  it('counts pods no NodePool can take', () => {
    const r = podNoTypeCanHold();
    const s = summarize(r.timeline, r.timeline.end, { catalog: r.catalog });
    expect(s.pods.pending).toBe(1);
    expect(s.paragraph).toContain('1 Pending (1 that no NodePool can take)');
    expect(s.paragraph).toContain('No nodes are running.');
  });

  it('says when Karpenter is not installed', () => {
    const r = karpenterNotInstalled();
    expect(summarize(r.timeline, r.timeline.end).paragraph).toContain('Karpenter is not installed');
  });

  it('summarises an earlier moment of the run', () => {
    const r = threePodsOnOneNode();
    const s = summarize(r.timeline, 0);
    expect(s.pods.running).toBe(0);
    expect(s.totalCost).toBe(0);
  });
});
