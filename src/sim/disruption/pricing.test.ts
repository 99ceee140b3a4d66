import { describe, expect, it } from 'vitest';
import { fakeInstanceType } from '../catalog/fake.ts';
import type { InstanceType } from '../catalog/index.ts';
import { LABEL } from '../labels.ts';
import { Requirements } from '../requirements.ts';
import { cheaperOptions, filterOutSameInstanceType, worstLaunchPrice } from './pricing.ts';

const any = Requirements.from([]);
const typed = (
  name: string,
  offerings: { zone: string; capacityType: 'spot' | 'on-demand'; price: number }[],
): InstanceType => fakeInstanceType({ name, offerings });

describe('pricing › worst launch price (reference §3.9)', () => {
  const it2 = typed('m', [
    { zone: 'test-zone-1', capacityType: 'spot', price: 0.03 },
    { zone: 'test-zone-2', capacityType: 'spot', price: 0.05 },
    { zone: 'test-zone-1', capacityType: 'on-demand', price: 0.1 },
  ]);

  it('is the most expensive offering of the first capacity type present (spot before on-demand)', () => {
    expect(worstLaunchPrice(it2, any)).toBe(0.05);
    expect(
      worstLaunchPrice(
        it2,
        Requirements.from([{ key: LABEL.capacityType, operator: 'In', values: ['on-demand'] }]),
      ),
    ).toBe(0.1);
  });

  it('keeps only options strictly cheaper than the candidates, cheapest first', () => {
    const cheap = typed('cheap', [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.02 }]);
    const equal = typed('equal', [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.05 }]);
    expect(cheaperOptions([equal, it2, cheap], any, 0.05).map((t) => t.name)).toEqual(['cheap']);
    expect(cheaperOptions([equal, it2, cheap], any, 0.051).map((t) => t.name)).toEqual([
      'cheap',
      'm',
      'equal',
    ]);
  });

  it('drops options of a candidate’s own type priced at or above that candidate (no 2 × small → 1 small)', () => {
    const small = typed('small', [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.1 }]);
    const tiny = typed('tiny', [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.05 }]);
    const kept = filterOutSameInstanceType([tiny, small], any, [
      { type: 'small', price: 0.1 },
      { type: 'small', price: 0.1 },
    ]);
    expect(kept.map((t) => t.name)).toEqual(['tiny']);
  });
});
