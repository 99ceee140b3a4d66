// ConsolidationMemos: one memo per method (Karpenter embeds a copy of the consolidation state in
// each method), a 5-minute refresh, a 1-minute re-check only for the method a budget held back,
// and the no-op's explanations replayed while the memo holds.
import { describe, expect, it } from 'vitest';
import type { DisruptionContext } from '../engine/disruption.ts';
import { emptyState } from '../engine/state.ts';
import { V1_VOCABULARY } from './annotations.ts';
import { DriftTracker } from './drift.ts';
import { ConsolidationMemos, MEMO_REFRESH_MS, stateFingerprint } from './memo.ts';
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
      pass.note(`n-${name}`, 'kept', `${name} says no`, 'kept');
      if (budgetLimited) pass.budgetLimited = true;
      return undefined;
    },
  };
  return m;
}

describe('ConsolidationMemos', () => {
  it('keeps each method its own memo: a budget-limited multi-node re-runs after a minute, single-node after 5', () => {
    const memos = new ConsolidationMemos();
    const multi = method('MultiNodeConsolidation', true);
    const single = method('SingleNodeConsolidation', false);
    const p0 = passAt(0);
    const fp = stateFingerprint(p0.ctx.state);
    memos.run(multi, p0, fp);
    memos.run(single, p0, fp);
    expect(memos.valid(multi.name, fp, 50_000)).toBe(true);
    expect(memos.valid(multi.name, fp, 60_000)).toBe(false);
    expect(memos.valid(single.name, fp, 60_000)).toBe(true);
    expect(memos.valid(single.name, fp, MEMO_REFRESH_MS - 1)).toBe(true);
    expect(memos.valid(single.name, fp, MEMO_REFRESH_MS)).toBe(false);
    expect(memos.valid(single.name, `${fp}x`, 10_000)).toBe(false);
    memos.clear();
    expect(memos.valid(single.name, fp, 10_000)).toBe(false);
  });

  it('sets the no-op explanations again on a pass that skips the method', () => {
    const memos = new ConsolidationMemos();
    const single = method('SingleNodeConsolidation', false);
    const p0 = passAt(0);
    memos.run(single, p0, stateFingerprint(p0.ctx.state));
    const p1 = passAt(10_000);
    memos.replay(single.name, p1);
    expect(single.runs).toBe(1);
    expect(p1.notes.get('n-SingleNodeConsolidation')?.reason).toBe(
      'SingleNodeConsolidation says no',
    );
  });
});
