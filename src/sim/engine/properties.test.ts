// Properties over random workloads, pools and timed actions (fast-check): the engine's invariants
// hold for every input, not just the fixtures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, Scenario } from '../k8s.ts';
import { parseResourceList } from '../quantity.ts';
import { toJSON, podReason } from './json.ts';
import { simulate } from './simulate.ts';
import type { ClusterState } from './state.ts';
import { stateAfter, stateAt, type Timeline } from './timeline.ts';
import { deployment, fakeType, nodePool, scenario } from './testing.ts';

const TYPES = [
  fakeType('small', 2, 4, { price: 0.1, capacityTypes: ['spot', 'on-demand'] }),
  fakeType('large', 8, 32, { price: 0.4, capacityTypes: ['spot', 'on-demand'] }),
  fakeType('arm-medium', 4, 16, { arch: 'arm64', price: 0.15 }),
];

const workloadArb = fc.record({
  cpu: fc.constantFrom('100m', '500m', '1', '3', '7', '20'),
  memory: fc.constantFrom('128Mi', '1Gi', '8Gi', '64Gi'),
  replicas: fc.integer({ min: 0, max: 12 }),
  arm: fc.boolean(),
  scaleTo: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  scaleAtS: fc.integer({ min: 0, max: 120 }),
});

const inputArb = fc.record({
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
  cpuLimit: fc.option(fc.integer({ min: 2, max: 40 }), { nil: undefined }),
  spotOnly: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
});

type In = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function objects(i: In): KubeObject[] {
  const actions: NonNullable<Scenario['spec']['actions']> = [];
  const deps = i.workloads.map((w, n) => {
    if (w.scaleTo !== undefined)
      actions.push({
        at: `${w.scaleAtS}s`,
        run: `kubectl scale deployment w${n} --replicas=${w.scaleTo}`,
      });
    return deployment(`w${n}`, {
      replicas: w.replicas,
      cpu: w.cpu,
      memory: w.memory,
      ...(w.arm ? { spec: { nodeSelector: { 'kubernetes.io/arch': 'arm64' } } } : {}),
    });
  });
  const pool = nodePool(
    'default',
    {
      requirements: i.spotOnly
        ? [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }]
        : [],
    },
    i.cpuLimit === undefined ? {} : { limits: { cpu: String(i.cpuLimit) } },
  );
  return [scenario({ instanceTypes: TYPES, actions, seed: i.seed }), pool, ...deps];
}

function run(i: In): Timeline {
  return simulate({ objects: objects(i), snapshotEvery: 50 });
}

function overcommitted(state: ClusterState): string[] {
  const used = new Map<string, Record<string, number>>();
  for (const p of state.pods.values()) {
    if (p.nodeName === undefined) continue;
    const u = used.get(p.nodeName) ?? {};
    for (const [k, v] of Object.entries(p.requests)) u[k] = (u[k] ?? 0) + v;
    used.set(p.nodeName, u);
  }
  const bad: string[] = [];
  for (const [node, u] of used) {
    const alloc = state.nodes.get(node)?.allocatable ?? {};
    for (const [k, v] of Object.entries(u))
      if (v > (alloc[k] ?? 0)) bad.push(`${node} ${k} ${v} > ${alloc[k] ?? 0}`);
  }
  return bad;
}

const RUNS = { numRuns: 25 };

describe('engine properties', () => {
  it('gives the same timeline JSON for the same seed', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        expect(JSON.stringify(toJSON(run(i)))).toBe(JSON.stringify(toJSON(run(i))));
      }),
      { numRuns: 10 },
    );
  });

  it('leaves every pod bound, nominated, or Pending with a reason', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const tl = run(i);
        for (const p of tl.final.pods.values()) {
          if (p.phase === 'Running' || p.nodeName !== undefined || p.nominatedTo !== undefined)
            continue;
          expect(podReason(p, tl.final)?.length ?? 0, `${p.key} has no reason`).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('never binds more to a node than its allocatable, at any moment', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const tl = run(i);
        for (const s of [...tl.snapshots.map((x) => x.state), tl.final])
          expect(overcommitted(s)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never exceeds a NodePool cpu limit with launched capacity', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        fc.pre(i.cpuLimit !== undefined);
        const tl = run(i);
        for (const s of [...tl.snapshots.map((x) => x.state), tl.final]) {
          let cpu = 0;
          for (const n of s.nodes.values())
            if (n.terminatedAt === undefined && n.nodePool === 'default')
              cpu += n.capacity.cpu ?? 0;
          expect(cpu).toBeLessThanOrEqual(
            Number(parseResourceList({ cpu: String(i.cpuLimit) }).cpu),
          );
        }
      }),
      RUNS,
    );
  });

  it('rebuilds any moment from snapshots + events exactly as the run saw it', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (i, frac) => {
        const tl = run(i);
        expect(stateAfter(tl, tl.events.length)).toEqual(tl.final);
        const t = Math.floor(tl.end * frac);
        const direct = stateAt({ ...tl, snapshots: [] }, t);
        expect(stateAt(tl, t)).toEqual(direct);
      }),
      { numRuns: 15 },
    );
  });
});
