// The Plan tab: "what happens to my cluster if I apply this?" — a saved scenario (the cluster as it
// is) against the workspace (the change), planned the way `karpenter-lab plan` does and shown with
// the same sections: changes, drifted NodeClaims, replacement order, pacing, pods moved, outcome.
import { useState } from 'react';
import { useStore } from 'zustand';
import { planStore } from '../stores/plan.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { scenarioLibrary } from '../share/library.ts';

export function PlanPanel() {
  const { status, progress, view, error } = useStore(planStore);
  const scenarios = scenarioLibrary.list();
  const [chosen, setChosen] = useState(scenarios[0]?.id ?? '');
  const before = scenarios.find((s) => s.id === chosen) ?? scenarios[0];
  const running = status === 'running';
  const run = () => {
    if (before) planStore.getState().run(before, workspaceStore.getState().text);
  };
  return (
    <section className="panel plan-panel" aria-labelledby="plan-title" aria-busy={running}>
      <h2 id="plan-title">Plan a change</h2>
      <p className="muted">
        A saved scenario is the cluster as it runs today; the workspace is the change. The scenario
        runs until quiet, then every document that differs in the workspace is applied as{' '}
        <code>kubectl apply</code> would, and the run goes on until quiet — the same report as{' '}
        <code>npx karpenter-lab plan before.yaml after.yaml</code>.
      </p>
      {scenarios.length === 0 ? (
        <p data-testid="plan-empty">
          No saved scenario yet. Save the cluster as it is now (Share → Saved scenarios → Save the
          workspace), then edit the workspace into the change you want to plan.
        </p>
      ) : (
        <form
          className="compare-form"
          aria-label="Plan"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label>
            Before{' '}
            <select value={before?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <span>→ after: the workspace</span>
          <button type="submit" disabled={running}>
            Plan
          </button>
        </form>
      )}
      <div className="compare-status" role="status">
        {running && (
          <>
            Planning…{' '}
            {progress
              ? `${progress.phase} ${Math.round((progress.done / Math.max(1, progress.total)) * 100)}%`
              : ''}{' '}
            <button type="button" onClick={() => planStore.getState().cancel()}>
              Cancel
            </button>
          </>
        )}
        {status === 'cancelled' && <>Plan cancelled.</>}
        {status === 'error' && <span className="status-error">The plan failed: {error}</span>}
      </div>
      {view?.error && <p className="status-error">{view.error}</p>}
      {view?.blocks && (
        <div data-testid="plan-report">
          <h3>{view.blocks.title}</h3>
          {view.blocks.sections.map((s) => (
            <section key={s.heading} aria-label={s.heading}>
              <h3>{s.heading}</h3>
              {s.lines.length > 0 && (
                <ul className="plan-lines">
                  {s.lines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              )}
              {s.rows && s.rows.length > 1 && (
                <table className="compare-table">
                  <thead>
                    <tr>
                      {(s.rows[0] ?? []).map((h) => (
                        <th key={h} scope="col">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.rows.slice(1).map((r, i) => (
                      <tr key={i}>
                        {r.map((c, j) => (
                          <td key={j}>{c}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
