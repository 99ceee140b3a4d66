import { describe, expect, it } from 'vitest';
import { amount, clock, count, dollars, list, price, resources } from './format.ts';

describe('format', () => {
  it('writes resources in the units a learner reads', () => {
    expect(amount('cpu', 600_000)).toBe('600 CPU');
    expect(amount('cpu', 250)).toBe('0.25 CPU');
    expect(amount('memory', 4 * 1024 ** 3)).toBe('4 GiB');
    expect(amount('memory', 512 * 1024 ** 2)).toBe('512 MiB');
    expect(amount('pods', 1)).toBe('1 pod');
    expect(amount('nvidia.com/gpu', 2)).toBe('2 nvidia.com/gpu');
    expect(resources({ pods: 1, memory: 1024 ** 3, cpu: 1500 })).toBe('1.5 CPU, 1 GiB, 1 pod');
  });

  it('writes prices with four decimals and flags estimates', () => {
    expect(price(0.28)).toBe('$0.2800/h');
    expect(price(0.0416, true)).toBe('$0.0416/h (estimate)');
    expect(dollars(12.345)).toBe('$12.35');
    expect(dollars(0.0033)).toBe('$0.0033');
  });

  it('writes simulated time as a clock', () => {
    expect(clock(0)).toBe('0s');
    expect(clock(43_803)).toBe('43.8s');
    expect(clock(125_000)).toBe('2m05s');
    expect(clock(3_720_000)).toBe('1h02m');
  });

  it('writes counts and lists for prose', () => {
    expect(count(1345)).toBe('1,345');
    expect(list(['a'])).toBe('a');
    expect(list(['a', 'b'])).toBe('a and b');
    expect(list(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
