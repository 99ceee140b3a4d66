// Located problems in the workspace (same messages as the editor markers), and engine failures.
import { useState } from 'react';
import { useStore } from 'zustand';
import { simulationStore } from '../stores/simulation.ts';
import { ConvertDialog } from './ConvertDialog.tsx';

const NONE: readonly string[] = [];

export function ProblemsPanel() {
  const diagnostics = useStore(simulationStore, (s) => s.result?.diagnostics);
  // What the run itself reports (a Scenario action that failed or came after the end, a cluster
  // that never went quiet): the workspace parsed, but not everything it asked for happened.
  const runWarnings = useStore(simulationStore, (s) => s.result?.warnings) ?? NONE;
  const error = useStore(simulationStore, (s) => s.error);
  const list = diagnostics ?? [];
  const [converting, setConverting] = useState(false);
  return (
    <section className="panel" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <span className="count">{list.length + runWarnings.length + (error ? 1 : 0)}</span>
      </h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 && runWarnings.length === 0 && !error ? (
        <p className="muted">No problems.</p>
      ) : (
        <ul className="problems" data-testid="problems">
          {list.map((d, i) => (
            <li key={i} className={d.severity}>
              <code>
                {d.file}:{d.line}:{d.column}
              </code>{' '}
              {d.message}
              {d.path && <span className="path"> ({d.path})</span>}
              {d.fix?.action === 'convert' && (
                <div>
                  <button type="button" onClick={() => setConverting(true)}>
                    {d.fix.title}…
                  </button>
                </div>
              )}
            </li>
          ))}
          {runWarnings.map((w, i) => (
            <li key={`run-${i}`} className="warning" data-testid="run-warning">
              <code>run</code> {w}
            </li>
          ))}
        </ul>
      )}
      {converting && <ConvertDialog onClose={() => setConverting(false)} />}
    </section>
  );
}
