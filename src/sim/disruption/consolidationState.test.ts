// ConsolidationState: the changes Karpenter's cluster state marks (state/cluster.go:
// MarkUnconsolidated callers and triggerConsolidationOnChange), and the ones it does not.
import { describe, expect, it } from 'vitest';
import { emptyState, type ClusterState, type NodeClaimRec } from '../engine/state.ts';
import { nodePool } from '../engine/testing.ts';
import { CONSOLIDATION_REFRESH_MS, ConsolidationState } from './consolidationState.ts';
import { PodEventTracker } from './podEvents.ts';
import { claimRecord, nodeRecord, podRec } from './testing.ts';

/** A NodeClaim launched at 0 and not initialized (claimRecord's default is initialized at 0). */
function launched(name: string, over: Partial<NodeClaimRec> = {}): NodeClaimRec {
  const { initializedAt: _, ...c } = claimRecord(name, { phase: 'Launched', launchedAt: 0 });
  return { ...c, ...over };
}

function cluster(): ClusterState {
  const s = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
  s.nodePools.set('default', nodePool('default'));
  s.nodeClaims.set('c1', launched('c1', { nodeName: 'n1' }));
  s.nodes.set('n1', nodeRecord('n1', { nodeClaim: 'c1' }));
  s.pods.set('default/a', podRec('a', { node: 'n1' }));
  return s;
}

/** Looks at `s` at 0, applies `change` and looks again at 10 s: did the state move? */
function marks(change: (s: ClusterState) => void): boolean {
  const s = cluster();
  const cs = new ConsolidationState();
  // As the controller looks: the pods through the pod-event fold, the rest through observe.
  const tracker = new PodEventTracker();
  const look = (version: number, now: number) => {
    tracker.update(s, now, cs);
    cs.observe(s, version, now);
  };
  look(1, 0);
  expect(cs.at(0)).toBe(0);
  change(s);
  look(2, 10_000);
  return cs.at(10_000) === 10_000;
}

describe('ConsolidationState marks what Karpenter watches', () => {
  it.each<[string, (s: ClusterState) => void]>([
    ['a pod bound', (s) => s.pods.set('default/b', podRec('b', { node: 'n1' }))],
    ['a pending pod deleted', (s) => s.pods.delete('default/a')],
    ['a NodeClaim launched', (s) => s.nodeClaims.set('c2', launched('c2', { launchedAt: 5_000 }))],
    [
      'a NodeClaim initialized',
      (s) => s.nodeClaims.set('c1', launched('c1', { initializedAt: 5_000 })),
    ],
    ['a NodeClaim deleting', (s) => s.nodeClaims.set('c1', launched('c1', { deletingAt: 5_000 }))],
    ['a NodeClaim gone', (s) => s.nodeClaims.delete('c1')],
    ['a Node deleted', (s) => s.nodes.set('n1', nodeRecord('n1', { terminatedAt: 5_000 }))],
    ['an unmanaged Node registering', (s) => s.nodes.set('n2', nodeRecord('n2'))],
    [
      'a NodePool edited',
      (s) => s.nodePools.set('default', nodePool('default', {}, { weight: 5 })),
    ],
  ])('%s', (_, change) => {
    expect(marks(change)).toBe(true);
  });

  it.each<[string, (s: ClusterState) => void]>([
    ['nothing', () => undefined],
    ['a pod created Pending', (s) => s.pods.set('default/b', podRec('b', { phase: 'Pending' }))],
    [
      'a pod turning Terminating',
      (s) => s.pods.set('default/a', podRec('a', { node: 'n1', phase: 'Terminating' })),
    ],
    [
      'a pod nominated',
      (s) => s.pods.set('default/b', podRec('b', { phase: 'Pending', nominatedTo: 'c1' })),
    ],
    [
      'a Node registering for a launched NodeClaim',
      (s) => s.nodes.set('n2', nodeRecord('n2', { nodeClaim: 'c1' })),
    ],
    [
      'a Node turning ready, or relabelled',
      (s) => s.nodes.set('n1', nodeRecord('n1', { nodeClaim: 'c1', labels: { x: 'y' } })),
    ],
    [
      'a NodeClaim created, not launched',
      (s) => {
        const { launchedAt: _, ...c } = launched('c2', { phase: 'Pending' });
        s.nodeClaims.set('c2', c);
      },
    ],
  ])('not %s', (_, change) => {
    expect(marks(change)).toBe(false);
  });

  it('refreshes itself 5 minutes after the last mark, at the first look past it', () => {
    const s = cluster();
    const cs = new ConsolidationState();
    cs.observe(s, 1, 20_000);
    expect(cs.at(20_000)).toBe(20_000);
    expect(cs.refreshAt()).toBe(20_000 + CONSOLIDATION_REFRESH_MS);
    expect(cs.at(20_000 + CONSOLIDATION_REFRESH_MS - 1)).toBe(20_000);
    expect(cs.at(330_000)).toBe(330_000);
    expect(cs.refreshAt()).toBe(330_000 + CONSOLIDATION_REFRESH_MS);
  });

  it('skips the node walk for a state that moved only pods, and catches up at the next walk', () => {
    const s = cluster();
    const cs = new ConsolidationState();
    cs.observe(s, 1, 0);
    s.nodeClaims.set('c1', launched('c1', { initializedAt: 5_000 }));
    // Told that only pods changed since version 1 (wrongly, to see the skip): no mark yet.
    cs.observe(s, 2, 10_000, () => false);
    expect(cs.at(10_000)).toBe(0);
    cs.observe(s, 3, 20_000, () => true);
    expect(cs.at(20_000)).toBe(20_000);
  });
});
