// The controller skips its node/NodeClaim scans (drift, forceful expiry, leftover taints, budget
// counts) on a state that only moved pods since the last scan (ctx.nodesChangedSince), and drift
// and forceful expiry look only at the NodeClaims touched since (ctx.nodeObjectsChangedSince).
// Exact: the same timeline as a controller told that every state changed its nodes and not which,
// over random clusters with scale-downs, PDBs, spot, short expireAfter and a NodePool edit that
// drifts nodes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisruptionContext } from '../engine/disruption.ts';
import { deployment, scenario } from '../engine/testing.ts';
import { toJSON } from '../engine/json.ts';
import { simulate } from '../engine/simulate.ts';
import type { KubeObject, NodePool } from '../k8s.ts';
import { karpenterDisruption } from './controller.ts';
import { applyAt, eagerPool, onePerNode, pdb, scaleTo, sizedTypes } from './testing.ts';

const cluster = fc.record({
  replicas: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
  after: fc.integer({ min: 0, max: 2 }),
  pdb: fc.boolean(),
  spot: fc.boolean(),
  expireAfter: fc.constantFrom('720h', '12m', '25m'),
  driftAt: fc.constantFrom(undefined, 4, 9),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Cluster = typeof cluster extends fc.Arbitrary<infer T> ? T : never;

/** One Deployment of 3 on on-demand nodes, nothing expiring or drifted, but what `over` says. */
function oneDeployment(over: Partial<Cluster>): Cluster {
  return {
    replicas: [3],
    after: 2,
    pdb: false,
    spot: false,
    expireAfter: '720h',
    driftAt: undefined,
    seed: 7,
    ...over,
  };
}

function run(
  c: Cluster,
  alwaysChanged: boolean,
  extra: { at: string; run: string }[] = [],
  template: Partial<NodePool['spec']['template']['spec']> = {},
): string {
  const pool: NodePool = eagerPool(
    'default',
    { budgets: [{ nodes: '2' }] },
    { expireAfter: c.expireAfter, ...template },
  );
  const objects: KubeObject[] = [pool];
  const actions: { at: string; run: string }[] = [...extra];
  c.replicas.forEach((n, i) => {
    objects.push(onePerNode(deployment(`w${i}`, { replicas: n, cpu: '500m' })));
    actions.push(scaleTo(`w${i}`, c.after, `${3 + i}m`));
    if (c.pdb) objects.push(pdb(`w${i}`, `w${i}`, { maxUnavailable: 1 }));
  });
  const inner = karpenterDisruption();
  const controller = alwaysChanged
    ? {
        ...inner,
        tick: (ctx: DisruptionContext) => {
          const told: DisruptionContext = Object.create(ctx, {
            nodesChangedSince: { value: () => true },
            nodeObjectsChangedSince: { value: undefined },
          });
          inner.tick(told);
        },
      }
    : inner;
  const drifted: NodePool = {
    ...pool,
    spec: {
      ...pool.spec,
      template: { ...pool.spec.template, metadata: { labels: { team: 'a' } } },
    },
  };
  const timeline = simulate({
    objects: [
      scenario({
        until: '30m',
        seed: c.seed,
        actions,
        instanceTypes: sizedTypes(c.spot ? ['spot', 'on-demand'] : ['on-demand']),
      }),
      ...objects,
    ],
    disruption: controller,
    ...(c.driftAt === undefined ? {} : { actions: [applyAt(c.driftAt * 60_000, drifted)] }),
  });
  return JSON.stringify(toJSON(timeline));
}

describe('nodesChangedSince, nodeObjectsChangedSince: scans skipped or narrowed', () => {
  it('still clears a disruption taint someone left on a node, and sees a label that drifts it', () => {
    const c = oneDeployment({});
    const first = JSON.parse(run(c, false)) as { nodes: { name: string }[] };
    const node = first.nodes[0]?.name ?? '';
    expect(node).not.toBe('');
    const extra = [
      { at: '8m', run: `kubectl taint node ${node} karpenter.sh/disrupted:NoSchedule` },
      { at: '9m', run: `kubectl label node ${node} karpenter.sh/capacity-type=spot --overwrite` },
    ];
    expect(run(c, false, extra)).toBe(run(c, true, extra));
  });

  it('drifts a node whose label a kubectl command alone changed (a Node event, no claim event)', () => {
    // The pool admits on-demand only; relabelling a node spot makes its NodeClaim drift, found
    // through the node's name (nodeObjectsChangedSince) when only that node was touched.
    const c = oneDeployment({ after: 3, spot: true, seed: 11 });
    const onDemand = {
      requirements: [
        { key: 'karpenter.sh/capacity-type', operator: 'In' as const, values: ['on-demand'] },
      ],
    };
    const first = JSON.parse(run(c, false, [], onDemand)) as { nodes: { name: string }[] };
    const node = first.nodes[0]?.name ?? '';
    expect(node).not.toBe('');
    const extra = [
      { at: '9m', run: `kubectl label node ${node} karpenter.sh/capacity-type=spot --overwrite` },
    ];
    const narrowed = run(c, false, extra, onDemand);
    expect(narrowed).toContain('Drifted');
    expect(narrowed).toBe(run(c, true, extra, onDemand));
  });

  it('stamps NodeClaims made after the first scan, so a later pool edit drifts them', () => {
    // Scaled up at 3m (NodeClaims the scans first see through their events), the pool's template
    // edited at 9m: every claim stamped before the edit drifts.
    const c = oneDeployment({ replicas: [1], after: 4, driftAt: 9, seed: 3 });
    const narrowed = run(c, false);
    expect(narrowed.split('Drifted').length - 1).toBeGreaterThan(3);
    expect(narrowed).toBe(run(c, true));
  });

  it('gives the same timeline as rescanning on every state change', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        expect(run(c, false)).toBe(run(c, true));
      }),
      { numRuns: 25 },
    );
  });
});
