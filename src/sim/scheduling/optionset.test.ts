// OptionSet (optionset.ts) must answer what the option list it stands for answers: after any
// sequence of narrowing, the live options, the outgrown ones, the largest capacity (subtractMax)
// and whether two sets hold the same options.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstanceType } from '../catalog/types.ts';
import { Requirement, Requirements } from '../requirements.ts';
import { DenseIndex } from './dense.ts';
import { subtractMax } from './limits.ts';
import { OptionSet } from './optionset.ts';
import { exactKey } from './reqfast.ts';

const amount = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -1) },
);

function type(i: number, cpu: number, memory: number | undefined): InstanceType {
  const capacity: Record<string, number> = { cpu };
  if (memory !== undefined) capacity['memory'] = memory;
  return {
    name: `t-${i}`,
    requirements: Requirements.from([]),
    capacity,
    overhead: {},
    allocatable: capacity,
    offerings: [],
    exotic: false,
  };
}

const catalog = fc
  .array(fc.tuple(amount, fc.option(amount, { nil: undefined })), { minLength: 1, maxLength: 12 })
  .map((specs) => specs.map(([cpu, memory], i) => type(i, cpu, memory)));

/** Reference: the largest capacity as subtractMax computes it from the list. */
function largest(types: readonly InstanceType[], key: string): number {
  const r = { [key]: 0 };
  subtractMax(r, types);
  return 0 - (r[key] ?? 0);
}

describe('OptionSet', () => {
  it('narrows like the option list: items, outgrown, maxCapacity, sameAs', () => {
    fc.assert(
      fc.property(
        catalog,
        fc.array(
          fc.oneof(
            fc.record({ keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }) }),
            fc.record({
              cpu: fc.integer({ min: 0, max: 7 }),
              memory: fc.integer({ min: 0, max: 7 }),
            }),
          ),
          { maxLength: 6 },
        ),
        (all, steps) => {
          const dense = new DenseIndex(all);
          const set = new OptionSet(all, dense, all);
          let list: readonly InstanceType[] = all;
          for (const step of steps) {
            const before = set.snapshot();
            const beforeCount = set.size;
            if ('keep' in step) {
              const kept = list.filter((_it, i) => step.keep[i] ?? true);
              set.keepOnly(kept);
              list = kept;
            } else {
              const r = dense.request({ cpu: step.cpu, memory: step.memory });
              const out = set.outgrown(r);
              const expected = list.filter((it) => !DenseIndex.fits(r, dense.vec(it)));
              expect(out.map((i) => all[i]?.name).sort()).toEqual(
                expected.map((it) => it.name).sort(),
              );
              set.remove(out);
              list = list.filter((it) => !expected.includes(it));
            }
            expect(set.items()).toEqual(list);
            expect(set.size).toBe(list.length);
            for (const key of ['cpu', 'memory', 'gpu'])
              if (list.length > 0) expect(set.maxCapacity(key)).toBe(largest(list, key));
            const same = list.length === beforeCount;
            expect(set.sameAs(before, beforeCount)).toBe(same);
            expect(set.sameAs(set.snapshot(), set.size)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('OptionSet.templateMask', () => {
  it('answers the named test per template option, rebuilt after being forgotten', () => {
    const all = [type(0, 1, 1), type(1, 4, 2), type(2, 2, 8)];
    const dense = new DenseIndex(all);
    const a = new OptionSet(all, dense, all);
    const b = new OptionSet(all, dense, [all[1] as InstanceType]);
    const big = (it: InstanceType) => (it.capacity['cpu'] ?? 0) >= 2;
    const m = a.templateMask('cpu>=2', big);
    expect([...m]).toEqual([0, 1, 1]);
    // Shared by every set over the template, whatever its live options.
    expect(b.templateMask('cpu>=2', () => false)).toBe(m);
    for (let i = 0; i < 300; i++) a.templateMask(`other-${i}`, () => true);
    expect([...a.templateMask('cpu>=2', big)]).toEqual([0, 1, 1]);
  });
});

describe('exactKey', () => {
  it('tells apart requirements that toString() prints alike', () => {
    const zones = (last: string) =>
      Requirement.of({ key: 'zone', operator: 'In', values: ['a', 'b', 'c', 'd', 'e', last] });
    expect(zones('f').toString()).toBe(zones('g').toString());
    expect(exactKey(zones('f'))).not.toBe(exactKey(zones('g')));
    expect(exactKey(zones('f'))).toBe(exactKey(zones('f')));
    const notIn = Requirement.of({ key: 'zone', operator: 'NotIn', values: ['a'] });
    const inA = Requirement.of({ key: 'zone', operator: 'In', values: ['a'] });
    expect(exactKey(notIn)).not.toBe(exactKey(inA));
  });
});
