// Benchmark cases are plain objects so `npm run bench` can run them all and print one stable,
// parseable line per case:  BENCH <suite>/<case> <metric>=<value> <metric>=<value> ...
export interface BenchCase {
  suite: string;
  name: string;
  /** Runs once per iteration; returns figures to report (e.g. pods, nodes). */
  run: () => Record<string, number>;
  /** Iterations after one warm-up run (default 3); the median wall time is reported. */
  iterations?: number;
  /** Skip the warm-up run (cases that take tens of seconds, or warm up themselves). */
  noWarmUp?: boolean;
  /** Derived metrics from the median time and the last run's figures (e.g. pods per second). */
  derive?: (ms: number, figures: Record<string, number>) => Record<string, number>;
}

export function runCase(c: BenchCase): string {
  if (!c.noWarmUp) c.run(); // warm-up: JIT and lazy catalog loading are not what we measure
  const times: number[] = [];
  let figures: Record<string, number> = {};
  for (let i = 0; i < (c.iterations ?? 3); i++) {
    const t0 = performance.now();
    figures = c.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? 0;
  const all = { ms: round(ms), ...figures, ...(c.derive?.(ms, figures) ?? {}) };
  const parts = Object.entries(all).map(([k, v]) => `${k}=${round(v)}`);
  return `BENCH ${c.suite}/${c.name} ${parts.join(' ')}`;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
