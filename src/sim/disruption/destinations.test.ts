// v1.14: consolidation does not move a candidate's pods onto a node still inside its NodePool's
// consolidateAfter window (kubernetes-sigs/karpenter#3006: scheduler.go addToExistingNode,
// utils/disruption IsUnderConsolidateAfter). The upstream cases themselves are fidelity fixtures
// (src/fidelity/consolidation/*consolidate-after*.yaml); these pin the wiring and the edges:
// which pods are held back, which versions and settings close a node, and that a verdict given
// while a window was open is not reused once it closed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, simulateText } from '../../fidelity/harness.ts';
import { explainTarget, simulateWorkspace } from '../../pipeline/run.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import { emptyState } from '../engine/state.ts';
import type { NodeFacts } from './candidates.ts';
import { dryRun } from './dryrun.ts';
import { claimRecord, nodeRecord, podRec, stubContext } from './testing.ts';

const CASE = join(
  FIXTURES,
  'consolidation/no-move-onto-a-destination-inside-its-consolidate-after.yaml',
);
const text = readFileSync(CASE, 'utf8');

/** The fixture's times of its Disrupting events, with the Scenario's karpenter block edited. */
function disruptingAt(edit: (t: string) => string = (t) => t): number[] {
  return simulateText(edit(text))
    .events.filter((e) => e.reason === 'Disrupting')
    .map((e) => e.time);
}

const KARPENTER = "  karpenter: { timings: { jitter: '0' } }";

describe('destinations inside their consolidateAfter (v1.14)', () => {
  it('hold the candidate back until the window ends, from v1.14 on only', () => {
    // node-b is a candidate from 60 s; node-a took a pod at 30 s, so its 1m window runs to 90 s.
    const [latest] = disruptingAt();
    expect(latest).toBeGreaterThanOrEqual(90);
    // v1.13 moved the pod onto node-a at the first pass (60 s, then 15 s of validation).
    const older = (v: string) => (t: string) =>
      t.replace(KARPENTER, `  karpenter: { version: ${v}, timings: { jitter: '0' } }`);
    expect(disruptingAt(older('v1.13'))[0]).toBe(75);
    expect(disruptingAt(older('v1.14'))[0]).toBe(latest);
  });

  it('close nothing when the pool consolidates after 0s', () => {
    // The candidate itself must wait for its own window too: with 0s both are candidates at once,
    // and the first pass deletes node-b.
    const zero = (t: string) => t.replace('consolidateAfter: 1m,', 'consolidateAfter: 0s,');
    expect(disruptingAt(zero)[0]).toBeLessThan(60);
  });

  it('say why the candidate stayed: no cheaper replacement, with its pods kept off node-a', () => {
    const j = simulateText(text);
    const first = j.events.find(
      (e) => e.reason === 'Unconsolidatable' && e.object === 'node/node-b',
    );
    expect(first?.time).toBe(60);
    expect(first?.message).toBe("Can't replace with a cheaper node");
  });
});

describe('a candidate’s details (v1.14)', () => {
  it('name the nodes its pods may not move to, while their windows run', () => {
    const { session } = simulateWorkspace(text, { file: 'w.yaml', seed: 1 });
    const heldOff = (t: number) => {
      const e = explainTarget(session, { kind: 'node', key: 'node-b', t });
      const facts = e && 'disruption' in e ? e.disruption.facts : [];
      return facts.find((f) => f.label === 'Pods may not move to')?.value;
    };
    expect(heldOff(65_000)).toBe('node-a (until 1m30s)');
    expect(heldOff(100_000)).toBeUndefined();
  });
});

/** One candidate node "n1" holding `pods`, as buildIndex would describe it. */
function candidate(pods: ReturnType<typeof podRec>[]): NodeFacts {
  return {
    node: nodeRecord('n1'),
    claim: claimRecord('c1'),
    poolName: 'default',
    pool: undefined,
    pods,
    reschedulable: pods,
    price: 1,
    rescheduleCost: 1 + pods.length,
    lifetimeCost: pods.length,
    empty: pods.length === 0,
  };
}

/** The options dryRun hands the solve. */
function optionsOf(
  facts: NodeFacts,
  extra: ReturnType<typeof podRec>[],
  closed?: ReadonlySet<string>,
): Parameters<DisruptionContext['simulate']>[1] {
  let seen: Parameters<DisruptionContext['simulate']>[1];
  const state = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
  const ctx = stubContext(state, (_pods, opts) => {
    seen = opts;
    return { newNodeClaims: [], existing: [], podErrors: new Map(), events: [] };
  });
  dryRun(ctx, [facts], extra, closed);
  return seen;
}

describe("dryRun's restricted pods", () => {
  const running = podRec('running', { node: 'n1' });
  // Bound but not started (image pull): upstream's pod.IsPending reads the phase, so it is exempt.
  const starting = podRec('starting', { node: 'n1', phase: 'Pending' });
  const pending = podRec('pending', { phase: 'Pending' });

  it("are the candidates' pods that are not Pending; pending pods may go anywhere", () => {
    const opts = optionsOf(candidate([running, starting]), [pending], new Set(['n2']));
    expect([...(opts?.restrictedPods ?? [])]).toEqual(['running']);
    expect([...(opts?.closedNodes ?? [])]).toEqual(['n2']);
  });

  it('leave the solve as before when no node is closed or no pod is held back', () => {
    for (const opts of [
      optionsOf(candidate([running]), [pending]),
      optionsOf(candidate([running]), [pending], new Set()),
      optionsOf(candidate([starting]), [pending], new Set(['n2'])),
    ]) {
      expect(opts).not.toHaveProperty('closedNodes');
      expect(opts).not.toHaveProperty('restrictedPods');
    }
  });
});
