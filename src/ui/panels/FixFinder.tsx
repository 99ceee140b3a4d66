// "What would fix it" for a Pending pod: the worker tries the edits Karpenter's reasons point at,
// each by simulating the edited workspace (src/pipeline/fixes.ts), and lists the ones after which
// every pod of the workload runs. Apply writes the edit into the workspace, which re-runs.
import { useState } from 'react';
import { editWorkspace } from '../../manifests/index.ts';
import type { FixReport, VerifiedFix } from '../../pipeline/fixes.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; report: FixReport | undefined; text: string }
  | { kind: 'applied'; title: string }
  | { kind: 'failed'; error: string };

const price = (v: number) => `$${v.toFixed(4)}/h`;

function what(op: VerifiedFix['ops'][number]): string {
  const path = op.path.join('.');
  return op.op === 'remove' ? `remove ${path}` : `${path}: ${JSON.stringify(op.value)}`;
}

/** Keyed by the pod by its parent: another pod selected starts over. */
export function FixFinder({ pod }: { pod: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  const find = async () => {
    setState({ kind: 'checking' });
    const text = workspaceStore.getState().latest();
    const report = await simulationStore.getState().fixes(text, pod);
    setState({ kind: 'done', report, text });
  };
  const apply = (fix: VerifiedFix, from: string) => {
    const now = workspaceStore.getState().latest();
    // The workspace changed since the edits were checked: they may no longer be what fixes it.
    if (now !== from) {
      setState({ kind: 'failed', error: 'The workspace changed since: find the fixes again.' });
      return;
    }
    const r = editWorkspace(now, { target: fix.target, ops: fix.ops });
    if (!r.ok) {
      setState({ kind: 'failed', error: r.error });
      return;
    }
    workspaceStore.getState().setText(r.text);
    setState({ kind: 'applied', title: fix.title });
  };

  return (
    <section className="fixes" aria-labelledby="fixes-title" data-testid="fixes">
      <h3 id="fixes-title">What would fix it</h3>
      {state.kind === 'idle' && (
        <p>
          <button type="button" onClick={() => void find()}>
            Find a fix
          </button>{' '}
          <span className="muted">
            tries the edits Karpenter’s reasons point at, each by a run of the edited workspace
          </span>
        </p>
      )}
      {state.kind === 'checking' && <p role="status">Trying edits, one run each…</p>}
      {state.kind === 'failed' && <p role="alert">{state.error}</p>}
      {state.kind === 'applied' && (
        <p role="status">Applied: {state.title}. The workspace re-runs with it.</p>
      )}
      {state.kind === 'done' && (
        <Report report={state.report} apply={(f) => apply(f, state.text)} />
      )}
    </section>
  );
}

function Report({
  report,
  apply,
}: {
  report: FixReport | undefined;
  apply: (f: VerifiedFix) => void;
}) {
  if (!report) return <p role="status">The engine could not answer; try again.</p>;
  if (!report.pending) return <p role="status">This pod runs by the end of the run.</p>;
  if (report.tooLarge)
    return (
      <p role="status">
        The workspace is too large to try edits here (each is a whole run); scale it down first.
      </p>
    );
  if (report.fixes.length === 0)
    return (
      <p role="status">
        {report.tried === 0
          ? 'No edit to try: Karpenter’s reasons for this pod name nothing the lab knows how to change.'
          : `None of the ${report.tried} edits tried makes every pod of its workload run.`}
      </p>
    );
  return (
    <>
      <p role="status">
        {report.fixes.length} of {report.tried} {report.tried === 1 ? 'edit' : 'edits'} tried{' '}
        {report.fixes.length === 1 ? 'makes' : 'make'} every pod of its workload run
        {report.fixes.length > 1 ? ', cheapest first' : ''}:
      </p>
      <ol className="fix-list">
        {report.fixes.map((f) => (
          <li key={f.title}>
            <div>{f.title}</div>
            <div className="muted">
              {f.running} of {f.of} pods Running · {price(f.costPerHour)} at the end (now{' '}
              {price(f.baseCostPerHour)})
            </div>
            <code>{f.ops.map(what).join('; ')}</code>{' '}
            <button type="button" onClick={() => apply(f)} aria-label={`Apply: ${f.title}`}>
              Apply
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
