// The time slider's keys. The native range moved 100 ms a press (its step, kept for fine mouse
// scrubbing): 800 presses for an 80 s run, and the m:ss clock did not even change. Here an arrow
// moves to the next or previous whole second, PageUp/PageDown to the next or previous 10 s mark, Home/End to either end.
// Shift+arrow keeps the 100 ms step for a close look.
const SECOND = 1_000;
const PAGE = 10_000;
const FINE = 100;

/** Where `key` moves the playhead from `time` in a run of `end` ms, or undefined: not ours. */
export function scrubKey(
  key: string,
  shift: boolean,
  time: number,
  end: number,
): number | undefined {
  const clamp = (t: number) => Math.min(end, Math.max(0, t));
  const up = (by: number) => clamp(Math.floor(time / by) * by + by);
  const down = (by: number) => clamp(Math.ceil(time / by) * by - by);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return up(shift ? FINE : SECOND);
    case 'ArrowLeft':
    case 'ArrowDown':
      return down(shift ? FINE : SECOND);
    case 'PageUp':
      return up(PAGE);
    case 'PageDown':
      return down(PAGE);
    case 'Home':
      return 0;
    case 'End':
      return end;
    default:
      return undefined;
  }
}
