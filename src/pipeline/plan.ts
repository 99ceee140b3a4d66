// The Plan tab: a saved scenario (BEFORE) against the workspace (AFTER), planned exactly as
// `karpenter-lab plan` does (src/plan): BEFORE until quiet, the differing documents applied, until
// quiet. Pure, like run.ts; the worker posts the result as a `plan`.
import {
  engineObjects,
  formatDiagnostic,
  hasErrors,
  heldBackDocuments,
  parseWorkspace,
} from '../manifests/index.ts';
import { planBlocks, type Blocks } from '../plan/format.ts';
import { planReport, type PlanReport } from '../plan/report.ts';
import { runPlan } from '../plan/run.ts';

export interface PlanView {
  /** Set when the plan ran: the same sections as the CLI's table. */
  blocks?: Blocks;
  report?: PlanReport;
  /** Why there is no plan: an invalid side, or a run that never went quiet. */
  error?: string;
}

export interface PlanOptions {
  beforeName: string;
  seed: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export function planWorkspaces(before: string, after: string, opts: PlanOptions): PlanView {
  const b = parseWorkspace(before, { file: opts.beforeName });
  const a = parseWorkspace(after, { file: 'workspace' });
  for (const [ws, name] of [
    [b, `the saved scenario "${opts.beforeName}"`],
    [a, 'the workspace'],
  ] as const) {
    const first = ws.diagnostics.find((d) => d.severity === 'error');
    if (hasErrors(ws.diagnostics) && first)
      return { error: `${name} has an error: ${formatDiagnostic(first)}` };
  }
  const out = runPlan({
    before: engineObjects(b),
    after: engineObjects(a),
    heldBack: heldBackDocuments(b),
    seed: opts.seed,
    onProgress: (p) => opts.onProgress?.(p.done, p.total, p.phase),
  });
  if (!out.ok) return { error: out.error };
  const report = planReport(out.run);
  return {
    report,
    blocks: planBlocks(report, { before: `"${opts.beforeName}"`, after: 'the workspace' }),
  };
}
