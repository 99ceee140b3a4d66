import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAtOrBefore } from './sorted.ts';

describe('countAtOrBefore', () => {
  it('counts the items at or before t, as a linear scan does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 })),
        fc.integer({ min: -5, max: 55 }),
        (xs, t) => {
          const sorted = [...xs].sort((a, b) => a - b);
          expect(countAtOrBefore(sorted, t, (x) => x)).toBe(sorted.filter((x) => x <= t).length);
        },
      ),
    );
  });
});
