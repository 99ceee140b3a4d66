// The headless CLI: `npm run -s simulate -- <file.yaml> [--json] [--until 10m] [--seed N]
// [--compare-ca]`.
// The same engine as the browser, run once on a file. Exit 0 ok, 1 invalid input, 2 usage error.
import { readFileSync } from 'node:fs';
import { engineObjects, formatDiagnostic, hasErrors, parseWorkspace } from '../manifests/index.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { simulate, type SimulationInput } from '../sim/engine/simulate.ts';
import { caAssumptions, compareAutoscalers } from '../sim/clusterAutoscaler/index.ts';
import { comparisonReport, launchedOf } from '../explain/autoscalers.ts';
import { toJSON } from '../sim/engine/json.ts';
import { parseArgs, USAGE, type CliArgs } from './args.ts';
import { humanReport } from './report.ts';

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`simulate: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    process.stderr.write(
      `simulate: cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const ws = parseWorkspace(text, { file: args.file });
  for (const d of ws.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(ws.diagnostics)) return 1;
  const input = {
    objects: engineObjects(ws),
    disruption: karpenterDisruption(),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.until === undefined ? {} : { until: args.until }),
  };
  if (args.compareCa) return compare(input, args);
  const timeline = simulate(input);
  if (timeline.refused !== undefined) {
    process.stderr.write(`${args.file}: ${timeline.refused}\n`);
    return 1;
  }
  const json = toJSON(timeline);
  process.stdout.write(args.json ? `${JSON.stringify(json, null, 2)}\n` : `${humanReport(json)}\n`);
  return 0;
}

/** --compare-ca: the same input under Karpenter and under Cluster Autoscaler. */
function compare(input: SimulationInput, args: CliArgs): number {
  const { karpenter, clusterAutoscaler: ca } = compareAutoscalers(input);
  if (karpenter.timeline.refused !== undefined) {
    process.stderr.write(`${args.file}: ${karpenter.timeline.refused}\n`);
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
    process.stdout.write(`${JSON.stringify(pair, null, 2)}\n`);
    return 0;
  }
  const c = ca.config;
  const notes = [
    `Cluster Autoscaler: node group ${c.nodeGroup} of ${c.instanceType} ${c.capacityType} (min ${c.minSize}, max ${c.maxSize}); ${caAssumptions(c)[1] ?? ''}`,
    ...ca.timeline.warnings.map((w) => `warning: ${w}`),
  ];
  process.stdout.write(`${comparisonReport(pair)}\n\n${notes.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
