import { describe, expect, it } from 'vitest';
import { UnavailableOfferings } from './ice.ts';

const MIN = 60_000;

describe('UnavailableOfferings (the ICE cache)', () => {
  it('hides an offering for 3 minutes after it is marked', () => {
    const ice = new UnavailableOfferings();
    ice.mark('spot', 'm5.large', 'us-east-1a', 0);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 0)).toBe(true);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 3 * MIN - 1)).toBe(true);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 3 * MIN)).toBe(false);
  });

  it('keys by capacity type, instance type and zone', () => {
    const ice = new UnavailableOfferings();
    ice.mark('spot', 'm5.large', 'us-east-1a', 0);
    expect(ice.isUnavailable('on-demand', 'm5.large', 'us-east-1a', 1)).toBe(false);
    expect(ice.isUnavailable('spot', 'm5.xlarge', 'us-east-1a', 1)).toBe(false);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1b', 1)).toBe(false);
  });

  it('extends the TTL when the same offering is marked again', () => {
    const ice = new UnavailableOfferings();
    ice.mark('spot', 'm5.large', 'us-east-1a', 0);
    ice.mark('spot', 'm5.large', 'us-east-1a', 2 * MIN);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 4 * MIN)).toBe(true);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 5 * MIN)).toBe(false);
  });

  it('lists the entries in force and honours a custom TTL', () => {
    const ice = new UnavailableOfferings(10_000);
    ice.mark('spot', 'm5.large', 'us-east-1a', 0);
    ice.mark('on-demand', 'c5.large', 'us-east-1b', 5_000);
    expect(ice.entries(9_000)).toEqual([
      { capacityType: 'on-demand', instanceType: 'c5.large', zone: 'us-east-1b', until: 15_000 },
      { capacityType: 'spot', instanceType: 'm5.large', zone: 'us-east-1a', until: 10_000 },
    ]);
    expect(ice.entries(12_000)).toHaveLength(1);
  });

  it('is empty until marked, and again once an expired entry has been asked about', () => {
    const ice = new UnavailableOfferings(10_000);
    expect(ice.isEmpty()).toBe(true);
    ice.mark('spot', 'm5.large', 'us-east-1a', 0);
    expect(ice.isEmpty()).toBe(false);
    expect(ice.isUnavailable('spot', 'm5.large', 'us-east-1a', 10_000)).toBe(false);
    expect(ice.isEmpty()).toBe(true);
  });
});
