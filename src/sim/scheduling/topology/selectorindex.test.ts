// SelectorIndex must hand back exactly the groups whose selector selects the pod, in the order
// they were added (inverse anti-affinity groups are tried in that order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector, Pod } from '../../k8s.ts';
import { selectorMatches } from '../selectors.ts';
import { pod } from '../testing.ts';
import { SelectorIndex } from './selectorindex.ts';

const key = fc.constantFrom('app', 'tier', 'my-label', 'constructor');
const value = fc.constantFrom('a', 'b', 'c');
const labels = fc.dictionary(key, value, { maxKeys: 3 });
const selector: fc.Arbitrary<LabelSelector | undefined> = fc.option(
  fc.record(
    {
      matchLabels: labels,
      matchExpressions: fc.array(
        fc.record({
          key,
          operator: fc.constantFrom('In' as const, 'NotIn' as const, 'Exists' as const),
          values: fc.array(value, { maxLength: 2 }),
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe('SelectorIndex', () => {
  it('finds the groups that select a pod, in insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(selector, { maxLength: 12 }),
        fc.array(labels, { maxLength: 6 }),
        (sels, pods) => {
          const groups = sels.map((s, i) => ({
            id: i,
            selector: s,
            selects: (p: Pod) => selectorMatches(s, p.metadata.labels),
          }));
          const index = new SelectorIndex<(typeof groups)[number]>();
          for (const g of groups) index.add(g);
          for (const l of pods) {
            const p = pod({ labels: l });
            expect(index.selecting(p).map((g) => g.id)).toEqual(
              groups.filter((g) => g.selects(p)).map((g) => g.id),
            );
            const seen: number[] = [];
            index.forEachCandidate(p, (g) => seen.push(g.id));
            expect(new Set(seen).size).toBe(seen.length);
          }
        },
      ),
    );
  });
});
