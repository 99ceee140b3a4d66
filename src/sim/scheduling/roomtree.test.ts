// RoomTree (roomtree.ts) must find exactly what a linear scan for room finds: the first node at or
// after `from` where no requested amount exceeds the node's room.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomTree, SplitRooms } from './roomtree.ts';
import { HostRun, HostRuns } from './hostruns.ts';
import type { TopologyGroup } from './topology/group.ts';

function linear(
  rooms: Float64Array[],
  want: Float64Array,
  from: number,
  skipped: (i: number) => boolean = () => false,
): number {
  for (let i = from; i < rooms.length; i++) {
    if (skipped(i)) continue;
    const r = rooms[i] as Float64Array;
    let ok = true;
    for (let d = 0; d < want.length; d++) if ((want[d] ?? 0) > (r[d] ?? 0)) ok = false;
    if (ok) return i;
  }
  return -1;
}

const amount = fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(-Infinity));

describe('RoomTree', () => {
  it('finds the same next node as a linear scan, before and after rooms change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((dims) =>
          fc.record({
            rooms: fc.array(fc.array(amount, { minLength: dims, maxLength: dims }), {
              maxLength: 40,
            }),
            wants: fc.array(fc.array(amount, { minLength: dims, maxLength: dims }), {
              minLength: 1,
              maxLength: 5,
            }),
            changes: fc.array(
              fc.tuple(fc.nat(), fc.array(amount, { minLength: dims, maxLength: dims })),
              { maxLength: 5 },
            ),
            dims: fc.constant(dims),
          }),
        ),
        ({ rooms, wants, changes, dims }) => {
          const vs = rooms.map((r) => Float64Array.from(r));
          const tree = new RoomTree(dims, vs);
          const check = () => {
            for (const w of wants) {
              const want = Float64Array.from(w);
              for (let from = 0; from <= vs.length; from++)
                expect(tree.next(want, from)).toBe(linear(vs, want, from));
            }
          };
          check();
          for (const [i, r] of changes) {
            if (vs.length === 0) break;
            const at = i % vs.length;
            vs[at] = Float64Array.from(r);
            tree.set(at, vs[at] as Float64Array);
            check();
          }
        },
      ),
    );
  });

  it('never skips a node whose room is NaN (canAdd decides)', () => {
    const tree = new RoomTree(1, [Float64Array.of(1), Float64Array.of(NaN), Float64Array.of(5)]);
    expect(tree.next(Float64Array.of(3), 0)).toBe(1);
  });

  it('SplitRooms finds the first node with room whose value is not skipped, as a linear scan', () => {
    const value = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount, value), { maxLength: 40 }),
        fc.array(fc.tuple(amount, amount, fc.subarray(['a', 'b', 'c'])), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.tuple(fc.nat(), amount, amount), { maxLength: 5 }),
        (nodes, wants, changes) => {
          const vs = nodes.map(([x, y]) => Float64Array.of(x, y));
          const split = SplitRooms.of(new RoomTree(2, vs), vs.length, (i) => nodes[i]?.[2]);
          expect(split).toBeDefined();
          const check = () => {
            for (const [x, y, names] of wants) {
              const want = Float64Array.of(x, y);
              const skip = new Set(names);
              const skipped = (i: number) => {
                const v = nodes[i]?.[2];
                return v !== undefined && skip.has(v);
              };
              for (let from = 0; from <= vs.length; from++)
                expect(split?.next(want, from, skip)).toBe(linear(vs, want, from, skipped));
            }
          };
          check();
          for (const [i, x, y] of changes) {
            if (vs.length === 0) break;
            const at = i % vs.length;
            vs[at] = Float64Array.of(x, y);
            split?.set(at, vs[at] as Float64Array);
            check();
          }
        },
      ),
    );
  });

  it('rolls journaled changes back, and a split made from the first rooms catches up with them', () => {
    // One tree and split per cluster state, shared by the solves against it (scanbase.ts): a
    // solve's changes are journaled and rolled back; a split is made from the rooms the tree was
    // built from and takes the leaves the solve changed before it was needed (catchUp).
    const value = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, amount, value), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), amount, amount), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), amount, amount), { maxLength: 8 }),
        fc.array(fc.tuple(amount, amount, fc.subarray(['a', 'b', 'c'])), {
          minLength: 1,
          maxLength: 4,
        }),
        (nodes, before, after, wants) => {
          const first = nodes.map(([x, y]) => Float64Array.of(x, y));
          const valueOf = (i: number) => nodes[i]?.[2];
          const tree = new RoomTree(2, first);
          const shared = SplitRooms.ofRooms(2, first, valueOf) as SplitRooms;
          const now = first.map((r) => r.slice());
          const same = (a: SplitRooms, b: SplitRooms, rooms: Float64Array[]) => {
            for (const [x, y, names] of wants) {
              const want = Float64Array.of(x, y);
              const skip = new Set(names);
              for (let from = 0; from <= rooms.length; from++) {
                expect(tree.next(want, from)).toBe(linear(rooms, want, from));
                expect(a.next(want, from, skip)).toBe(b.next(want, from, skip));
              }
            }
          };
          tree.begin();
          const change = ([i, x, y]: [number, number, number]) => {
            const at = i % now.length;
            now[at] = Float64Array.of(x, y);
            tree.set(at, now[at] as Float64Array);
            if (shared.journaling) shared.set(at, now[at] as Float64Array);
          };
          before.forEach(change);
          shared.begin();
          shared.catchUp(tree);
          after.forEach(change);
          same(shared, SplitRooms.of(tree, now.length, valueOf) as SplitRooms, now);
          shared.rollback();
          tree.rollback();
          expect(tree.journaling || shared.journaling).toBe(false);
          same(shared, SplitRooms.ofRooms(2, first, valueOf) as SplitRooms, first);
        },
      ),
    );
  });

  it('SplitRooms declines keys with too many values', () => {
    const vs = Array.from({ length: 30 }, () => Float64Array.of(1));
    expect(SplitRooms.of(new RoomTree(1, vs), 30, (i) => `v${i}`)).toBeUndefined();
  });
});

describe('HostRun', () => {
  it('jumps exactly over the positions found ruled out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 })),
        fc.array(fc.integer({ min: 0, max: 31 })),
        (ruled, asks) => {
          const run = new HostRun(new Int32Array(32));
          const set = new Set<number>();
          for (const r of ruled) {
            run.rule(r);
            set.add(r);
            for (const a of asks) {
              let j = a;
              while (set.has(j)) j++;
              expect(run.skip(a)).toBe(j);
            }
          }
        },
      ),
    );
  });
  it('hands a later solve pooled arrays that know nothing of the last one', () => {
    const group = {} as TopologyGroup;
    for (let round = 0; round < 3; round++) {
      const runs = new HostRuns(22 - round);
      const run = runs.of({ group, limit: 0, key: 'o0' });
      for (let i = 0; i <= 22 - round; i++) expect(run.skip(i)).toBe(i);
      for (let i = 0; i < 22 - round; i++) run.rule(i);
      expect(run.skip(0)).toBe(22 - round);
      runs.release();
    }
  });

  it("starts a solve's runs from the state's learned facts, less the positions it names unknown", () => {
    const group = {} as TopologyGroup;
    const learned = new Map<string, Int32Array>();
    const seed = (unknown: number[]) => ({
      learned: (key: string) => {
        let a = learned.get(key);
        if (!a) learned.set(key, (a = new Int32Array(11)));
        return a;
      },
      unknown,
    });
    const first = new HostRuns(10, seed([]));
    const run = first.of({ group, limit: 0, key: 'o0' });
    // 2, 3 and 4 learned; 5 only ruled out in this solve (e.g. a pod it placed there).
    for (const q of [2, 3, 4]) {
      run.rule(q);
      run.learn(q);
    }
    run.rule(5);
    expect(run.skip(2)).toBe(6);
    first.release();
    // A later solve moving a pod off position 3 starts knowing 2 and 4 only.
    const second = new HostRuns(10, seed([3]));
    const next = second.of({ group, limit: 0, key: 'o0' });
    expect([0, 1, 2, 3, 4, 5].map((q) => next.skip(q))).toEqual([0, 1, 3, 3, 5, 5]);
    // Another limit of the same group knows nothing yet.
    expect(second.of({ group, limit: 1, key: 'o1' }).skip(2)).toBe(2);
    second.release();
  });
});
