import { describe, expect, it } from 'vitest';
import { scrubKey } from './scrubKeys.ts';

describe('the time slider’s keys', () => {
  const end = 80_000;
  it('move a whole second per arrow, to the next or previous second mark', () => {
    expect(scrubKey('ArrowRight', false, 0, end)).toBe(1_000);
    expect(scrubKey('ArrowUp', false, 12_300, end)).toBe(13_000);
    expect(scrubKey('ArrowLeft', false, 12_300, end)).toBe(12_000);
    expect(scrubKey('ArrowDown', false, 12_000, end)).toBe(11_000);
  });

  it('keep the fine 100 ms step with Shift', () => {
    expect(scrubKey('ArrowRight', true, 12_000, end)).toBe(12_100);
    expect(scrubKey('ArrowLeft', true, 12_000, end)).toBe(11_900);
  });

  it('page by 10 s and jump to either end, never past them', () => {
    expect(scrubKey('PageUp', false, 3_000, end)).toBe(10_000);
    expect(scrubKey('PageDown', false, 3_000, end)).toBe(0);
    expect(scrubKey('PageUp', false, 79_500, end)).toBe(end);
    expect(scrubKey('ArrowRight', false, end, end)).toBe(end);
    expect(scrubKey('ArrowLeft', false, 0, end)).toBe(0);
    expect(scrubKey('Home', false, 42_000, end)).toBe(0);
    expect(scrubKey('End', false, 42_000, end)).toBe(end);
  });

  it('leaves other keys to the page', () => {
    expect(scrubKey('Tab', false, 0, end)).toBeUndefined();
  });
});
