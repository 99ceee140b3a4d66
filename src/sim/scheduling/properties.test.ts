// Invariants of the solve over generated clusters (fast-check): plans fit, placements honour the
// pod's requirements and tolerations, limits hold, every pod is accounted for, and a seed fixes
// the answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultFakeInstanceTypes,
  fakeInstanceTypes,
  FAKE_WELL_KNOWN_LABELS,
} from '../catalog/fake.ts';
import type { NodePool, Pod } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { mulberry32 } from '../random.ts';
import { podRequirements } from './podrequirements.ts';
import { requestsForPods } from './podrequests.ts';
import { typeCompatible } from './reqfast.ts';
import { sum, fitsIn } from './resources.ts';
import { untoleratedTaints } from './taints.ts';
import { daemonSet, nodePool, pod, solveWith } from './testing.ts';
import type { SolveResult } from './types.ts';

const ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];

const podArb = fc.record({
  cpu: fc.constantFrom('100m', '250m', '500m', '1', '1500m', '3'),
  memory: fc.constantFrom('100Mi', '512Mi', '1Gi', '3Gi'),
  zone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  arch: fc.option(fc.constantFrom('amd64', 'arm64'), { nil: undefined }),
  tolerates: fc.boolean(),
  app: fc.constantFrom('a', 'b'),
  shape: fc.constantFrom(
    'plain',
    'plain',
    'zonal-spread',
    'hostname-anti',
    'zonal-affinity',
    'prefer-zone',
  ),
});

type PodSpec = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: PodSpec): Pod {
  const sel = { matchLabels: { app: s.app } };
  return pod({
    labels: { app: s.app },
    requests: { cpu: s.cpu, memory: s.memory },
    ...(s.zone || s.arch
      ? {
          nodeSelector: {
            ...(s.zone ? { [LABEL.zone]: s.zone } : {}),
            ...(s.arch ? { [LABEL.arch]: s.arch } : {}),
          },
        }
      : {}),
    ...(s.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } : {}),
    ...(s.shape === 'zonal-spread'
      ? {
          spread: [
            {
              maxSkew: 1,
              topologyKey: LABEL.zone,
              whenUnsatisfiable: 'DoNotSchedule' as const,
              labelSelector: sel,
            },
          ],
        }
      : {}),
    ...(s.shape === 'hostname-anti'
      ? { podAntiAffinity: [{ topologyKey: LABEL.hostname, labelSelector: sel }] }
      : {}),
    ...(s.shape === 'zonal-affinity'
      ? { podAffinity: [{ topologyKey: LABEL.zone, labelSelector: sel }] }
      : {}),
    ...(s.shape === 'prefer-zone'
      ? {
          nodePreferences: [
            {
              weight: 10,
              requirements: [{ key: LABEL.zone, operator: 'In' as const, values: ['test-zone-3'] }],
            },
          ],
        }
      : {}),
  });
}

const poolArb = fc.record({
  name: fc.constantFrom('alpha', 'beta'),
  zones: fc.subarray(ZONES, { minLength: 1 }),
  tainted: fc.boolean(),
  preferNoSchedule: fc.boolean(),
  cpuLimit: fc.option(fc.constantFrom('4', '10', '40'), { nil: undefined }),
  weight: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
});

function buildPool(p: typeof poolArb extends fc.Arbitrary<infer T> ? T : never): NodePool {
  return nodePool({
    name: p.name,
    requirements: [
      { key: LABEL.capacityType, operator: 'In', values: ['spot', 'on-demand'] },
      { key: LABEL.zone, operator: 'In', values: p.zones },
    ],
    ...(p.tainted
      ? {
          taints: [
            {
              key: 'dedicated',
              value: 'x',
              effect: p.preferNoSchedule ? ('PreferNoSchedule' as const) : ('NoSchedule' as const),
            },
          ],
        }
      : {}),
    ...(p.cpuLimit ? { limits: { cpu: p.cpuLimit } } : {}),
    ...(p.weight !== undefined ? { weight: p.weight } : {}),
  });
}

const scenarioArb = fc.record({
  pods: fc.array(podArb, { minLength: 1, maxLength: 25 }),
  pools: fc.uniqueArray(poolArb, { minLength: 1, maxLength: 2, selector: (p) => p.name }),
  catalog: fc.constantFrom('default', 'sized'),
  daemon: fc.boolean(),
  seed: fc.integer(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function run(s: Scenario): { pods: Pod[]; pools: NodePool[]; r: SolveResult } {
  const pods = s.pods.map(build);
  const pools = s.pools.map(buildPool);
  const types = s.catalog === 'default' ? defaultFakeInstanceTypes() : fakeInstanceTypes(12);
  const daemonSets = s.daemon
    ? [
        daemonSet({
          name: 'agent',
          requests: { cpu: '100m', memory: '64Mi' },
          tolerations: [{ operator: 'Exists' }],
        }),
      ]
    : [];
  const r = solveWith({ pods, pools, types, daemonSets, options: { rng: mulberry32(s.seed) } });
  return { pods, pools, r };
}

const runs = { numRuns: 150 };

describe('solve invariants', () => {
  it('fits every plan’s pods plus DaemonSet overhead on every instance type it offers', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { r } = run(s);
        for (const plan of r.newNodeClaims) {
          expect(plan.instanceTypes.length).toBeGreaterThan(0);
          const need = sum(requestsForPods(plan.pods), plan.daemonOverhead);
          for (const it of plan.instanceTypes) expect(fitsIn(need, it.allocatable)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('only places a pod where its required labels and taints allow', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { r } = run(s);
        for (const plan of r.newNodeClaims) {
          for (const p of plan.pods) {
            const req = podRequirements(p, true);
            expect(plan.requirements.compatible(req, FAKE_WELL_KNOWN_LABELS)).toBeUndefined();
            for (const it of plan.instanceTypes) expect(typeCompatible(it, req)).toBe(true);
            const hard = plan.taints.filter((t) => t.effect !== 'PreferNoSchedule');
            expect(untoleratedTaints(hard, p.spec.tolerations)).toEqual([]);
          }
        }
      }),
      runs,
    );
  });

  it('never lets a pool’s NodeClaims exceed its cpu limit, even at their largest type', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pools, r } = run(s);
        for (const np of pools) {
          if (!np.spec.limits?.['cpu']) continue;
          const limit = Number(np.spec.limits['cpu']) * 1000;
          const worst = r.newNodeClaims
            .filter((c) => c.nodePool === np.metadata.name)
            .reduce(
              (acc, c) => acc + Math.max(...c.instanceTypes.map((t) => t.capacity['cpu'] ?? 0)),
              0,
            );
          expect(worst).toBeLessThanOrEqual(limit);
        }
      }),
      runs,
    );
  });

  it('accounts for every pod exactly once: placed or with an error', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { pods, r } = run(s);
        const placed = new Map<string, number>();
        for (const c of r.newNodeClaims)
          for (const p of c.pods)
            placed.set(p.metadata.uid!, (placed.get(p.metadata.uid!) ?? 0) + 1);
        for (const p of pods) {
          const n = placed.get(p.metadata.uid!) ?? 0;
          const err = r.podErrors.has(p.metadata.uid!);
          expect(n + (err ? 1 : 0)).toBe(1);
          if (err) expect(r.podErrors.get(p.metadata.uid!)?.message.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('gives identical results for the same seed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const pods = s.pods.map(build);
        const pools = s.pools.map(buildPool);
        const once = () => {
          const r = solveWith({
            pods,
            pools,
            types: fakeInstanceTypes(12),
            options: { rng: mulberry32(s.seed) },
          });
          return JSON.stringify({
            claims: r.newNodeClaims.map((c) => [
              c.nodePool,
              c.hostname,
              c.pods.map((p) => p.metadata.uid),
              c.instanceTypes.map((t) => t.name),
              c.requirements.toString(),
              c.labels,
            ]),
            errors: [...r.podErrors].map(([k, v]) => [k, v.message]),
          });
        };
        expect(once()).toBe(once());
      }),
      { numRuns: 60 },
    );
  });
});
