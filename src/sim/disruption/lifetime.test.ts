// v1 expiration meets the drain (reference §3.14–3.15): expireAfter deletes the NodeClaim at once,
// and terminationGracePeriod bounds how long a do-not-disrupt pod can hold the node after that —
// the maximum node lifetime is expireAfter + terminationGracePeriod.
import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { eagerPool, eventsOf, k8sEvents, runLab, withPodAnnotations } from './testing.ts';

const MIN = 60_000;

describe('expiration › maximum node lifetime (v1)', () => {
  const pinned = withPodAnnotations(deployment('batch', { replicas: 1, cpu: '1' }), {
    'karpenter.sh/do-not-disrupt': 'true',
  });

  it('a do-not-disrupt pod holds an expired node only until terminationGracePeriod runs out', () => {
    const pool = eagerPool(
      'default',
      { consolidateAfter: 'Never' },
      { expireAfter: '30m', terminationGracePeriod: '10m' },
    );
    const { timeline: tl } = runLab({ until: '60m' }, [pool, pinned]);
    const created = eventsOf(tl, 'nodeclaim.created')[0]?.t ?? NaN;
    const deleting = eventsOf(tl, 'nodeclaim.deleting')[0]?.t ?? NaN;
    const gone = eventsOf(tl, 'nodeclaim.deleted')[0]?.t ?? NaN;
    expect(k8sEvents(tl, 'Expired')).toHaveLength(1);
    expect(deleting - created).toBeGreaterThanOrEqual(30 * MIN);
    // The pod is deleted 30 s (its grace) before the deadline, never evicted.
    expect(k8sEvents(tl, 'Evicted')).toHaveLength(0);
    expect(k8sEvents(tl, 'Disrupted')[0]?.t).toBe(deleting + 10 * MIN - 30_000);
    expect(gone).toBeGreaterThanOrEqual(deleting + 10 * MIN);
    expect(gone).toBeLessThanOrEqual(deleting + 10 * MIN + 30_000); // + instance shutdown
    expect([...tl.final.pods.values()].map((p) => p.phase)).toEqual(['Running']);
  });

  it('without terminationGracePeriod the expired node waits for the do-not-disrupt pod indefinitely', () => {
    const pool = eagerPool('default', { consolidateAfter: 'Never' }, { expireAfter: '30m' });
    const { timeline: tl } = runLab({ until: '60m' }, [pool, pinned]);
    expect(eventsOf(tl, 'nodeclaim.deleting')).toHaveLength(1);
    expect(eventsOf(tl, 'nodeclaim.deleted')).toHaveLength(0);
  });
});
