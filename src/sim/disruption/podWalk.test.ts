// walkChanges reports the same changes as comparing two pod maps key by key, whatever the maps
// did in between (records replaced in place, pods deleted, added, deleted and added again) and
// even for maps in unrelated orders.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodRec } from '../engine/state.ts';
import { podKey, walkChanges } from './podEvents.ts';
import { podRec } from './testing.ts';

type Change = [PodRec | undefined, PodRec];

/** The plain computation: every key of the new map against the old map, then the keys gone. */
function plain(before: ReadonlyMap<string, PodRec>, after: ReadonlyMap<string, PodRec>) {
  const changed: Change[] = [];
  for (const [k, p] of after) if (before.get(k) !== p) changed.push([before.get(k), p]);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, p]) => p);
  return { changed, removed };
}

function walked(before: ReadonlyMap<string, PodRec>, after: ReadonlyMap<string, PodRec>) {
  const changed: Change[] = [];
  const removed: PodRec[] = [];
  const next = walkChanges(
    [...before.values()],
    after,
    podKey,
    (prev, p) => changed.push([prev, p]),
    (q) => removed.push(q),
    // A used array of another length, as the callers alternate two.
    Array.from({ length: 3 }, () => podRec('used')),
  );
  expect(next).toEqual([...after.values()]);
  return { changed, removed };
}

/** The same records, by identity, in the same order; the same removed records (in any order). */
function expectSameChanges(
  before: ReadonlyMap<string, PodRec>,
  after: ReadonlyMap<string, PodRec>,
) {
  const w = walked(before, after);
  const p = plain(before, after);
  expect(w.changed.length).toBe(p.changed.length);
  expect(w.changed.every(([q, r], i) => q === p.changed[i]?.[0] && r === p.changed[i]?.[1])).toBe(
    true,
  );
  expect(new Set(w.removed)).toEqual(new Set(p.removed));
  expect(w.removed.length).toBe(p.removed.length);
}

const op = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'add', 'readd'),
  pod: fc.integer({ min: 0, max: 9 }),
});

describe('walkChanges', () => {
  it('finds the changed and removed pods of a map moved by sets and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        (steps) => {
          const pods = new Map<string, PodRec>();
          for (let i = 0; i < 6; i++) pods.set(`default/p${i}`, podRec(`p${i}`));
          for (const step of steps) {
            const before = new Map(pods);
            for (const { kind, pod } of step) {
              const key = `default/p${pod}`;
              if (kind === 'delete') pods.delete(key);
              else if (kind === 'readd') {
                pods.delete(key);
                pods.set(key, podRec(`p${pod}`));
              } else if (kind === 'add' ? !pods.has(key) : pods.has(key))
                pods.set(key, podRec(`p${pod}`, { node: 'n1' }));
            }
            expectSameChanges(before, pods);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is right for two maps in unrelated orders', () => {
    const recs = Array.from({ length: 8 }, (_, i) => podRec(`p${i}`));
    const other = recs.map((r) => ({ ...r }));
    const side = fc.array(fc.record({ i: fc.integer({ min: 0, max: 7 }), fresh: fc.boolean() }), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const map = (s: typeof a) =>
          new Map(s.map(({ i, fresh }) => [recs[i]!.key, fresh ? other[i]! : recs[i]!]));
        expectSameChanges(map(a), map(b));
      }),
      { numRuns: 1000 },
    );
  });
});
