// ConsolidationMemos: one memo per method (Karpenter embeds a copy of the consolidation state in
// each method), valid while the consolidation state is the one its no-op saw, a 1-minute re-check
// only for the method a budget held back, and the no-op's explanations replayed while it holds.
import { describe, expect, it } from 'vitest';
import type { DisruptionContext } from '../engine/disruption.ts';
import { emptyState } from '../engine/state.ts';
import { V1_VOCABULARY } from './annotations.ts';
import type { NodeFacts } from './candidates.ts';
import { DriftTracker } from './drift.ts';
import { ConsolidationMemos } from './memo.ts';
import type { Method } from './methods.ts';
import { Pass } from './pass.ts';

function passAt(now: number): Pass {
  const state = emptyState({ installed: true, version: 'v1', semantics: 'v1' });
  const ctx = { now, state, semantics: 'v1' } as unknown as DisruptionContext;
  return new Pass(
    ctx,
    V1_VOCABULARY,
    { lastEventAt: () => undefined },
    new DriftTracker(),
    new Set(),
  );
}

function method(name: Method['name'], budgetLimited: boolean): Method & { runs: number } {
  const m = {
    name,
    consolidation: true,
    runs: 0,
    compute(pass: Pass) {
      m.runs++;
      pass.sawCandidates = true;
      pass.note(`n-${name}`, 'kept', `${name} says no`, 'kept');
      if (budgetLimited) pass.budgetLimited = true;
      return undefined;
    },
  };
  return m;
}

/** The node is in the pass's index (the replay skips nodes gone since). */
function known(pass: Pass, node: string): void {
  pass.ix.facts.set(node, {} as NodeFacts);
}

describe('ConsolidationMemos', () => {
  it('keeps each method its own memo: a budget-limited multi-node re-runs after a minute, single-node when the state moves', () => {
    const memos = new ConsolidationMemos();
    const multi = method('MultiNodeConsolidation', true);
    const single = method('SingleNodeConsolidation', false);
    const p0 = passAt(0);
    const state = -20_000;
    memos.run(multi, p0, state);
    memos.run(single, p0, state);
    expect(memos.valid(multi.name, state, 50_000)).toBe(true);
    expect(memos.valid(multi.name, state, 60_000)).toBe(false);
    expect(memos.valid(single.name, state, 60_000)).toBe(true);
    expect(memos.valid(single.name, state, 10 * 60_000)).toBe(true);
    expect(memos.valid(single.name, 10_000, 10_000)).toBe(false);
    memos.clear();
    expect(memos.valid(single.name, state, 10_000)).toBe(false);
  });

  it('sets the no-op explanations again on a pass that skips the method', () => {
    const memos = new ConsolidationMemos();
    const single = method('SingleNodeConsolidation', false);
    const p0 = passAt(0);
    memos.run(single, p0, 0);
    const p1 = passAt(10_000);
    known(p1, 'n-SingleNodeConsolidation');
    memos.replay(single.name, p1, 300_000);
    expect(single.runs).toBe(1);
    expect(p1.notes.get('n-SingleNodeConsolidation')?.reason).toBe(
      'SingleNodeConsolidation says no',
    );
  });

  it('says a countdown that ended after the no-op has not been looked at again, until the refresh', () => {
    const memos = new ConsolidationMemos();
    const waiting: Method = {
      name: 'SingleNodeConsolidation',
      consolidation: true,
      compute(pass) {
        pass.sawCandidates = true; // another node was a candidate; n1 was still counting down
        pass.note('n1', 'waiting', 'consolidateAfter 30s not yet elapsed', 'waits', 30_000);
        return undefined;
      },
    };
    memos.run(waiting, passAt(10_000), 0);
    // The pass's own gathering notes a countdown still running; the no-op's note does not replace it.
    const before = passAt(20_000);
    known(before, 'n1');
    before.note('n1', 'waiting', 'consolidateAfter 30s not yet elapsed', 'waits', 30_000);
    memos.replay(waiting.name, before, 300_000, new Set(['n1']));
    expect(before.notes.get('n1')?.until).toBe(30_000);
    // Gone since: nothing replayed.
    const gone = passAt(40_000);
    memos.replay(waiting.name, gone, 300_000);
    expect(gone.notes.has('n1')).toBe(false);
    const after = passAt(40_000);
    known(after, 'n1');
    memos.replay(waiting.name, after, 300_000);
    const e = after.notes.get('n1');
    expect(e?.state).toBe('waiting');
    expect(e?.until).toBe(300_000);
    expect(e?.reason).toBe(
      "consolidatable since 30s, not yet re-evaluated: the cluster's consolidation state has not changed since the last pass at 10s",
    );
  });

  it('marks nothing when the method had no candidate: the last memo stands (upstream computes only with candidates)', () => {
    const memos = new ConsolidationMemos();
    const none: Method = {
      name: 'SingleNodeConsolidation',
      consolidation: true,
      compute: () => undefined,
    };
    memos.run(none, passAt(0), 0);
    expect(memos.valid(none.name, 0, 10_000)).toBe(false);
    const some = method('SingleNodeConsolidation', false);
    memos.run(some, passAt(0), 0);
    memos.run(none, passAt(20_000), 20_000);
    expect(memos.valid(none.name, 0, 30_000)).toBe(true);
    expect(memos.valid(none.name, 20_000, 30_000)).toBe(false);
  });
});
