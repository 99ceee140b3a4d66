// What a plan carries (§1.13) and minValues (§1.7, §6.3 #49).
import { describe, expect, it } from 'vitest';
import { fakeInstanceType, fakeInstanceTypes } from '../catalog/fake.ts';
import { LABEL } from '../labels.ts';
import { nodePool, pinned, planOf, pod, pods, solveWith, isScheduled } from './testing.ts';

const od = (zone: string, price: number) => ({ zone, capacityType: 'on-demand' as const, price });
const it1 = fakeInstanceType({
  name: 'it-1',
  resources: { cpu: '1', memory: '1Gi' },
  offerings: [od('test-zone-1', 0.52)],
});
const it2 = fakeInstanceType({
  name: 'it-2',
  resources: { cpu: '4', memory: '4Gi' },
  offerings: [od('test-zone-1', 1.0)],
});
const minValuesPool = nodePool({
  requirements: [
    { key: LABEL.capacityType, operator: 'In', values: ['spot', 'on-demand'] },
    { key: LABEL.instanceType, operator: 'In', values: ['it-1', 'it-2'], minValues: 2 },
  ],
});

describe('minValues', () => {
  it('opens a second NodeClaim rather than drop below minValues (Strict)', () => {
    const ps = pods(2, { requests: { cpu: '0.9', memory: '0.9Gi' } });
    const r = solveWith({ pods: ps, pools: [minValuesPool], types: [it1, it2] });
    expect(r.newNodeClaims).toHaveLength(2);
    for (const c of r.newNodeClaims) expect(c.instanceTypes.length).toBeGreaterThanOrEqual(2);
  });

  it('shares one NodeClaim when minValues is absent', () => {
    const ps = pods(2, { requests: { cpu: '0.9', memory: '0.9Gi' } });
    const plain = nodePool({
      requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['it-1', 'it-2'] }],
    });
    const r = solveWith({ pods: ps, pools: [plain], types: [it1, it2] });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(r.newNodeClaims[0]?.instanceTypes.map((t) => t.name)).toEqual(['it-2']);
  });

  it('lowers minValues on a new NodeClaim and marks the plan under BestEffort', () => {
    const p = pod({ requests: { cpu: '2' } });
    const r = solveWith({
      pods: [p],
      pools: [minValuesPool],
      types: [it1, it2],
      options: { minValuesPolicy: 'BestEffort' },
    });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(r.newNodeClaims[0]?.minValuesRelaxed).toBe(true);
    expect(r.newNodeClaims[0]?.requirements.get(LABEL.instanceType).minValues).toBe(1);
  });

  it('never relaxes minValues to join an in-flight NodeClaim, even under BestEffort', () => {
    const ps = pods(2, { requests: { cpu: '0.9', memory: '0.9Gi' } });
    const r = solveWith({
      pods: ps,
      pools: [minValuesPool],
      types: [it1, it2],
      options: { minValuesPolicy: 'BestEffort' },
    });
    expect(r.newNodeClaims).toHaveLength(2);
  });

  it('fails a pod no single NodeClaim can serve with enough distinct types', () => {
    const p = pod({ requests: { cpu: '2' } });
    const r = solveWith({ pods: [p], pools: [minValuesPool], types: [it1, it2] });
    expect(isScheduled(r, p)).toBe(false);
    expect(r.podErrors.get(p.metadata.uid!)?.perNodePool[0]).toMatchObject({ kind: 'minValues' });
    expect(r.podErrors.get(p.metadata.uid!)?.message).toMatch(
      /^minValues requirement is not met for label\(s\)/,
    );
  });

  it('drops a NodeClaim whose truncated type list breaks minValues', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.instanceType, operator: 'Exists', minValues: 3 }],
    });
    const p = pod();
    const r = solveWith({
      pods: [p],
      pools: [pool],
      types: fakeInstanceTypes(5),
      options: { maxInstanceTypes: 2 },
    });
    expect(r.newNodeClaims).toHaveLength(0);
    expect(r.podErrors.get(p.metadata.uid!)?.message).toContain(
      'couldn’t meet minValues requirements',
    );
  });
});

describe('NodeClaim plans', () => {
  it('truncates the instance types to maxInstanceTypes, cheapest first', () => {
    const p = pod();
    const plan = planOf(
      solveWith({ pods: [p], types: fakeInstanceTypes(20), options: { maxInstanceTypes: 3 } }),
      p,
    );
    expect(plan.instanceTypes.map((t) => t.name)).toEqual(['fake-it-0', 'fake-it-1', 'fake-it-2']);
    expect([...plan.requirements.get(LABEL.instanceType).values].sort()).toEqual([
      'fake-it-0',
      'fake-it-1',
      'fake-it-2',
    ]);
  });

  it('pins capacity-type to the union of the chosen types’ offerings and drops the placeholder', () => {
    const p = pod();
    const plan = planOf(solveWith({ pods: [p] }), p);
    expect([...plan.requirements.get(LABEL.capacityType).values].sort()).toEqual([
      'on-demand',
      'spot',
    ]);
    expect(plan.requirements.has(LABEL.hostname)).toBe(false);
    expect(plan.requirements.has(LABEL.initialized)).toBe(false);
    expect(plan.hostname).toMatch(/^hostname-placeholder-\d{4}$/);
  });

  it('labels the plan with the template labels, the pool and resolved custom requirements', () => {
    const pool = nodePool({
      labels: { team: 'a' },
      requirements: [{ key: 'tier', operator: 'In', values: ['gold'] }],
    });
    const p = pod();
    const plan = planOf(solveWith({ pods: [p], pools: [pool] }), p);
    expect(plan.labels).toMatchObject({ team: 'a', tier: 'gold', [LABEL.nodePool]: 'default' });
  });

  it('counts the instance-type funnel from catalog to offerings', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.arch, operator: 'In', values: ['amd64'] }],
    });
    const p = pod({ requests: { cpu: '3' } });
    const plan = planOf(solveWith({ pods: [p], pools: [pool] }), p);
    expect(plan.funnel.map((s) => s.stage)).toEqual([
      'catalog',
      'requirements',
      'fits',
      'limits',
      'offerings',
    ]);
    expect(plan.funnel[0]?.count).toBe(6);
    expect(plan.funnel[1]?.count).toBe(5); // arm-instance-type is out
    expect(plan.funnel[2]?.count).toBe(4); // small-instance-type cannot hold 3 CPU
    expect(plan.funnel[4]?.count).toBe(plan.instanceTypes.length);
  });

  it('counts each funnel stage from the stage before it', () => {
    const spot = (zone: string) => ({ zone, capacityType: 'spot' as const, price: 0.1 });
    const types = [
      // Not offered in the pod's zone: out at "requirements".
      fakeInstanceType({
        name: 'zone-1',
        resources: { cpu: '4' },
        offerings: [spot('test-zone-1')],
      }),
      // Too small for the pod: out at "fits".
      fakeInstanceType({
        name: 'small',
        resources: { cpu: '1' },
        offerings: [spot('test-zone-2')],
      }),
      fakeInstanceType({ name: 'fits', resources: { cpu: '6' }, offerings: [spot('test-zone-2')] }),
      // Over the pool's cpu limit: out at "limits".
      fakeInstanceType({ name: 'big', resources: { cpu: '32' }, offerings: [spot('test-zone-2')] }),
      // Spot in zone 1 and on-demand in zone 2, never spot in zone 2: out at "offerings" for a
      // pod on spot in zone 2 (the zone and the capacity type each pass "requirements").
      fakeInstanceType({
        name: 'split',
        resources: { cpu: '8' },
        offerings: [spot('test-zone-1'), od('test-zone-2', 0.2)],
      }),
    ];
    const pool = nodePool({
      requirements: [{ key: LABEL.capacityType, operator: 'In', values: ['spot'] }],
      limits: { cpu: '16' },
    });
    const p = pod({ requests: { cpu: '2' }, nodeSelector: { [LABEL.zone]: 'test-zone-2' } });
    const plan = planOf(solveWith({ pods: [p], pools: [pool], types }), p);
    expect(plan.funnel.map((s) => [s.stage, s.count])).toEqual([
      ['catalog', 5],
      ['requirements', 4],
      ['fits', 3],
      ['limits', 2],
      ['offerings', 1],
    ]);
    expect(plan.instanceTypes.map((it) => it.name)).toEqual(['fits']);
  });

  it('reports NoCompatibleInstanceTypes for a pool nothing matches', () => {
    const pool = nodePool({
      name: 'empty',
      requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['nope'] }],
    });
    const p = pod();
    const r = solveWith({ pods: [p], pools: [pool] });
    expect(r.events).toEqual([
      {
        reason: 'NoCompatibleInstanceTypes',
        object: 'NodePool/empty',
        message: 'NodePool requirements filtered out all compatible available instance types',
      },
    ]);
    expect(r.podErrors.get(p.metadata.uid!)?.perNodePool[0]?.kind).toBe('noNodePool');
  });

  it('chooses pools by weight, then by name descending', () => {
    const p = pod();
    const r = solveWith({ pods: [p], pools: [nodePool({ name: 'a' }), nodePool({ name: 'b' })] });
    expect(planOf(r, p).nodePool).toBe('b');
    const q = pod();
    const w = solveWith({
      pods: [q],
      pools: [nodePool({ name: 'a', weight: 5 }), nodePool({ name: 'b' })],
    });
    expect(planOf(w, q).nodePool).toBe('a');
  });

  it('reuses nothing stale when a pool object is edited between solves', () => {
    const pool = nodePool({
      requirements: [{ key: LABEL.zone, operator: 'In', values: ['test-zone-1'] }],
    });
    const types = fakeInstanceTypes(3); // one list for both solves, so the caches are hit
    const p = pod();
    expect(pinned(planOf(solveWith({ pods: [p], pools: [pool], types }), p), LABEL.zone)).toBe(
      'test-zone-1',
    );
    pool.spec.template.spec.requirements = [
      { key: LABEL.zone, operator: 'In', values: ['test-zone-2'] },
    ];
    const q = pod();
    expect(pinned(planOf(solveWith({ pods: [q], pools: [pool], types }), q), LABEL.zone)).toBe(
      'test-zone-2',
    );
  });
});
