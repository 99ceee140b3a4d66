// The whole CLI code path a user runs (`npm run -s simulate -- ws.yaml --json --until 3m`): read,
// parse and validate the YAML, simulate with Karpenter's disruption controller, build the JSON
// report — at Karpenter's scheduling-benchmark shape (workspace.ts) for 1k, 5k and 20k pods.
// Prints pods/s per size and the growth exponent between sizes (time ∝ n^k). Targets (issue 12):
// ≥ 5,000 pods/s at 5k, k ≤ 1.3 from 1k to 20k. BENCH_CLI_SIZES=1000,2000 picks other sizes.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.ts';
import { benchWorkspace } from './workspace.ts';
import { runCli, type CliIO } from '../src/cli/main.ts';

const SIZES = (process.env.BENCH_CLI_SIZES ?? '1000,5000,20000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'karpenter-lab-bench-'));
const measured = new Map<number, number>();
const measuredCpu = new Map<number, number>();

/** Writes the workspace once per size (outside the timed run): the CLI reads it from disk. */
function workspaceFile(n: number): string {
  const file = join(dir, `scheduling-benchmark-${n}.yaml`);
  writeFileSync(file, benchWorkspace(n, { until: '3m' }));
  return file;
}

/** Runs the CLI in-process; throws unless every pod ends Running (a fast wrong answer is no answer). */
export function cliRun(
  file: string,
  argv: readonly string[] = [],
  onProgress?: CliIO['onProgress'],
): Record<string, number> {
  let out = '';
  const err = runCliTo(file, argv, (s) => void (out += s), onProgress);
  if (err !== undefined) throw new Error(err);
  return outcome(out);
}

/** Runs the CLI in-process with its output going to `stdout`; the error text if it failed. */
function runCliTo(
  file: string,
  argv: readonly string[],
  stdout: (s: string) => void,
  onProgress?: CliIO['onProgress'],
): string | undefined {
  let err = '';
  const code = runCli([file, '--json', ...argv], {
    stdout,
    stderr: (s) => void (err += s),
    readFile: (path) => readFileSync(path, 'utf8'),
    ...(onProgress ? { onProgress } : {}),
  });
  return code === 0 ? undefined : `the CLI exited ${code}: ${err}`;
}

/** What the JSON report says: pods, how many Running, live nodes, its size. */
function outcome(out: string): Record<string, number> {
  const json = JSON.parse(out) as { pods: { phase: string }[]; nodes: { state: string }[] };
  const running = json.pods.filter((p) => p.phase === 'Running').length;
  return {
    pods: json.pods.length,
    running,
    nodes: json.nodes.filter((n) => n.state !== 'terminated').length,
    outputMB: Math.round(out.length / 1e4) / 100,
  };
}

const DAY_PODS = Number(process.env.BENCH_DAY_PODS ?? 20_000);
/** Wall seconds the day case may take (0: no limit). Past it the child is stopped and the case
 *  reports how far it got: timedOut=1, simulatedHours, and lower bounds cpuMsAtLeast and
 *  peakRssMBAtLeast (20,000 pods × 24 h took hours of CPU in session 6). */
const DAY_LIMIT_S = Number(process.env.BENCH_DAY_LIMIT_S ?? 1800);
const PROGRESS = 'DAY-PROGRESS';

/** 24 simulated hours: the benchmark shape, half its Deployments scaled to 0 at 1 h, consolidation. */
const day: BenchCase = {
  suite: 'cli',
  name: `scale-down-consolidation-24h-${DAY_PODS}-pods`,
  iterations: 1,
  noWarmUp: true,
  run: () => {
    const file = join(dir, `day-${DAY_PODS}.yaml`);
    writeFileSync(
      file,
      benchWorkspace(DAY_PODS, {
        until: '24h',
        scaleDownAt: '1h',
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s' },
      }),
    );
    // A timer cannot sample during the synchronous run, so the figure is the process's peak RSS:
    // run in a child process of its own, so the 20,000-pod 3-minute case before it does not count.
    if (process.env.BENCH_IN_CHILD !== '1')
      return inChild('cli/scale-down-consolidation', DAY_LIMIT_S);
    const cpu0 = process.cpuUsage();
    let reported = 0;
    // The report goes to a file piece by piece, as the bin writes it to stdout: a user runs
    // `karpenter-lab day.yaml --json > out.json`, which never holds the whole text (212 MB at
    // 20,000 pods) in memory. It is read back and checked after the figures are taken.
    const outFile = join(dir, `day-${DAY_PODS}.json`);
    const fd = openSync(outFile, 'w');
    // Pipes to the parent are written synchronously on Linux: the last line survives a kill.
    const err = runCliTo(
      file,
      [],
      (s) => void writeSync(fd, s),
      ({ done }) => {
        if (performance.now() - reported < 2_000) return;
        reported = performance.now();
        const cpu = process.cpuUsage(cpu0);
        const peak = process.resourceUsage().maxRSS / 1024;
        process.stderr.write(
          `${PROGRESS} simMs=${done} cpuMs=${(cpu.user + cpu.system) / 1000} peakRssMB=${peak}\n`,
        );
      },
    );
    closeSync(fd);
    const peak = process.resourceUsage().maxRSS / 1024;
    const cpu = process.cpuUsage(cpu0);
    const heapUsedMB = process.memoryUsage().heapUsed / 1e6;
    if (err !== undefined) throw new Error(err);
    const f = outcome(readFileSync(outFile, 'utf8'));
    return { ...f, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMB: peak, heapUsedMB };
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm run bench -- <filter>` in a fresh process and returns the figures of its BENCH line;
 *  past `limitS` wall seconds (0: none), the figures of its last progress line instead. */
function inChild(filter: string, limitS = 0): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/run.ts'), filter], {
    cwd: root,
    env: { ...process.env, BENCH_IN_CHILD: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    ...(limitS > 0 ? { timeout: limitS * 1000, killSignal: 'SIGKILL' as const } : {}),
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    const last =
      r.stderr
        .split('\n')
        .filter((l) => l.startsWith(PROGRESS))
        .at(-1) ?? '';
    const at = (k: string) => Number(new RegExp(`${k}=([0-9.]+)`).exec(last)?.[1] ?? 0);
    return {
      timedOut: 1,
      limitS,
      simulatedHours: at('simMs') / 3_600_000,
      cpuMsAtLeast: at('cpuMs'),
      peakRssMBAtLeast: at('peakRssMB'),
    };
  }
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (r.status !== 0 || !line) throw new Error(`bench child ${filter} failed: ${r.stderr}`);
  const figures: Record<string, number> = {};
  for (const kv of line.split(' ').slice(2)) {
    const [k, v] = kv.split('=');
    if (k && k !== 'ms' && v !== undefined) figures[k] = Number(v);
  }
  return figures;
}

/** The built bin (`npm ci` builds it): what `npx karpenter-lab` runs, process start included. */
const BIN = join(root, 'dist-cli/karpenter-lab.mjs');

/** A whole `node dist-cli/karpenter-lab.mjs …` process, as a user starts it. Targets (issue 12):
 *  --help under 0.3 s, the README's example under 0.6 s (ms: the median wall time of 5). */
function binCase(name: string, args: string[]): BenchCase {
  return {
    suite: 'cli',
    name,
    iterations: 5,
    run: () => {
      if (!existsSync(BIN)) throw new Error('dist-cli/ is missing: npm run build:cli');
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`karpenter-lab ${args.join(' ')} exited ${r.status}`);
      return { outputLines: r.stdout.split('\n').length };
    },
  };
}

export const cases: BenchCase[] = [
  binCase('bin-help', ['--help']),
  binCase('bin-readme-example', ['examples/seed-lab-scale-up-and-down.yaml']),
  ...SIZES.map((n): BenchCase => ({
    suite: 'cli',
    name: `scheduling-benchmark-${n}-pods-3m`,
    iterations: 1,
    noWarmUp: n > 1000,
    run: () => {
      const file = workspaceFile(n);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const f = cliRun(file);
      const cpu = process.cpuUsage(cpu0);
      measured.set(n, performance.now() - t0);
      measuredCpu.set(n, (cpu.user + cpu.system) / 1000);
      // CPU time too: on a shared machine wall time mostly measures the neighbours.
      return { ...f, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
    derive: (ms, f) => ({
      podsPerSec: ((f.running ?? 0) * 1000) / ms,
      podsPerCpuSec: ((f.running ?? 0) * 1000) / (f.cpuMs ?? ms),
    }),
  })),
  {
    suite: 'cli',
    name: 'growth',
    iterations: 1,
    noWarmUp: true,
    // time ∝ n^k between consecutive sizes and from the smallest to the largest.
    run: () => {
      const sizes = [...measured.keys()].sort((a, b) => a - b);
      const out: Record<string, number> = {};
      const k = (m: Map<number, number>, a: number, b: number) =>
        Math.log((m.get(b) ?? 0) / (m.get(a) ?? 1)) / Math.log(b / a);
      const pairs: [number, number][] = sizes.slice(1).map((b, i) => [sizes[i] as number, b]);
      if (sizes.length > 2) pairs.push([sizes[0] as number, sizes.at(-1) as number]);
      for (const [a, b] of pairs) {
        out[`k${a}to${b}`] = k(measured, a, b);
        out[`kCpu${a}to${b}`] = k(measuredCpu, a, b);
      }
      return out;
    },
  },
  day,
];
