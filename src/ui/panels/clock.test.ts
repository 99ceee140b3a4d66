import { describe, expect, it } from 'vitest';
import { eventClock } from './clock.ts';

describe('eventClock', () => {
  it('reads as the scrubber does, with tenths when the event has them', () => {
    expect(eventClock(5_000)).toBe('0:05');
    expect(eventClock(65_300)).toBe('1:05.3');
    expect(eventClock(1_210_355)).toBe('20:10.3');
    expect(eventClock(3_725_000)).toBe('1:02:05');
  });
});
