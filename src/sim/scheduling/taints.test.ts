// toleratesAll (taints.ts) is the allocation-free form of "no untolerated taint".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../k8s.ts';
import { toleratesAll, untoleratedTaints } from './taints.ts';

const key = fc.constantFrom('a', 'b', 'gpu');
const effect = fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute');
const taint: fc.Arbitrary<Taint> = fc.record({
  key,
  value: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
  effect,
}) as fc.Arbitrary<Taint>;
const toleration: fc.Arbitrary<Toleration> = fc.record(
  {
    key,
    operator: fc.constantFrom('Exists', 'Equal'),
    value: fc.constantFrom('x', 'y'),
    effect,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Toleration>;

describe('toleratesAll', () => {
  it('agrees with untoleratedTaints being empty', () => {
    fc.assert(
      fc.property(
        fc.array(taint, { maxLength: 4 }),
        fc.option(fc.array(toleration, { maxLength: 4 }), { nil: undefined }),
        (taints, tolerations) => {
          expect(toleratesAll(taints, tolerations)).toBe(
            untoleratedTaints(taints, tolerations).length === 0,
          );
        },
      ),
    );
  });
});
