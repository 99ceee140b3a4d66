// Pure playback arithmetic: which frame shows at a time, the next/previous event time. Kept out of
// the store so it is tested in Node.
type Timed = { readonly time: number };

export const SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type Speed = (typeof SPEEDS)[number];

// Shared with the worker, which picks the frame a result carries whole with the same rules.
export { frameIndexAt, keepCursor } from '../../pipeline/frames.ts';

export function nextFrameTime(frames: readonly Timed[], t: number): number | undefined {
  return frames.find((f) => f.time > t)?.time;
}

export function previousFrameTime(frames: readonly Timed[], t: number): number | undefined {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f && f.time < t) return f.time;
  }
  return undefined;
}
