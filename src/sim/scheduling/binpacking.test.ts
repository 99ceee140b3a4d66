// Upstream cases (reference §6.3) about bin-packing and pod requests, replayed on the fake catalog.
import { describe, expect, it } from 'vitest';
import { fakeInstanceTypes, FAKE_GPU_A, FAKE_GPU_B, fakeInstanceType } from '../catalog/fake.ts';
import { LABEL } from '../labels.ts';
import { launched, planOf, pod, pods, solveWith, isScheduled } from './testing.ts';

describe('bin-packing', () => {
  it('puts a small pod on the smallest instance type', () => {
    const p = pod({ requests: { memory: '100M' } });
    const r = solveWith({ pods: [p] });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(launched(planOf(r, p))).toBe('small-instance-type');
  });

  it('packs several small pods onto one node', () => {
    const ps = pods(5, { requests: { memory: '10M' } });
    const r = solveWith({ pods: ps });
    expect(r.newNodeClaims).toHaveLength(1);
    expect(launched(planOf(r, ps[0]!))).toBe('small-instance-type');
  });

  it('sizes for the init container when it is the peak (max of sum and init)', () => {
    const p = pod({
      requests: { cpu: '1', memory: '1Gi' },
      initRequests: [{ cpu: '2', memory: '1Gi' }],
    });
    const r = solveWith({ pods: [p] });
    expect(launched(planOf(r, p))).toBe('default-instance-type');
  });

  it('adds RuntimeClass overhead to the request', () => {
    const p = pod({ requests: { cpu: '1' }, overhead: { cpu: '2' } });
    expect(launched(planOf(solveWith({ pods: [p] }), p))).toBe('default-instance-type');
  });

  it('does not schedule a pod larger than every instance type', () => {
    const big = [pod({ requests: { memory: '2Ti' } }), pod({ requests: { cpu: '512' } })];
    const r = solveWith({ pods: big });
    expect(r.newNodeClaims).toHaveLength(0);
    for (const p of big) {
      const e = r.podErrors.get(p.metadata.uid!);
      expect(e?.perNodePool[0]?.kind).toBe('resources');
      expect(e?.message).toMatch(/^no instance type has enough resources/);
    }
  });

  it('names the pool and its DaemonSet overhead in the error up to v1.4 only', () => {
    // v1.5 (kubernetes-sigs/karpenter#2126) returns the NodeClaim's error unwrapped.
    const p = pod({ requests: { cpu: '512' } });
    const old = solveWith({ pods: [p], options: { podErrorNamesPool: true } });
    expect(old.podErrors.get(p.metadata.uid!)?.message).toMatch(
      /^incompatible with nodepool "default", daemonset overhead=\{[^}]*\}, no instance type has enough resources/,
    );
  });

  it('flags a CPU request in the millions as a likely m vs M typo', () => {
    const p = pod({ requests: { cpu: '2M' } });
    expect(solveWith({ pods: [p] }).podErrors.get(p.metadata.uid!)?.message).toContain(
      'm vs M typo?',
    );
  });

  it('schedules resources held by different types only on separate nodes', () => {
    const types = fakeInstanceTypes(5).map((t, i) =>
      i === 0
        ? fakeInstanceType({
            name: t.name,
            resources: { cpu: '1', memory: '2Gi', pods: '10', [FAKE_GPU_A]: '25' },
          })
        : i === 1
          ? fakeInstanceType({
              name: t.name,
              resources: { cpu: '2', memory: '4Gi', pods: '20', [FAKE_GPU_B]: '25' },
            })
          : t,
    );
    const a = pod({ requests: { [FAKE_GPU_A]: '1' } });
    const b = pod({ requests: { [FAKE_GPU_B]: '1' } });
    const r = solveWith({ pods: [a, b], types });
    expect(r.newNodeClaims).toHaveLength(2);
    const both = pod({ requests: { [FAKE_GPU_A]: '1', [FAKE_GPU_B]: '1' } });
    expect(isScheduled(solveWith({ pods: [both], types }), both)).toBe(false);
  });

  it('orders each plan’s instance types by price and includes the daemon-free requests', () => {
    const p = pod({ requests: { cpu: '1' } });
    const plan = planOf(solveWith({ pods: [p] }), p);
    const prices = plan.instanceTypes.map((t) => Math.min(...t.offerings.map((o) => o.price)));
    expect([...prices].sort((x, y) => x - y)).toEqual(prices);
    expect(plan.requests).toMatchObject({ cpu: 1000, pods: 1 });
  });

  it('packs small and large pods together onto twenty default types', () => {
    const amd = { [LABEL.arch]: 'amd64' };
    const ps = [
      ...pods(40, { nodeSelector: amd, requests: { memory: '1.8G' } }),
      ...pods(20, { nodeSelector: amd, requests: { memory: '400M' } }),
    ];
    const r = solveWith({ pods: ps });
    expect(r.newNodeClaims).toHaveLength(20);
    for (const c of r.newNodeClaims) expect(launched(c)).toBe('default-instance-type');
  });

  it('packs tightly: a big pod and a small one get different types', () => {
    const big = pod({ requests: { cpu: '4.5' } });
    const small = pod({ requests: { cpu: '1' } });
    const r = solveWith({ pods: [big, small], types: fakeInstanceTypes(5) });
    expect(r.newNodeClaims).toHaveLength(2);
    expect(launched(planOf(r, big))).not.toBe(launched(planOf(r, small)));
  });

  it('accepts a zero request for a resource no type has', () => {
    const p = pod({
      requests: { 'foo.com/weird-resources': '0' },
      limits: { 'foo.com/weird-resources': '0' },
    });
    expect(isScheduled(solveWith({ pods: [p] }), p)).toBe(true);
  });

  it('opens new nodes when the pods-per-node limit is reached', () => {
    const ps = pods(25, { nodeSelector: { [LABEL.arch]: 'amd64' }, requests: { memory: '1m' } });
    const r = solveWith({ pods: ps });
    expect(r.newNodeClaims.length).toBe(5); // 5 pods per fake type
  });

  it('defaults a missing request to its limit', () => {
    const p = pod({ limits: { cpu: '3' } });
    expect(planOf(solveWith({ pods: [p] }), p).requests).toMatchObject({ cpu: 3000 });
  });

  it('adds native sidecars to the running total and to later init containers', () => {
    const p = pod({ requests: { cpu: '1' }, sidecarRequests: [{ cpu: '1' }] });
    expect(planOf(solveWith({ pods: [p] }), p).requests).toMatchObject({ cpu: 2000 });
  });

  it('uses pod-level cpu and memory over the containers’ sum', () => {
    const p = pod({ requests: { cpu: '100m' }, podLevel: { cpu: '3' } });
    expect(launched(planOf(solveWith({ pods: [p] }), p))).toBe('default-instance-type');
  });
});
