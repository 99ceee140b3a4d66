// A dry run's node list marked as the shared list minus its candidates (markSubset) must get the
// same canonical nodes and the same subset of the universe as the same list unmarked: the marked
// path answers from the parent's checks instead of walking every node.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateNode } from '../testing.ts';
import type { StateNode } from '../types.ts';
import { canonicalNodes, markSubset, subsetOf } from './universe.ts';

let serial = 0;
const fresh = (n: number): StateNode[] =>
  Array.from({ length: n }, (_, i) => stateNode({ name: `m${serial}-${i}`, zone: 'z' }));

/** The list without the positions in `drop`, marked or not. */
function without(parent: StateNode[], drop: ReadonlySet<number>, mark: boolean): StateNode[] {
  const nodes = parent.filter((_, i) => !drop.has(i));
  if (mark)
    markSubset(
      nodes,
      parent,
      [...drop].sort((a, b) => a - b),
    );
  return nodes;
}

describe('markSubset', () => {
  it('gives a marked dry-run list the same canonical nodes and subset as an unmarked one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        (size, drops, changed) => {
          serial++;
          const parent = fresh(size);
          // One node may be a new object equal to the canonical one (a state rebuilt around it).
          canonicalNodes([...parent]);
          if (changed !== undefined) {
            const at = changed % size;
            parent[at] = { ...(parent[at] as StateNode) };
          }
          for (const d of drops) {
            const drop = new Set(d.map((x) => x % size));
            if (drop.size === size) continue;
            const plain = canonicalNodes(without(parent, drop, false));
            const plainSubset = subsetOf(plain);
            const marked = canonicalNodes(without(parent, drop, true));
            expect(marked).toEqual(plain);
            marked.forEach((n, i) => expect(n).toBe(plain[i]));
            const markedSubset = subsetOf(marked);
            expect(markedSubset.universe).toBe(plainSubset.universe);
            expect([...markedSubset.present]).toEqual([...plainSubset.present]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('takes the marked path for a list of canonical nodes (present = parent minus dropped)', () => {
    serial++;
    const parent = fresh(6);
    canonicalNodes(parent);
    subsetOf(parent);
    const nodes = without(parent, new Set([1, 4]), true);
    expect(canonicalNodes(nodes)).toBe(nodes);
    const s = subsetOf(nodes);
    expect(s.universe.nodes).toBe(parent);
    expect([...s.present]).toEqual([1, 0, 1, 1, 0, 1]);
  });
});
