// A progress line for long runs, on a terminal only. A 20,000-pod day takes minutes; without a word
// on stderr the CLI looks hung, as the page would without its progress bar. The line is rewritten
// in place (carriage return), first after a second — short runs, the common case, print nothing —
// and then at most four times a second, and erased before anything else is written, so the report
// and error messages read as if it had never been there. Pipes and files never see it: scripts,
// CI logs and `--json > out.json` stay byte for byte what they were.
import { formatDuration } from '../sim/engine/duration.ts';
import type { Progress } from '../sim/engine/simulate.ts';

export interface ProgressLine {
  onProgress(p: Progress): void;
  /** Erases the line if one is shown (before any other output, and at the end). */
  clear(): void;
}

const FIRST_AFTER_MS = 1000;
const EVERY_MS = 250;

/**
 * The first line's delay: a second, or `KARPENTER_LAB_PROGRESS_AFTER_MS` when set to a number ≥ 0.
 * The bin's test sets it to 0: as the engine got faster, its 1,000-pod run ended inside the second
 * on an idle machine and the line it looked for was (rightly) never drawn.
 */
export function firstAfterMs(env: Record<string, string | undefined>): number {
  const v = env.KARPENTER_LAB_PROGRESS_AFTER_MS;
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : FIRST_AFTER_MS;
}

/** The line: "karpenter-lab: simulated 1h12m of 24h (5%) · 38s, Ctrl-C stops". */
export function progressText(p: Progress, elapsedMs: number): string {
  const done = formatDuration(Math.floor(p.done / 1000) * 1000);
  const of = p.untilQuiet
    ? `${done} (until quiet, at most ${formatDuration(p.total)})`
    : `${done} of ${formatDuration(p.total)} (${Math.floor((100 * p.done) / Math.max(1, p.total))}%)`;
  const phase = p.phase === 'simulating' ? '' : ` [${p.phase}]`;
  return `karpenter-lab: simulated ${of}${phase} · ${Math.floor(elapsedMs / 1000)}s, Ctrl-C stops`;
}

export function progressLine(
  write: (s: string) => void,
  now: () => number = () => performance.now(),
  afterMs: number = FIRST_AFTER_MS,
): ProgressLine {
  const start = now();
  let shownAt = -Infinity;
  let shown = false;
  return {
    onProgress(p) {
      const t = now();
      if (t - start < afterMs || t - shownAt < EVERY_MS) return;
      shownAt = t;
      // \r to the line's start, the text, then erase what a longer earlier line left.
      write(`\r${progressText(p, t - start)}\u001b[K`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      shown = false;
      write('\r\u001b[K');
    },
  };
}
