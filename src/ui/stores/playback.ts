// Pure playback arithmetic: which frame shows at a time, the next/previous event time. Kept out of
// the store so it is tested in Node.
import type { Frame } from '../../pipeline/view.ts';

export const SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** Index of the last frame at or before `t` (0 when t precedes every frame). */
export function frameIndexAt(frames: readonly Frame[], t: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((frames[mid]?.time ?? 0) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function nextFrameTime(frames: readonly Frame[], t: number): number | undefined {
  return frames.find((f) => f.time > t)?.time;
}

export function previousFrameTime(frames: readonly Frame[], t: number): number | undefined {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f && f.time < t) return f.time;
  }
  return undefined;
}

/**
 * Where the cursor goes after a re-simulation: stay at the end if it was there, else keep t. At 0
 * it stays at 0 even when the previous run was empty (ended at 0): a loaded lab step or a rewind
 * starts its story at the beginning. The very first run shows its end.
 */
export function keepCursor(previousEnd: number | undefined, t: number, newEnd: number): number {
  if (previousEnd === undefined || (t >= previousEnd && t > 0)) return newEnd;
  return Math.min(t, newEnd);
}
