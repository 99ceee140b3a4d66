// `karpenter-lab plan BEFORE AFTER`: read both sides, run the plan (src/plan), print the report,
// and turn --fail-on conditions into exit 3.
import { planBlocks, planMarkdown, planTable } from '../plan/format.ts';
import { planReport, type PlanReport } from '../plan/report.ts';
import { runPlan } from '../plan/run.ts';
import { EXIT, type CliArgs, type FailOn } from './args.ts';
import type { CliIO } from './inputs.ts';
import { readInputs, renderTo } from './output.ts';

const FAILS: Readonly<Record<FailOn, (r: PlanReport) => string | undefined>> = {
  pending: (r) =>
    r.pending.length ? `${r.pending.length} pod(s) not Running once converged` : undefined,
  disruption: (r) =>
    r.replacements.length || r.pods.length
      ? `${r.replacements.length} NodeClaim(s) disrupted, ${r.pods.length} pod(s) moved`
      : undefined,
  'cost-increase': (r) =>
    r.cost.deltaPerHour > 0
      ? `$/h rises from $${r.cost.beforePerHour.toFixed(4)} to $${r.cost.afterPerHour.toFixed(4)}`
      : undefined,
  // The change is not done: `disruption` cannot see it (nothing was disrupted), nor can
  // `pending` (every pod still runs, on the old nodes).
  'still-drifted': (r) => {
    const kept = r.drifted.filter((d) => d.kept !== undefined);
    const first = kept[0];
    if (first === undefined) return undefined;
    const why = first.kept?.reason ?? 'Karpenter said nothing about it after the apply';
    return `${kept.length} of ${r.drifted.length} drifted NodeClaim(s) not replaced once converged (first: ${first.nodeClaim}: ${why})`;
  },
};

export function runPlanCommand(args: CliArgs, io: CliIO): number {
  const [beforeArg, afterArg] = args.inputs as [string, string];
  const before = readInputs([beforeArg], io, { inferRegion: true });
  if ('code' in before) return before.code;
  // AFTER may hold only what changes: a NodePool naming BEFORE's EC2NodeClass is fine.
  const classes = new Set(
    before.ws.objects.flatMap((o) =>
      o.kind === 'EC2NodeClass' && o.metadata.name !== undefined ? [o.metadata.name] : [],
    ),
  );
  const after = readInputs([afterArg], io, { classes });
  if ('code' in after) return after.code;
  const outcome = runPlan({
    before: before.ws.objects,
    after: after.ws.objects,
    heldBack: before.ws.heldBack,
    ...(args.seed === undefined ? {} : { seed: args.seed }),
  });
  if (!outcome.ok) {
    io.stderr(`karpenter-lab plan: ${outcome.error}\n`);
    return EXIT.invalid;
  }
  const report = planReport(outcome.run);
  const names = { before: label(beforeArg), after: label(afterArg) };
  const blocks = (): ReturnType<typeof planBlocks> => planBlocks(report, names);
  renderTo(
    io.stdout,
    args.output,
    'Plan',
    { before: names.before, after: names.after, ...report },
    () => planTable(blocks()),
    () => planMarkdown(blocks()),
  );
  const failed = args.failOn.flatMap((f) => {
    const why = FAILS[f](report);
    return why === undefined ? [] : [`--fail-on ${f}: ${why}`];
  });
  for (const f of failed) io.stderr(`karpenter-lab plan: ${f}\n`);
  // kubectl apply exits 1 when the cluster refuses an object (the others are applied): the report
  // shows what happened anyway, and the exit code says the change is not valid as written.
  if (report.applyError !== null) {
    io.stderr(`karpenter-lab plan: kubectl apply failed: ${report.applyError}\n`);
    return EXIT.invalid;
  }
  return failed.length ? EXIT.failOn : EXIT.ok;
}

const label = (arg: string): string => (arg === '-' ? '<stdin>' : arg);
