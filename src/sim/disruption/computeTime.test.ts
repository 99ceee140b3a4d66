// Consolidation's modelled computation time (reference §3.7–3.8, `singlenodeconsolidation.go`,
// `multinodeconsolidation.go`): each dry run costs timings.dryRunPerPod per pod it places plus
// timings.dryRunPer1kNodes per 1,000 nodes; the loop is busy that long, single-node gives up after
// 3 minutes (not marking the cluster consolidated, unseen pools first next time) and multi-node
// after 1 minute (returning its last valid command). The tests set large per-pod costs so a few
// nodes reach the timeouts that real clusters reach with hundreds.
import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import type { Scenario } from '../k8s.ts';
import { interleaveByPool } from './ordering.ts';
import type { NodeFacts } from './candidates.ts';
import {
  eagerPool,
  k8sEvents,
  onePerNode,
  runLab,
  scaleTo,
  threeNodesToOnePodEach,
} from './testing.ts';

const timings = (t: Record<string, string>): Scenario['spec'] => ({
  karpenter: { timings: { jitter: '0', ...t } },
});

/** One 1-vCPU pod per node of pool `pool` (required hostname anti-affinity): nothing can move. */
const pinned = (name: string, pool: string, replicas: number) =>
  onePerNode(
    deployment(name, {
      replicas,
      cpu: '1',
      spec: { nodeSelector: { 'karpenter.sh/nodepool': pool } },
    }),
  );

describe('consolidation › modelled computation time', () => {
  // The replace case of consolidation.test.ts: one 4x node left with one pod; single-node replaces it.
  const replaceCase = (spec: Scenario['spec']) =>
    runLab({ until: '20m', actions: [scaleTo('web', 1, '3m')], ...spec }, [
      eagerPool(),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);

  it('acts after the poll + the pass’s dry-run time (whole seconds) + the 15 s validation', () => {
    const quick = k8sEvents(replaceCase(timings({})).timeline, 'Disrupting')[0]?.t ?? 0;
    expect(quick % 10_000).toBe(5_000); // default costs: 1 dry run of 1 pod on 1 node, under 1 s
    // One dry run placing one pod at 4 s a pod: Karpenter decides 4 s into the pass.
    const slow = k8sEvents(replaceCase(timings({ dryRunPerPod: '4s' })).timeline, 'Disrupting')[0];
    expect(slow?.t).toBe(quick + 4_000);
    // Zero costs are the instant model.
    const zero = timings({ dryRunPerPod: '0s', dryRunPer1kNodes: '0s' });
    expect(k8sEvents(replaceCase(zero).timeline, 'Disrupting')[0]?.t).toBe(quick);
  });

  it('single-node gives up after 3 min, retries on the next poll after the pass (no memo), and the nodes it did not reach say so', () => {
    // Five pinned nodes, each already the cheapest type: every dry run is a no-op of 1 pod = 1 min.
    // A budget of one node keeps multi-node to a single candidate, so it runs no dry run.
    const perPod = timings({ dryRunPerPod: '1m', dryRunPer1kNodes: '0s' });
    const { controller } = runLab({ until: '30m', ...perPod }, [
      eagerPool('default', { budgets: [{ nodes: '1' }] }),
      pinned('web', 'default', 5),
    ]);
    expect(controller.timeouts.every((t) => t.method === 'SingleNodeConsolidation')).toBe(true);
    // Checked before each candidate: after 3 dry runs 3 min have passed, not more, so a 4th runs.
    expect(controller.timeouts[0]).toMatchObject({ evaluated: 4, of: 5, afterMs: 4 * 60_000 });
    // Not marked consolidated: the next pass comes 10 s after this one's 4 min, before the 5 min
    // memo refresh would have allowed it.
    const at = controller.timeouts.map((t) => t.at);
    expect(at.length).toBeGreaterThanOrEqual(3);
    expect(at.slice(1).map((t, i) => t - (at[i] ?? 0))).toEqual(
      at.slice(1).map(() => 4 * 60_000 + 10_000),
    );
    const unreached = [...controller.explanations.values()].filter((e) =>
      e.reason.startsWith('not evaluated: single-node consolidation timed out'),
    );
    expect(unreached).toHaveLength(1);
    expect(unreached[0]?.reason).toBe(
      'not evaluated: single-node consolidation timed out after evaluating 4 of 5 candidates',
    );
    expect(unreached[0]?.sentence).toMatch(
      /ran out of its 3 minutes after 4m of modelled computation .*, having evaluated 4 of 5 candidates/,
    );
  });

  // Upstream (kubernetes-sigs/karpenter pkg/controllers/disruption/singlenodeconsolidation_test.go,
  // "Candidate Shuffling"): "should mark nodepools as timed out when timeout occurs" and "should
  // prioritize nodepools that timed out in previous runs", end to end. Upstream times out before the
  // first candidate (a negative timeout); the lab checks before each candidate but the first.
  it('puts the NodePools a timeout left unseen first on the next pass, so every pool gets its turn', () => {
    // Three pools, one pinned node each; 2 min per dry run: a pass evaluates 2 nodes, then stops.
    const { timeline: tl, controller } = runLab(
      { until: '40m', ...timings({ dryRunPerPod: '2m', dryRunPer1kNodes: '0s' }) },
      [
        eagerPool('a'),
        eagerPool('b'),
        eagerPool('c'),
        pinned('wa', 'a', 1),
        pinned('wb', 'b', 1),
        pinned('wc', 'c', 1),
      ],
    );
    expect(
      controller.timeouts.filter((t) => t.method === 'SingleNodeConsolidation').length,
    ).toBeGreaterThanOrEqual(3);
    // Every node was evaluated at some pass ("Can't replace with a cheaper node").
    const evaluated = new Set(
      k8sEvents(tl, 'Unconsolidatable')
        .map((e) => e.object)
        .filter((o) => o.startsWith('node/')),
    );
    expect(evaluated.size).toBe(3);
  });

  it('multi-node returns its last valid command when the minute runs out', () => {
    // consolidation.test.ts's multi-node case: three full 2x nodes, then one pod each. The search
    // tries 2 nodes (valid: delete) and would then try 3; at 31 s a pod the first batch of 2 pods
    // already took 62 s, so the minute is gone and the 2-node delete is returned.
    const { controller } = threeNodesToOnePodEach(
      timings({ dryRunPerPod: '31s', dryRunPer1kNodes: '0s' }),
    );
    const multi = controller.actions.find((a) => a.method === 'MultiNodeConsolidation');
    expect(controller.timeouts[0]).toMatchObject({
      method: 'MultiNodeConsolidation',
      evaluated: 1,
      of: 3,
      afterMs: 62_000,
    });
    expect(multi).toMatchObject({ decision: 'delete' });
    expect(multi?.nodes).toHaveLength(2);
  });
});

describe('interleaveByPool › pools left unseen go first', () => {
  const f = (node: string, poolName: string) => ({ node: { name: node }, poolName }) as NodeFacts;
  const names = (l: NodeFacts[]) => l.map((x) => x.node.name);
  const sorted = [f('a1', 'a'), f('b1', 'b'), f('a2', 'a'), f('c1', 'c'), f('b2', 'b')];

  // Upstream singlenodeconsolidation_test.go: "should prioritize nodepools that timed out in previous
  // runs" (unseen first) and "should reset timed out nodepools when all nodepools are evaluated" (an
  // empty set: first-seen order; consolidationMethods.ts clears it when a pass reaches every pool).
  it('interleaves in first-seen pool order, then with unseen pools first', () => {
    expect(names(interleaveByPool(sorted))).toEqual(['a1', 'b1', 'c1', 'a2', 'b2']);
    expect(names(interleaveByPool(sorted, new Set(['c'])))).toEqual(['c1', 'a1', 'b1', 'a2', 'b2']);
    expect(names(interleaveByPool(sorted, new Set(['b', 'c'])))).toEqual([
      'b1',
      'c1',
      'a1',
      'b2',
      'a2',
    ]);
  });
});
