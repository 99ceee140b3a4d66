// `--fixes`: for each workload with pods still Pending at the end of the run, the edits that
// Karpenter's reasons point at (src/pipeline/fixes.ts, the same candidates as the page's "Find a
// fix"), each checked by running the edited inputs again exactly as this run was made: the same
// files merged, the same region inference, seed and --until. Each fix comes with the unified
// diff of the one file it edits, so a script can apply the one it picks with `patch -p0`.
import { editWorkspace } from '../manifests/index.ts';
import {
  fixSteps,
  MAX_FIX_PODS,
  verifyFixes,
  type FixCandidate,
  type FixReport,
  type RunEnd,
} from '../pipeline/fixes.ts';
import { liftable, verifyNodeFixes } from '../pipeline/nodeFixes.ts';
import { explainNode } from '../sim/disruption/explain.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { simulate, type SimulationInput } from '../sim/engine/simulate.ts';
import type { Timeline } from '../sim/engine/timeline.ts';
import { money } from '../explain/columns.ts';
import { loadFiles, type LoadedWorkspace } from './inputs.ts';
import { unifiedDiff } from './unifiedDiff.ts';

/** Workloads tried per run: each takes up to MAX_CANDIDATES whole runs. */
export const MAX_FIX_WORKLOADS = 5;

export interface CliFix {
  title: string;
  /** The files the edit changes, and the objects in them (two for an edit made after another). */
  files: string[];
  targets: { kind: string; name: string; namespace?: string }[];
  running: number;
  of: number;
  costPerHour: number;
  baseCostPerHour: number;
  /** `diff -u` of each file changed, before → after the edit. */
  diff: string;
}

export interface CliFixReport {
  /** The workload (kind/namespace/name) or, for a bare pod, the pod (namespace/name). */
  workload: string;
  /** The pod the reasons were read from (the first Pending one), and how many are Pending. */
  pod: string;
  pending: number;
  tried: number;
  fixes: CliFix[];
  failed: FixReport['failed'];
  tooLarge?: true;
  /** Of `tried`, how many were pairs of edits. */
  pairs?: number;
  /** No edit was tried: why. */
  nothingToTry?: string;
}

export interface CliFixes {
  workloads: CliFixReport[];
  /** More pods than edits are tried for (each edit is a whole run): nothing was tried. */
  tooLarge?: true;
  /** Workloads with Pending pods that were not tried (past MAX_FIX_WORKLOADS). */
  notTried: string[];
  /** Nodes Karpenter keeps at the end because of something an edit can lift. */
  nodes: CliNodeFixReport[];
}

export interface CliNodeFix extends Omit<CliFix, 'of' | 'running'> {
  /** Pods Running at the end of the edited run (never fewer than as written). */
  running: number;
}

export interface CliNodeFixReport {
  node: string;
  instanceType: string;
  /** Karpenter's reason for keeping it, and the plain sentence. */
  reason: string;
  sentence: string;
  tried: number;
  fixes: CliNodeFix[];
  /** Edits that lift the block but leave the run no cheaper (costPerHour absent: invalid). */
  failed: { title: string; costPerHour?: number }[];
}

const shorten = (title: string): string => (title.length <= 60 ? title : `${title.slice(0, 59)}…`);

/** Runs of the inputs with a candidate's edits made in the files that define its objects, as
 *  this run was made; and each run's diff, by the candidate's title. */
function editedRunner(ws: LoadedWorkspace, input: SimulationInput) {
  // By title: a verified fix is a copy of its candidate (titles are unique per workload).
  const diffs = new Map<string, { files: string[]; diff: string }>();
  const runEdited = (c: FixCandidate): RunEnd | undefined => {
    // Each step edits the file that defines its object (a pair may touch two files).
    const texts = ws.files.map((f) => f.text);
    // The files in the order the edits are made (as `targets` lists the objects).
    const order: number[] = [];
    for (const step of fixSteps(c)) {
      const k = ws.fileOf(step.target.kind, step.target.name, step.target.namespace);
      const edited = k < 0 ? undefined : editWorkspace(texts[k] ?? '', step);
      if (!edited?.ok) return undefined;
      texts[k] = edited.text;
      if (!order.includes(k)) order.push(k);
    }
    const next = loadFiles(
      ws.files.map((f, i) => ({ ...f, text: texts[i] ?? f.text })),
      { inferRegion: true },
    );
    if (!next.ok) return undefined;
    const progress = input.onProgress;
    const run = simulate({
      ...input,
      objects: next.objects,
      heldBack: next.heldBack,
      disruption: karpenterDisruption(),
      snapshotEvery: Infinity,
      // The terminal's progress line says which edit is being tried (each is a whole run).
      ...(progress
        ? { onProgress: (p) => progress({ ...p, phase: `--fixes: ${shorten(c.title)}` }) }
        : {}),
    });
    if (run.refused !== undefined) return undefined;
    const changed = order.filter((k) => texts[k] !== ws.files[k]?.text);
    diffs.set(c.title, {
      files: changed.map((k) => ws.files[k]?.file ?? ''),
      diff: changed
        .map((k) => unifiedDiff(ws.files[k]?.file ?? '', ws.files[k]?.text ?? '', texts[k] ?? ''))
        .join(''),
    });
    return { final: run.final, end: run.end, written: next.objects };
  };
  return { runEdited, diffs };
}

/** A verified fix as the CLI reports it: its objects, its files and their diff. */
function cliFix(
  f: FixCandidate,
  diffs: ReadonlyMap<string, { files: string[]; diff: string }>,
): Pick<CliFix, 'title' | 'files' | 'targets' | 'diff'> {
  return {
    title: f.title,
    files: diffs.get(f.title)?.files ?? [],
    targets: fixSteps(f).map(({ target: t }) => ({
      kind: t.kind,
      name: t.name,
      ...(t.namespace === undefined ? {} : { namespace: t.namespace }),
    })),
    diff: diffs.get(f.title)?.diff ?? '',
  };
}

/**
 * The checked fixes for the run's Pending workloads. `input`: the run's own input, whose seed,
 * until and options every edited run keeps.
 */
export function cliFixes(
  timeline: Timeline,
  ws: LoadedWorkspace,
  input: SimulationInput,
): CliFixes {
  const groups = new Map<string, string[]>();
  for (const p of [...timeline.final.pods.values()].sort((a, b) => a.key.localeCompare(b.key)))
    if (p.phase === 'Pending') {
      const id = p.owner ?? p.key;
      groups.set(id, [...(groups.get(id) ?? []), p.key]);
    }
  const ids = [...groups.keys()];
  // Too large to try anything: said once for the run, not once per workload.
  if (timeline.final.pods.size > MAX_FIX_PODS)
    return {
      workloads: [],
      notTried: ids,
      nodes: [],
      ...(ids.length > 0 ? { tooLarge: true } : {}),
    };
  const workloads = ids.slice(0, MAX_FIX_WORKLOADS).map((id) => {
    const keys = groups.get(id) ?? [];
    const pod = keys[0] ?? '';
    const { runEdited, diffs } = editedRunner(ws, input);
    const report = verifyFixes(timeline, pod, ws.objects, runEdited);
    return {
      workload: id,
      pod,
      pending: keys.length,
      tried: report.tried,
      fixes: report.fixes.map((f) => ({
        ...cliFix(f, diffs),
        running: f.running,
        of: f.of,
        costPerHour: f.costPerHour,
        baseCostPerHour: f.baseCostPerHour,
      })),
      failed: report.failed,
      ...(report.tooLarge ? { tooLarge: true as const } : {}),
      ...(report.pairs === undefined ? {} : { pairs: report.pairs }),
      ...(report.nothingToTry === undefined ? {} : { nothingToTry: report.nothingToTry }),
    };
  });
  return {
    workloads,
    notTried: ids.slice(MAX_FIX_WORKLOADS),
    nodes: keptNodes(timeline, ws, input),
  };
}

/** The nodes up at the end that an edit could let Karpenter consolidate (at most
 *  MAX_FIX_WORKLOADS), each with the edits that make the run end cheaper. */
function keptNodes(timeline: Timeline, ws: LoadedWorkspace, input: SimulationInput) {
  const kept = [...timeline.final.nodes.values()]
    .filter((n) => n.terminatedAt === undefined && n.deletingAt === undefined)
    .map((n) => ({ n, e: explainNode(timeline.final, n.name) }))
    .filter(({ e }) => liftable(e))
    .slice(0, MAX_FIX_WORKLOADS);
  return kept.map(({ n, e }): CliNodeFixReport => {
    const { runEdited, diffs } = editedRunner(ws, input);
    const report = verifyNodeFixes(timeline, n.name, ws.objects, runEdited);
    return {
      node: n.name,
      instanceType: n.instanceType ?? '',
      reason: e.reason,
      sentence: e.sentence,
      tried: report.tried,
      fixes: report.fixes.map((f) => ({
        ...cliFix(f, diffs),
        running: f.running,
        costPerHour: f.costPerHour,
        baseCostPerHour: f.baseCostPerHour,
      })),
      failed: report.failed.map((f) => ({
        title: f.title,
        ...(f.costPerHour === undefined ? {} : { costPerHour: f.costPerHour }),
      })),
    };
  });
}

const TOO_LARGE = `the workspace has more than ${MAX_FIX_PODS.toLocaleString('en-US')} pods, and each edit is a whole run`;

const pods = (n: number): string => `${n} pod${n === 1 ? '' : 's'}`;

function outcome(f: CliFix): string {
  return `all ${pods(f.of)} Running, ${money(f.costPerHour)}/h (now ${money(f.baseCostPerHour)}/h)`;
}

function nodeOutcome(f: CliNodeFix): string {
  return `the run ends at ${money(f.costPerHour)}/h (now ${money(f.baseCostPerHour)}/h), ${pods(f.running)} Running`;
}

function nodeFailure(f: { costPerHour?: number }): string {
  return f.costPerHour === undefined
    ? 'leaves the inputs invalid'
    : `the run ends no cheaper (${money(f.costPerHour)}/h)`;
}

/** Why nothing is offered for a workload, or undefined when something is. */
function none(w: CliFixReport): string | undefined {
  if (w.tooLarge) return `not tried: ${TOO_LARGE}`;
  if (w.tried === 0) return `no edit to try. ${w.nothingToTry ?? ''}`.trim();
  const pairs = w.pairs ?? 0;
  const tried =
    pairs === 0 ? `${w.tried} edits` : `${w.tried} tried (${pairs} of them pairs of edits)`;
  if (w.fixes.length === 0)
    return `none of the ${pairs === 0 ? `${tried} tried` : tried} gets every pod Running`;
  return undefined;
}

/** The section of the table report. */
export function fixesText(r: CliFixes, seedNote: string): string {
  const out = [`What would fix it (each edit checked by running the inputs again, ${seedNote}):`];
  if (r.tooLarge) out.push(`  not tried: ${TOO_LARGE}`);
  else if (r.workloads.length === 0) out.push('  nothing: every pod is Running at the end');
  for (const w of r.workloads) {
    out.push('', `  ${w.workload}: ${pods(w.pending)} Pending`);
    const why = none(w);
    if (why) out.push(`    ${why}`);
    for (const f of w.fixes) {
      out.push(`    ✓ ${f.title}: ${outcome(f)}`);
      for (const line of f.diff.trimEnd().split('\n')) out.push(`      ${line}`);
    }
    for (const f of w.failed) out.push(`    ✗ ${f.title}: ${workloadFailure(f)}`);
  }
  if (r.notTried.length > 0 && !r.tooLarge)
    out.push(
      '',
      `  Not tried (at most ${MAX_FIX_WORKLOADS} workloads per run): ${r.notTried.join(', ')}`,
    );
  if (r.nodes.length > 0) {
    out.push('', 'What would let Karpenter consolidate the nodes it keeps (checked the same way):');
    for (const n of r.nodes) {
      out.push('', `  ${n.node} (${n.instanceType}): ${n.sentence}`);
      if (n.tried > 0 && n.fixes.length === 0)
        out.push(`    none of the ${n.tried} edits tried makes the run end cheaper`);
      for (const f of n.fixes) {
        out.push(`    ✓ ${f.title}: ${nodeOutcome(f)}`);
        for (const line of f.diff.trimEnd().split('\n')) out.push(`      ${line}`);
      }
      for (const f of n.failed) out.push(`    ✗ ${f.title}: ${nodeFailure(f)}`);
    }
  }
  return out.join('\n');
}

/** A fix's diff as a Markdown code block inside its list item. */
const diffBlock = (diff: string): string[] => [
  '  ```diff',
  ...diff
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`),
  '  ```',
];

/** The same section as Markdown. */
export function fixesMarkdown(r: CliFixes, seedNote: string): string {
  const out = [
    `**What would fix it** (each edit checked by running the inputs again, ${seedNote})`,
  ];
  if (r.tooLarge) out.push('', `Not tried: ${TOO_LARGE}.`);
  else if (r.workloads.length === 0) out.push('', 'Nothing: every pod is Running at the end.');
  for (const w of r.workloads) {
    out.push('', `\`${w.workload}\`: ${pods(w.pending)} Pending`, '');
    const why = none(w);
    if (why) out.push(`- ${why}`);
    for (const f of w.fixes) out.push(`- ✓ ${f.title}: ${outcome(f)}`, '', ...diffBlock(f.diff));
    for (const f of w.failed) out.push(`- ✗ ${f.title}: ${workloadFailure(f)}`);
  }
  if (r.notTried.length > 0 && !r.tooLarge)
    out.push(
      '',
      `Not tried (at most ${MAX_FIX_WORKLOADS} workloads per run): ${r.notTried.join(', ')}`,
    );
  if (r.nodes.length > 0) {
    out.push(
      '',
      '**What would let Karpenter consolidate the nodes it keeps** (checked the same way)',
    );
    for (const n of r.nodes) {
      out.push('', `\`${n.node}\` (${n.instanceType}): ${n.sentence}`, '');
      for (const f of n.fixes)
        out.push(`- ✓ ${f.title}: ${nodeOutcome(f)}`, '', ...diffBlock(f.diff));
      for (const f of n.failed) out.push(`- ✗ ${f.title}: ${nodeFailure(f)}`);
    }
  }
  return out.join('\n');
}

/** A failed workload edit: how many pods ran, and what still keeps the rest Pending. */
function workloadFailure(f: FixReport['failed'][number]): string {
  if (f.of === 0) return 'leaves the inputs invalid';
  return `${f.running} of ${pods(f.of)} Running${f.still ? `; still Pending: ${f.still}` : ''}`;
}
