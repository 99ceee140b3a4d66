import { describe, expect, it } from 'vitest';
import { deployment, provisioner } from '../engine/testing.ts';
import { LABEL } from '../labels.ts';
import { eagerPool, eventsOf, k8sEvents, runLab } from './testing.ts';

const MIN = 60_000;

describe('expiration › v1 expireAfter (reference §3.15)', () => {
  it('deletes an expired NodeClaim at once, budgets or not, and re-provisions its pods afterwards', () => {
    const pool = eagerPool(
      'default',
      { consolidateAfter: 'Never', budgets: [{ nodes: '0' }] },
      { expireAfter: '30m' },
    );
    const { timeline: tl } = runLab({ until: '40m' }, [
      pool,
      deployment('web', { replicas: 1, cpu: '1' }),
    ]);
    const deleting = eventsOf(tl, 'nodeclaim.deleting')[0];
    const first = eventsOf(tl, 'nodeclaim.created')[0];
    expect(deleting?.t).toBeGreaterThanOrEqual((first?.t ?? 0) + 30 * MIN);
    expect(deleting?.t).toBeLessThan((first?.t ?? 0) + 30 * MIN + 10_000);
    expect(k8sEvents(tl, 'Expired')).toHaveLength(1);
    const created = eventsOf(tl, 'nodeclaim.created');
    expect(created).toHaveLength(2);
    expect(created[1]?.t).toBeGreaterThan(deleting?.t ?? 0); // forceful: no replacement launched ahead
    expect([...tl.final.pods.values()].every((p) => p.phase === 'Running')).toBe(true);
  });

  it('never expires with expireAfter: Never', () => {
    const pool = eagerPool('default', { consolidateAfter: 'Never' }, { expireAfter: 'Never' });
    const { timeline: tl } = runLab({ until: '3h' }, [
      pool,
      deployment('web', { replicas: 1, cpu: '1' }),
    ]);
    expect(eventsOf(tl, 'nodeclaim.deleting')).toHaveLength(0);
  });
});

describe('expiration › v1alpha5 ttlSecondsUntilExpired (reference §3.15–3.16)', () => {
  it('replaces an expired node gracefully: the replacement is launched before the old node is deleted', () => {
    const prov = provisioner('default', {
      ttlSecondsUntilExpired: 1800,
      requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['c-2x', 'c-4x'] }],
    });
    const { timeline: tl, controller } = runLab({ karpenter: { version: 'v0.31' }, until: '45m' }, [
      prov,
      deployment('web', { replicas: 1, cpu: '1' }),
    ]);
    expect(controller.actions[0]).toMatchObject({
      method: 'Expiration',
      reason: 'Expired',
      decision: 'replace',
    });
    const created = eventsOf(tl, 'nodeclaim.created');
    const deleting = eventsOf(tl, 'nodeclaim.deleting')[0];
    expect(created).toHaveLength(2);
    expect(created[1]?.t).toBeLessThan(deleting?.t ?? 0);
    expect(created[1]?.t).toBeGreaterThanOrEqual((created[0]?.t ?? 0) + 30 * MIN);
  });
});
