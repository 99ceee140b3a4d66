import { describe, expect, it } from 'vitest';
import { frameIndexAt, keepCursor, nextFrameTime, previousFrameTime } from './playback.ts';

// Playback reads only a frame's time (summaries and whole frames alike).
const frames = [0, 1000, 1000, 5000, 45_000].map((time) => ({ time }));

describe('playback', () => {
  it('shows the last frame at or before the cursor', () => {
    expect(frameIndexAt(frames, 0)).toBe(0);
    expect(frameIndexAt(frames, 999)).toBe(0);
    expect(frameIndexAt(frames, 1000)).toBe(2);
    expect(frameIndexAt(frames, 44_999)).toBe(3);
    expect(frameIndexAt(frames, 1e9)).toBe(4);
    expect(frameIndexAt([], 10)).toBe(0);
  });

  it('steps to the next and previous distinct event times', () => {
    expect(nextFrameTime(frames, 1000)).toBe(5000);
    expect(nextFrameTime(frames, 45_000)).toBeUndefined();
    expect(previousFrameTime(frames, 5000)).toBe(1000);
    expect(previousFrameTime(frames, 0)).toBeUndefined();
  });

  it('keeps the cursor at the end after a re-run if it was at the end, else where it was', () => {
    expect(keepCursor(undefined, 0, 60_000)).toBe(60_000);
    expect(keepCursor(50_000, 50_000, 80_000)).toBe(80_000);
    expect(keepCursor(50_000, 20_000, 80_000)).toBe(20_000);
    expect(keepCursor(50_000, 20_000, 10_000)).toBe(10_000);
  });

  it('keeps a cursor at 0 at 0, even after an empty run (a lab step just loaded)', () => {
    expect(keepCursor(50_000, 0, 80_000)).toBe(0);
    expect(keepCursor(0, 0, 80_000)).toBe(0);
  });
});
