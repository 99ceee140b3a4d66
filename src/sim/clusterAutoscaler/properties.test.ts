// Invariants of the Cluster Autoscaler model over random workloads run through the real engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ec2Catalog } from '../catalog/index.ts';
import { parseQuantity, toCanonical } from '../quantity.ts';
import type { Timeline } from '../engine/timeline.ts';
import { simulateClusterAutoscaler } from './run.ts';
import { k8s, seedLab } from './testing.ts';

const M5_LARGE_CPU =
  ec2Catalog().instanceTypes.find((t) => t.name === 'm5.large')?.allocatable.cpu ?? 0;

const workload = fc
  .record({
    first: fc.integer({ min: 0, max: 12 }),
    then: fc.integer({ min: 0, max: 12 }),
    atMin: fc.integer({ min: 1, max: 8 }),
    cpu: fc.constantFrom('300m', '500m', '1', '1500m'),
    maxSize: fc.integer({ min: 1, max: 8 }),
    minSize: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .filter((w) => w.minSize <= w.maxSize);

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function run(w: Workload): Timeline {
  return simulateClusterAutoscaler({
    seed: w.seed,
    objects: seedLab({
      replicas: w.first,
      after: w.then,
      at: `${w.atMin}m`,
      cpu: w.cpu,
      until: '25m',
      spec: { clusterAutoscaler: { maxSize: w.maxSize, minSize: w.minSize } },
    }),
  });
}

/** The group's instances over time: all that exist, and those not being removed. */
function sizes(tl: Timeline): { t: number; live: number; staying: number }[] {
  const live = new Set<string>();
  const deleting = new Set<string>();
  const out: { t: number; live: number; staying: number }[] = [];
  for (const e of tl.events) {
    if (e.type === 'nodeclaim.created') live.add(e.nodeClaim.name);
    else if (e.type === 'nodeclaim.deleting') deleting.add(e.nodeClaim);
    else if (e.type === 'nodeclaim.deleted' || e.type === 'nodeclaim.failed') {
      live.delete(e.nodeClaim);
      deleting.delete(e.nodeClaim);
    } else continue;
    out.push({ t: e.t, live: live.size, staying: live.size - deleting.size });
  }
  return out;
}

describe('cluster autoscaler: invariants', () => {
  it('keeps the group within [minSize, maxSize] and adds exactly the nodes first-fit needs', () => {
    fc.assert(
      fc.property(workload, (w) => {
        const tl = run(w);
        const s = sizes(tl);
        // Never above maxSize, counting instances still draining (the ASG still has them).
        expect(Math.max(0, ...s.map((x) => x.live))).toBeLessThanOrEqual(w.maxSize);
        // Never below minSize once the ASG has launched its minimum (first scan + 30 s).
        for (const x of s.filter((x) => x.t > 40_000))
          expect(x.staying).toBeGreaterThanOrEqual(w.minSize);
        // Identical pods: each scale-up adds ⌈pods / pods-per-node⌉ nodes, never an empty one.
        const perNode = Math.floor(M5_LARGE_CPU / toCanonical('cpu', parseQuantity(w.cpu)));
        const triggered = k8s(tl, 'TriggeredScaleUp');
        for (const up of k8s(tl, 'ScaledUpGroup')) {
          const [, newSize, oldSize] = /size to (\d+) instead of (\d+)/.exec(up.message) ?? [];
          const added = Number(newSize) - Number(oldSize);
          const pods = triggered.filter((e) => e.t === up.t).length;
          expect(added).toBe(Math.ceil(pods / perNode));
        }
        // Pods left Pending at the end: only because the group is full.
        const pending = [...tl.final.pods.values()].filter((p) => p.phase === 'Pending');
        if (pending.length > 0) expect(s.at(-1)?.live).toBe(w.maxSize);
      }),
      { numRuns: 30 },
    );
  });
});
