// The headless CLI: `npm run -s simulate -- <file.yaml> [--json] [--until 10m] [--seed N]
// [--compare-ca]`.
// The same engine as the browser, run once on a file. Exit 0 ok, 1 invalid input, 2 usage error.
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { engineObjects, formatDiagnostic, hasErrors, parseWorkspace } from '../manifests/index.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { simulate, type SimulationInput } from '../sim/engine/simulate.ts';
import { caAssumptions, compareAutoscalers } from '../sim/clusterAutoscaler/index.ts';
import { comparisonReport, launchedOf } from '../explain/autoscalers.ts';
import { toJSON } from '../sim/engine/json.ts';
import { parseArgs, USAGE, type CliArgs } from './args.ts';
import { humanReport } from './report.ts';

/** Where the CLI writes and reads; the benchmarks pass their own to run the CLI in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
}

const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** The whole CLI (arguments → parse → simulate → report); returns the exit code. */
export function runCli(argv: readonly string[], io: CliIO = processIO): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`simulate: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (e) {
    io.stderr(
      `simulate: cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const ws = parseWorkspace(text, { file: args.file });
  for (const d of ws.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (hasErrors(ws.diagnostics)) return 1;
  const input = {
    objects: engineObjects(ws),
    disruption: karpenterDisruption(),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.until === undefined ? {} : { until: args.until }),
  };
  if (args.compareCa) return compare(input, args, io);
  const timeline = simulate(input);
  if (timeline.refused !== undefined) {
    io.stderr(`${args.file}: ${timeline.refused}\n`);
    return 1;
  }
  const json = toJSON(timeline);
  io.stdout(args.json ? `${JSON.stringify(json, null, 2)}\n` : `${humanReport(json)}\n`);
  return 0;
}

/** --compare-ca: the same input under Karpenter and under Cluster Autoscaler. */
function compare(input: SimulationInput, args: CliArgs, io: CliIO): number {
  const { karpenter, clusterAutoscaler: ca } = compareAutoscalers(input);
  if (karpenter.timeline.refused !== undefined) {
    io.stderr(`${args.file}: ${karpenter.timeline.refused}\n`);
    return 1;
  }
  const pair = {
    karpenter: {
      version: karpenter.timeline.karpenterVersion,
      launched: launchedOf(karpenter.timeline),
      metrics: karpenter.metrics,
    },
    clusterAutoscaler: {
      launched: launchedOf(ca.timeline),
      metrics: ca.metrics,
      config: ca.config,
      warnings: ca.timeline.warnings,
    },
  };
  if (args.json) {
    io.stdout(`${JSON.stringify(pair, null, 2)}\n`);
    return 0;
  }
  const c = ca.config;
  const notes = [
    `Cluster Autoscaler: node group ${c.nodeGroup} of ${c.instanceType} ${c.capacityType} (min ${c.minSize}, max ${c.maxSize}); ${caAssumptions(c)[1] ?? ''}`,
    ...ca.timeline.warnings.map((w) => `warning: ${w}`),
  ];
  io.stdout(`${comparisonReport(pair)}\n\n${notes.join('\n')}\n`);
  return 0;
}

// Run only as the entry point: the benchmarks import runCli without running the CLI.
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url)))
  process.exitCode = runCli(process.argv.slice(2));
