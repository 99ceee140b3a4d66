import { describe, expect, it } from 'vitest';
import { firstAfterMs, progressLine, progressText } from './progress.ts';

const HOUR = 3_600_000;

describe('the progress line (a terminal only)', () => {
  it('says how far the run got, of what, and how long it has taken', () => {
    expect(
      progressText({ done: 1.2 * HOUR + 999, total: 24 * HOUR, phase: 'simulating' }, 38_400),
    ).toBe('karpenter-lab: simulated 1h12m of 24h (5%) · 38s, Ctrl-C stops');
    expect(
      progressText({ done: 90_000, total: 6 * HOUR, phase: 'simulating', untilQuiet: true }, 2_000),
    ).toBe('karpenter-lab: simulated 1m30s (until quiet, at most 6h) · 2s, Ctrl-C stops');
    expect(progressText({ done: 0, total: HOUR, phase: 'after' }, 0)).toBe(
      'karpenter-lab: simulated 0s of 1h (0%) [after] · 0s, Ctrl-C stops',
    );
  });

  it('waits a second, then rewrites one line at most four times a second, and erases it', () => {
    let t = 0;
    const out: string[] = [];
    const line = progressLine(
      (s) => out.push(s),
      () => t,
    );
    const at = (ms: number) => {
      t = ms;
      line.onProgress({ done: ms * 60, total: 24 * HOUR, phase: 'simulating' });
    };
    line.clear();
    [0, 500, 999].forEach(at);
    expect(out).toEqual([]); // short runs print nothing, not even an erase
    [1000, 1100, 1249, 1250, 2000].forEach(at);
    expect(out).toHaveLength(3);
    for (const s of out) {
      expect(s).toMatch(/^\rkarpenter-lab: simulated .* · \ds, Ctrl-C stops/);
      expect(s.endsWith('\u001b[K')).toBe(true);
    }
    line.clear();
    line.clear();
    expect(out.slice(3)).toEqual(['\r\u001b[K']);
  });

  it('waits a second unless KARPENTER_LAB_PROGRESS_AFTER_MS names another delay', () => {
    expect(firstAfterMs({})).toBe(1000);
    expect(firstAfterMs({ KARPENTER_LAB_PROGRESS_AFTER_MS: '0' })).toBe(0);
    expect(firstAfterMs({ KARPENTER_LAB_PROGRESS_AFTER_MS: '2500' })).toBe(2500);
    for (const bad of ['', ' ', '-1', 'soon', 'Infinity'])
      expect(firstAfterMs({ KARPENTER_LAB_PROGRESS_AFTER_MS: bad })).toBe(1000);
    const out: string[] = [];
    const line = progressLine(
      (s) => out.push(s),
      () => 0,
      0,
    );
    line.onProgress({ done: 1000, total: HOUR, phase: 'simulating' });
    expect(out).toHaveLength(1); // drawn at once
  });
});
