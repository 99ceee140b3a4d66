// runCli(argv, io): the whole command line — arguments → inputs → engine → report → exit code — as
// one synchronous function. The bin (bin.ts), `npm run simulate` (main.ts), the CLI benchmarks and
// the fuzzers all go through it; io is where it reads and writes, so it runs in-process too.
import { unmanagedCapacity } from '../explain/unmanaged.ts';
import { comparisonReport, compareRows, launchedOf, SIDE_NAMES } from '../explain/autoscalers.ts';
import {
  caAssumptions,
  compareAutoscalers,
  type AutoscalerMetrics,
  type ClusterAutoscalerConfig,
} from '../sim/clusterAutoscaler/index.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { toJSON } from '../sim/engine/json.ts';
import { simulate, type SimulationInput } from '../sim/engine/simulate.ts';
import { formatDuration } from '../sim/engine/duration.ts';
import { newerThanModelled } from '../sim/version.ts';
import {
  ANONYMISE_USAGE,
  EXIT,
  parseArgs,
  PLAN_USAGE,
  USAGE,
  type CliArgs,
  type Command,
} from './args.ts';
import { runAnonymiseCommand } from './anonymise.ts';

const USAGES: Readonly<Record<Command, string>> = {
  simulate: USAGE,
  plan: PLAN_USAGE,
  anonymise: ANONYMISE_USAGE,
};
import type { CliIO, LoadedWorkspace } from './inputs.ts';
import { readInputs, renderTo } from './output.ts';
import { runPlanCommand } from './planCommand.ts';
import { humanReport, markdownReport, timeoutSummary } from './report.ts';
import { markdownTable } from '../explain/columns.ts';
import { CLI_VERSION } from './version.ts';
import { cliFixes, fixesMarkdown, fixesText } from './fixes.ts';

export type { CliIO } from './inputs.ts';

export function runCli(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(`${USAGES[args.help]}\n`);
    return EXIT.ok;
  }
  if ('version' in args) {
    io.stdout(`karpenter-lab ${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  if ('error' in args) {
    io.stderr(`karpenter-lab: ${args.error}\n\n${USAGES[args.command ?? 'simulate']}\n`);
    return EXIT.usage;
  }
  if (args.command === 'plan') return runPlanCommand(args, io);
  if (args.command === 'anonymise') return runAnonymiseCommand(args.inputs, io);
  const read = readInputs(args.inputs, io, { inferRegion: true });
  if ('code' in read) return read.code;
  const disruption = karpenterDisruption();
  const input: SimulationInput = {
    objects: read.ws.objects,
    heldBack: read.ws.heldBack,
    disruption,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.until === undefined ? {} : { until: args.until }),
    ...(io.onProgress ? { onProgress: io.onProgress } : {}),
  };
  if (args.compareCa) return compare(input, args, io, read.ws);
  // The snapshots let stateAt() jump into the timeline (the page's time slider, the table
  // report's explanations); the JSON and YAML documents never ask, so no copy of the cluster
  // state is taken every pods-count events (~20 copies of 5,000 pods at ws5000).
  const machine = args.output === 'json' || args.output === 'yaml';
  const timeline = simulate(machine ? { ...input, snapshotEvery: Infinity } : input);
  if (timeline.refused !== undefined) {
    io.stderr(`${read.ws.refusal(timeline)}\n`);
    return EXIT.invalid;
  }
  const unmanaged = unmanagedCapacity(input, timeline);
  // Only runs whose consolidation ran out of time carry the field: small outputs stay as they were.
  const timeouts = timeoutSummary(disruption.timeouts);
  const simulated = toJSON(timeline);
  const fixes = args.fixes ? cliFixes(timeline, read.ws, input) : undefined;
  // A Karpenter newer than the lab models runs with the newest modelled behaviour: say so, or
  // "Karpenter v1.99" in the headline reads as simulated.
  const modelled = newerThanModelled(simulated.karpenter.version);
  const json = {
    ...simulated,
    // The input's located warnings (stderr has them too) travel with the report: a pipe that
    // keeps only stdout still sees them.
    warnings: [
      ...read.ws.messages,
      ...simulated.warnings,
      ...(modelled === undefined
        ? []
        : [
            `Karpenter ${simulated.karpenter.version} is newer than the newest version the lab models: it runs with ${modelled}'s behaviour`,
          ]),
    ],
    ...(unmanaged ? { unmanaged } : {}),
    ...(timeouts ? { consolidationTimeouts: timeouts } : {}),
    ...(fixes ? { fixes } : {}),
  };
  const seedNote = `seed ${timeline.seed}${args.until === undefined ? '' : `, --until ${formatDuration(args.until)}`}`;
  renderTo(
    io.stdout,
    args.output,
    'Simulation',
    json,
    () =>
      `${humanReport(json, unmanaged, timeouts)}${fixes ? `\n\n${fixesText(fixes, seedNote)}` : ''}`,
    () =>
      `${markdownReport(json, unmanaged, timeouts)}${fixes ? `\n\n${fixesMarkdown(fixes, seedNote)}` : ''}`,
  );
  return failOnPending(args, json.pods, io, '');
}

/** --fail-on pending: exit 3, naming the first pod, when a pod is not Running at the end. */
function failOnPending(
  args: CliArgs,
  pods: readonly { namespace: string; name: string; phase: string; reason: string | null }[],
  io: CliIO,
  side: string,
): number {
  if (!args.failOn.includes('pending')) return EXIT.ok;
  const notRunning = pods.filter((p) => p.phase !== 'Running');
  const first = notRunning[0];
  if (first === undefined) return EXIT.ok;
  io.stderr(
    `karpenter-lab: --fail-on pending: ${notRunning.length} pod(s) not Running at the end${side} (first: ${first.namespace}/${first.name} ${first.phase}: ${first.reason ?? ''})\n`,
  );
  return EXIT.failOn;
}

const seconds = (ms: number): number => ms / 1000;

/** The comparison's metrics with every time in seconds, as the Simulation and Plan documents
 *  give them (the engine keeps ms). */
function metricsInSeconds(m: AutoscalerMetrics) {
  return {
    ...m,
    horizon: seconds(m.horizon),
    pods: {
      ...m.pods,
      ...(m.pods.maxWait === undefined ? {} : { maxWait: seconds(m.pods.maxWait) }),
      ...(m.pods.meanWait === undefined ? {} : { meanWait: seconds(m.pods.meanWait) }),
    },
    waves: m.waves.map((w) => ({
      ...w,
      start: seconds(w.start),
      ...(w.end === undefined ? {} : { end: seconds(w.end) }),
    })),
    ...(m.timeToAllRunning === undefined ? {} : { timeToAllRunning: seconds(m.timeToAllRunning) }),
    nodeSeries: m.nodeSeries.map((p) => ({ ...p, t: seconds(p.t) })),
    pendingSeries: m.pendingSeries.map((p) => ({ ...p, t: seconds(p.t) })),
  };
}

function configInSeconds(c: ClusterAutoscalerConfig) {
  return {
    ...c,
    scanInterval: seconds(c.scanInterval),
    asgLaunchDelay: seconds(c.asgLaunchDelay),
    scaleDownUnneededTime: seconds(c.scaleDownUnneededTime),
    scaleDownDelayAfterAdd: seconds(c.scaleDownDelayAfterAdd),
  };
}

/** --compare-ca: the same input under Karpenter and under Cluster Autoscaler. */
function compare(input: SimulationInput, args: CliArgs, io: CliIO, ws: LoadedWorkspace): number {
  const { karpenter, clusterAutoscaler: ca } = compareAutoscalers(input);
  if (karpenter.timeline.refused !== undefined) {
    io.stderr(`${ws.refusal(karpenter.timeline)}\n`);
    return EXIT.invalid;
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
  // The JSON and YAML documents give every time in seconds, as Simulation and Plan do.
  const document = {
    karpenter: { ...pair.karpenter, metrics: metricsInSeconds(karpenter.metrics) },
    clusterAutoscaler: {
      ...pair.clusterAutoscaler,
      metrics: metricsInSeconds(ca.metrics),
      config: configInSeconds(ca.config),
    },
  };
  const c = ca.config;
  const nodeGroup = `Cluster Autoscaler: node group ${c.nodeGroup} of ${c.instanceType} ${c.capacityType} (min ${c.minSize}, max ${c.maxSize}); ${caAssumptions(c)[1] ?? ''}`;
  const notes = [nodeGroup, ...ca.timeline.warnings.map((w) => `warning: ${w}`)];
  // Headed like the other Markdown reports (a pull-request comment says what it is); the notes
  // are a paragraph and a list, where lines one after another would run into one paragraph.
  const markdown = (): string =>
    [
      `### Karpenter Lab comparison: ${SIDE_NAMES.karpenter} ${pair.karpenter.version} beside ${SIDE_NAMES.clusterAutoscaler}`,
      '',
      markdownTable([
        ['', `${SIDE_NAMES.karpenter} ${pair.karpenter.version}`, SIDE_NAMES.clusterAutoscaler],
        ...compareRows(pair).map((r) => [
          r.label,
          `${r.karpenter}${r.better === 'karpenter' ? ' ✓' : ''}`,
          `${r.clusterAutoscaler}${r.better === 'clusterAutoscaler' ? ' ✓' : ''}`,
        ]),
      ]),
      '',
      nodeGroup,
      ...(ca.timeline.warnings.length
        ? [
            '',
            '**Warnings (Cluster Autoscaler):**',
            '',
            ...ca.timeline.warnings.map((w) => `- ${w}`),
          ]
        : []),
    ].join('\n');
  renderTo(
    io.stdout,
    args.output,
    'Comparison',
    document,
    () => `${comparisonReport(pair)}\n\n${notes.join('\n')}`,
    markdown,
  );
  // The gate is on the Karpenter run (the one a NodePool change is about); CA's side is context.
  return failOnPending(args, toJSON(karpenter.timeline).pods, io, ' under Karpenter');
}
