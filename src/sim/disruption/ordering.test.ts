import { describe, expect, it } from 'vitest';
import { V1_VOCABULARY } from './annotations.ts';
import { buildIndex } from './candidates.ts';
import { interleaveByPool, orderForConsolidation } from './ordering.ts';
import { emptyState } from '../engine/state.ts';
import { claimRecord, eagerPool, nodeRecord, podRec } from './testing.ts';

/** Nodes n0…: identical price, each with the given number of pods, in the given pools. */
function facts(specs: { pods: number; pool?: string }[], version = 'v1.14') {
  const s = emptyState({ installed: true, version, semantics: 'v1' });
  specs.forEach((spec, i) => {
    const pool = spec.pool ?? 'default';
    s.nodePools.set(pool, eagerPool(pool));
    s.nodeClaims.set(`c${i}`, claimRecord(`c${i}`, { nodePool: pool, nodeName: `n${i}` }));
    s.nodes.set(`n${i}`, nodeRecord(`n${i}`, { nodeClaim: `c${i}`, nodePool: pool }));
    for (let k = 0; k < spec.pods; k++) {
      const p = podRec(`p${i}-${k}`, { node: `n${i}` });
      s.pods.set(p.key, p);
    }
  });
  return [...buildIndex(s, 0, V1_VOCABULARY, new Set()).facts.values()];
}

describe('ordering › candidates (reference §3.4)', () => {
  it('puts the node with the best savings ratio first: of two identical nodes, the one with fewer pods', () => {
    expect(
      orderForConsolidation(facts([{ pods: 2 }, { pods: 1 }]), true).map((f) => f.node.name),
    ).toEqual(['n1', 'n0']);
  });

  it('sorts by disruption cost ascending before v1.14', () => {
    expect(
      orderForConsolidation(facts([{ pods: 3 }, { pods: 1 }, { pods: 2 }], 'v1.13'), false).map(
        (f) => f.node.name,
      ),
    ).toEqual(['n1', 'n2', 'n0']);
  });

  it('interleaves pools for single-node consolidation', () => {
    const f = facts([
      { pods: 1, pool: 'a' },
      { pods: 1, pool: 'a' },
      { pods: 1, pool: 'b' },
    ]);
    expect(interleaveByPool(f).map((x) => `${x.poolName}/${x.node.name}`)).toEqual([
      'a/n0',
      'b/n2',
      'a/n1',
    ]);
  });
});
