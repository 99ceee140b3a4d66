import { describe, expect, it } from 'vitest';
import { LABEL } from '../labels.ts';
import { Requirements } from '../requirements.ts';
import { fakeInstanceType } from './fake.ts';
import { availableOfferings, cheapestOffering, orderByPrice } from './query.ts';

const spotOnly = Requirements.from([{ key: LABEL.capacityType, operator: 'In', values: ['spot'] }]);
const any = new Requirements();

const twoPrice = fakeInstanceType({
  name: 'two-price',
  offerings: [
    { zone: 'test-zone-1', capacityType: 'on-demand', price: 1 },
    { zone: 'test-zone-2', capacityType: 'spot', price: 0.3 },
    { zone: 'test-zone-3', capacityType: 'spot', price: 0.2, available: false },
  ],
});

describe('catalog queries', () => {
  it('lists only available offerings compatible with the requirements', () => {
    expect(availableOfferings(twoPrice, any).map((o) => o.zone)).toEqual([
      'test-zone-1',
      'test-zone-2',
    ]);
    expect(availableOfferings(twoPrice, spotOnly).map((o) => o.price)).toEqual([0.3]);
  });

  it('finds the cheapest compatible available offering', () => {
    expect(cheapestOffering(twoPrice, any)?.price).toBe(0.3);
    const odOnly = Requirements.from([
      { key: LABEL.capacityType, operator: 'In', values: ['on-demand'] },
    ]);
    expect(cheapestOffering(twoPrice, odOnly)?.price).toBe(1);
    const reserved = Requirements.from([
      { key: LABEL.capacityType, operator: 'In', values: ['reserved'] },
    ]);
    expect(cheapestOffering(twoPrice, reserved)).toBeUndefined();
  });

  it('orders by cheapest compatible price, ties by name, types with no offering last', () => {
    const b = fakeInstanceType({ name: 'b', resources: { cpu: '2', memory: '2Gi' } });
    const a = fakeInstanceType({ name: 'a', resources: { cpu: '2', memory: '2Gi' } });
    const big = fakeInstanceType({ name: 'big', resources: { cpu: '8' } });
    const odOnly = fakeInstanceType({
      name: 'aa-od-only',
      offerings: [{ zone: 'test-zone-1', capacityType: 'on-demand', price: 0.01 }],
    });
    expect(orderByPrice([big, odOnly, b, a, twoPrice], spotOnly).map((it) => it.name)).toEqual([
      'two-price',
      'a',
      'b',
      'big',
      'aa-od-only',
    ]);
  });
});
