import { describe, expect, it } from 'vitest';
import { deriveSeed, generateName, mulberry32, pick, randomInt, shuffle } from './random.ts';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within [0, 1) and spreads over it', () => {
    const rng = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, rng);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('draws integers within inclusive bounds and picks only existing items', () => {
    const rng = mulberry32(1);
    const ints = new Set(Array.from({ length: 500 }, () => randomInt(rng, 3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(pick(rng, [])).toBeUndefined();
    expect(['a', 'b']).toContain(pick(rng, ['a', 'b']));
  });

  it('shuffles a copy into a permutation of the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(mulberry32(3), input);
    expect(out).not.toBe(input);
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('names NodeClaims like generateName does', () => {
    expect(generateName(mulberry32(9), 'default-')).toMatch(
      /^default-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
    );
  });

  it('derives independent sub-streams per label', () => {
    expect(deriveSeed(1, 'launch')).toBe(deriveSeed(1, 'launch'));
    expect(deriveSeed(1, 'launch')).not.toBe(deriveSeed(1, 'jitter'));
    expect(deriveSeed(1, 'launch')).not.toBe(deriveSeed(2, 'launch'));
  });
});
