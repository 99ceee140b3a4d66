// RoomTree (roomtree.ts) must find exactly what a linear scan for room finds: the first node at or
// after `from` where no requested amount exceeds the node's room.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomTree } from './roomtree.ts';

function linear(rooms: Float64Array[], want: Float64Array, from: number): number {
  for (let i = from; i < rooms.length; i++) {
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
});
