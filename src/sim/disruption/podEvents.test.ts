// PodEventTracker folds only the pods walkChanges reports (records are immutable: an unchanged
// pod is the same object in the same place): the same per-node last event times as folding every
// pod from scratch, over random sequences of cluster states; and, for any earlier moment, the last
// event per node at or before it (snapshotAt).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyState, isTerminal, type ClusterState, type PodRec } from '../engine/state.ts';
import { PodEventTracker } from './podEvents.ts';
import { podRec } from './testing.ts';

/** The tracker before the record-identity shortcut, kept as the reference. */
class Reference {
  private readonly seen = new Map<string, { node: string; gone: boolean }>();
  readonly last = new Map<string, number>();
  update(state: ClusterState, now: number): void {
    const present = new Set<string>();
    for (const p of state.pods.values()) {
      if (p.nodeName === undefined) continue;
      present.add(p.key);
      const prev = this.seen.get(p.key);
      const gone = isTerminal(p) || p.phase === 'Terminating';
      if (!prev || prev.node !== p.nodeName) this.bump(p.nodeName, gone ? now : (p.boundAt ?? now));
      else if (gone && !prev.gone) this.bump(p.nodeName, now);
      if (!prev || prev.node !== p.nodeName || prev.gone !== gone)
        this.seen.set(p.key, { node: p.nodeName, gone });
    }
    for (const [key, prev] of this.seen) {
      if (present.has(key)) continue;
      if (!prev.gone) this.bump(prev.node, now);
      this.seen.delete(key);
    }
  }
  /** Every event. */
  readonly moved: [string, number][] = [];
  private bump(node: string, t: number): void {
    this.moved.push([node, t]);
    if (t > (this.last.get(node) ?? -1)) this.last.set(node, t);
  }
  /** The last event per node among those at or before `t`. */
  at(t: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [node, when] of this.moved)
      if (when <= t && when > (out.get(node) ?? -1)) out.set(node, when);
    return out;
  }
}

const PHASES: PodRec['phase'][] = ['Pending', 'Running', 'Terminating', 'Failed'];

/** One step: for each of 6 pods, keep its record, replace it (node, phase, bound time), or drop it. */
const step = fc.array(
  fc.record({
    op: fc.constantFrom('keep', 'keep', 'replace', 'drop'),
    node: fc.constantFrom(undefined, 'n1', 'n2', 'n3'),
    phase: fc.constantFrom(...PHASES),
    boundAt: fc.integer({ min: 0, max: 50 }),
  }),
  { minLength: 6, maxLength: 6 },
);

describe('PodEventTracker', () => {
  it('gives the same last pod event per node as folding every pod afresh', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const state = emptyState({ installed: true } as ClusterState['karpenter']);
        const tracker = new PodEventTracker();
        const reference = new Reference();
        steps.forEach((s, t) => {
          s.forEach((c, i) => {
            const key = `default/p${i}`;
            if (c.op === 'drop') state.pods.delete(key);
            else if (c.op === 'replace' || !state.pods.has(key)) {
              const rec = podRec(`p${i}`, { phase: c.phase, ...(c.node ? { node: c.node } : {}) });
              state.pods.set(key, c.node ? { ...rec, boundAt: c.boundAt } : rec);
            }
          });
          const now = 100 * (t + 1);
          tracker.update(state, now);
          reference.update(state, now);
          for (const n of ['n1', 'n2', 'n3'])
            expect(tracker.lastEventAt(n)).toBe(reference.last.get(n));
        });
        // Any earlier moment, as an explanation of it asks (snapshotAt).
        for (let q = 0; q <= 100 * (steps.length + 1); q += 25)
          expect(new Map([...tracker.snapshotAt(q)].sort())).toEqual(
            new Map([...reference.at(q)].sort()),
          );
      }),
      { numRuns: 300 },
    );
  });
});
