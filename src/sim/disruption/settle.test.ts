// The index settled per state moves with the pods: a state that moved only pods since the last
// settle redoes only the nodes those pods touched (and the nominations they changed). Over random
// sequences of pod and node changes, every index equals one built from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState, emptyState, type ClusterState, type PodRec } from '../engine/state.ts';
import { V1_VOCABULARY } from './annotations.ts';
import { buildIndex, type ClusterIndex } from './candidates.ts';
import { claimRecord, eagerPool, nodeRecord, pdb, podRec } from './testing.ts';

const NODES = ['n1', 'n2', 'n3', 'n4'];
const PHASES: PodRec['phase'][] = ['Pending', 'Running', 'Terminating', 'Failed'];

function cluster(): ClusterState {
  const s = emptyState({ installed: true, version: 'v1.14', semantics: 'v1' });
  s.nodePools.set('default', eagerPool());
  NODES.slice(0, 3).forEach((n, i) => {
    s.nodeClaims.set(`c${i + 1}`, claimRecord(`c${i + 1}`, { nodeName: n }));
    s.nodes.set(n, nodeRecord(n, { nodeClaim: `c${i + 1}`, price: 0.1 * (i + 1) }));
  });
  return s;
}

const op = fc.oneof(
  fc.record({
    kind: fc.constantFrom('pod' as const),
    pod: fc.integer({ min: 0, max: 7 }),
    node: fc.constantFrom(undefined, ...NODES),
    nominatedTo: fc.constantFrom(undefined, 'c1', 'n2', 'c3', 'c4'),
    phase: fc.constantFrom(...PHASES),
    priority: fc.constantFrom(0, 2 ** 25),
  }),
  fc.record({ kind: fc.constant('delete' as const), pod: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('readd' as const), pod: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constantFrom('node' as const),
    node: fc.constantFrom(...NODES),
    change: fc.constantFrom(
      'annotate',
      'terminate',
      'revive',
      'pdb',
      'nopdb',
      'uninitialize',
      'reclaim',
      'unclaim',
      'register',
      'launch',
      'pool',
      'forget',
    ),
  }),
  fc.record({ kind: fc.constantFrom('queue' as const), node: fc.constantFrom(...NODES) }),
);

/** What the methods read, without object identity. */
const view = (ix: ClusterIndex) => ({
  facts: [...ix.facts.values()],
  nominated: [...ix.nominated].sort(),
  pdbs: ix.pdbs,
});

describe('candidates › the index moved along with the pods', () => {
  it('equals an index built from scratch after any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        (steps) => {
          const s = cluster();
          /** changed[v]: whether anything but pods changed in step v (the engine's nodesChangedSince). */
          const nodesMoved: boolean[] = [];
          let queue = new Set<string>();
          steps.forEach((step, v) => {
            let nodes = false;
            for (const o of step) {
              if (o.kind === 'pod') {
                const rec = podRec(`p${o.pod}`, {
                  phase: o.phase,
                  priority: o.priority,
                  labels: { app: 'web' },
                  ...(o.node ? { node: o.node } : {}),
                  ...(o.nominatedTo && !o.node ? { nominatedTo: o.nominatedTo } : {}),
                });
                s.pods.set(rec.key, rec);
              } else if (o.kind === 'delete') s.pods.delete(`default/p${o.pod}`);
              else if (o.kind === 'readd') {
                const rec = s.pods.get(`default/p${o.pod}`);
                s.pods.delete(`default/p${o.pod}`);
                if (rec) s.pods.set(rec.key, { ...rec });
              } else if (o.kind === 'queue') {
                queue = new Set([o.node]);
              } else {
                nodes = true;
                const n = s.nodes.get(o.node);
                if (!n) continue;
                if (o.change === 'annotate')
                  s.nodes.set(o.node, {
                    ...n,
                    annotations: { 'karpenter.sh/do-not-disrupt': 'true' },
                  });
                else if (o.change === 'terminate') s.nodes.set(o.node, { ...n, terminatedAt: 1 });
                else if (o.change === 'uninitialize') {
                  const c = s.nodeClaims.get(n.nodeClaim ?? '');
                  if (c) {
                    const { initializedAt: _i, ...rest } = c;
                    s.nodeClaims.set(c.name, rest);
                  }
                } else if (o.change === 'reclaim')
                  // The node now names the NodeClaim "c4", which may not exist yet.
                  s.nodes.set(o.node, { ...n, nodeClaim: 'c4' });
                else if (o.change === 'unclaim') {
                  const { nodeClaim: _c, ...rest } = n;
                  s.nodes.set(o.node, rest);
                } else if (o.change === 'register')
                  s.nodes.set('n4', nodeRecord('n4', { nodeClaim: 'c4', price: 0.5 }));
                else if (o.change === 'launch')
                  s.nodeClaims.set('c4', claimRecord('c4', { nodeName: 'n4' }));
                else if (o.change === 'pool')
                  s.nodePools.set('default', eagerPool('default', { consolidateAfter: '1m' }));
                else if (o.change === 'forget') s.nodes.delete(o.node);
                else if (o.change === 'revive') {
                  const { terminatedAt: _t, ...rest } = n;
                  s.nodes.set(o.node, { ...rest, annotations: {} });
                } else if (o.change === 'pdb')
                  s.objects.set(
                    'PodDisruptionBudget/default/web',
                    pdb('web', 'web', { minAvailable: 1 }),
                  );
                else s.objects.delete('PodDisruptionBudget/default/web');
              }
            }
            nodesMoved[v] = nodes;
            const since = (from: number) => nodesMoved.slice(from + 1, v + 1).some(Boolean);
            // A read without a version (explain, tests) between two passes moves the pod index too.
            if (step.length % 3 === 2) buildIndex(s, 1000 * v, V1_VOCABULARY, queue);
            const kept = buildIndex(s, 1000 * v, V1_VOCABULARY, queue, v, since);
            const fresh = buildIndex(cloneState(s), 1000 * v, V1_VOCABULARY, queue);
            expect(view(kept)).toEqual(view(fresh));
            // Both through the pod index: its lists against the pod map's own order.
            for (const f of kept.facts.values())
              expect(f.pods.map((p) => p.key)).toEqual(
                [...s.pods.values()]
                  .filter((p) => p.nodeName === f.node.name)
                  .filter((p) => p.phase !== 'Terminating' && p.phase !== 'Failed')
                  .map((p) => p.key),
              );
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
