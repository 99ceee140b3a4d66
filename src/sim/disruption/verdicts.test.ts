// VerdictCache: a no-op whose dry run drew no random number is reused while the state key is the
// same; a dry run that drew, a command, or a changed key runs the dry run again.
import { describe, expect, it } from 'vitest';
import type { DisruptionContext } from '../engine/disruption.ts';
import { emptyState } from '../engine/state.ts';
import type { NodeClaimPlan } from '../scheduling/types.ts';
import { V1_VOCABULARY } from './annotations.ts';
import { buildIndex, type NodeFacts } from './candidates.ts';
import type { ConsolidationOptions } from './consolidation.ts';
import { claimRecord, eagerPool, nodeRecord, podRec, stubContext } from './testing.ts';
import { unavailableNow, VerdictCache } from './verdicts.ts';

function oneNode(drawPerRun = 0): {
  ctx: DisruptionContext;
  facts: NodeFacts;
  runs: () => number;
} {
  const s = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
  s.nodePools.set('default', eagerPool());
  s.nodeClaims.set('c1', claimRecord('c1', { nodeName: 'n1' }));
  s.nodes.set('n1', nodeRecord('n1', { nodeClaim: 'c1', zone: 'test-zone-1' }));
  const pod = podRec('a', { node: 'n1' });
  s.pods.set(pod.key, pod);
  const facts = buildIndex(s, 0, V1_VOCABULARY, new Set()).facts.get('n1');
  if (!facts) throw new Error('no candidate');
  let runs = 0;
  let draws = 0;
  // Two new NodeClaims: "Can't remove without creating 2 candidates" (a no-op).
  const base = stubContext(s, () => {
    runs++;
    draws += drawPerRun;
    const two = [{ pods: [pod.pod] }, { pods: [pod.pod] }] as unknown as NodeClaimPlan[];
    return { newNodeClaims: two, existing: [], podErrors: new Map(), events: [] };
  });
  const ctx: DisruptionContext = {
    ...base,
    get dryRunDraws() {
      return draws;
    },
  };
  return { ctx, facts, runs: () => runs };
}

const single: ConsolidationOptions = {
  method: 'SingleNodeConsolidation',
  single: true,
  competing: [],
  legacySpot: false,
};

describe('VerdictCache', () => {
  it('reuses a no-op that drew no random number while the key is unchanged', () => {
    const { ctx, facts, runs } = oneNode();
    const cache = new VerdictCache();
    cache.sync('k1');
    const first = cache.consolidate(ctx, [facts], single);
    expect(first).toEqual({ kind: 'noop', message: "Can't remove without creating 2 candidates" });
    expect(cache.consolidate(ctx, [facts], single)).toBe(first);
    expect(runs()).toBe(1);
    expect(cache.hits).toBe(1);
    // Another method (different spot and same-type rules) is a different dry run.
    cache.consolidate(ctx, [facts], { ...single, method: 'MultiNodeConsolidation', single: false });
    expect(runs()).toBe(2);
    cache.sync('k2');
    cache.consolidate(ctx, [facts], single);
    expect(runs()).toBe(3);
  });

  it('runs again a dry run that drew random numbers (a re-run may pick other domains)', () => {
    const { ctx, facts, runs } = oneNode(2);
    const cache = new VerdictCache();
    cache.sync('k1');
    cache.consolidate(ctx, [facts], single);
    cache.consolidate(ctx, [facts], single);
    expect(runs()).toBe(2);
    expect(cache.hits).toBe(0);
  });

  it('keys the unavailable offerings in force now, not the expired ones', () => {
    const s = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
    s.unavailable.set('spot:b:z', 50);
    s.unavailable.set('spot:a:z', 200);
    expect(unavailableNow(s, 10)).toBe('spot:a:z,spot:b:z');
    expect(unavailableNow(s, 100)).toBe('spot:a:z');
  });
});
