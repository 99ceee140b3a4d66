import { useStore } from 'zustand';
import { simulationStore } from './stores/simulation.ts';
import { workspaceStore } from './stores/workspace.ts';
import { themeStore } from './stores/theme.ts';
import { ShareButton } from './share/ShareButton.tsx';
import { useLabLink } from './useLabLink.ts';

const timelineJSON = (t: number) => simulationStore.getState().timelineJSON(t);

function RunStatus() {
  const status = useStore(simulationStore, (s) => s.status);
  const progress = useStore(simulationStore, (s) => s.progress);
  // After an edit the run waits a moment (debounce): the last result is no longer up to date.
  const queued = useStore(simulationStore, (s) => s.queued);
  const text =
    queued && status !== 'running'
      ? 'Edited: simulating shortly…'
      : status === 'running'
        ? progress
          ? // total 0: a step with no measure of its own (reading, building the view).
            `Simulating… ${progress.phase}${progress.total > 0 ? ` ${Math.round((progress.done / progress.total) * 100)}%` : ''}`
          : 'Simulating…'
        : status === 'done'
          ? 'Simulation up to date'
          : status === 'error'
            ? 'Engine error'
            : status === 'cancelled'
              ? 'Cancelled: edit or press Run'
              : 'Idle';
  return (
    <span
      className={`status run-status status-${status}`}
      title={text}
      role="status"
      aria-live="polite"
      data-testid="run-status"
    >
      {text}
    </span>
  );
}

/**
 * Errors in the workspace next to the run status: an invalid document is left out of the run, so
 * "up to date" alone read as if every document had been applied.
 */
function ProblemCount() {
  const errors = useStore(
    simulationStore,
    (s) => s.result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0,
  );
  const warnings = useStore(
    simulationStore,
    (s) =>
      (s.result?.diagnostics.filter((d) => d.severity === 'warning').length ?? 0) +
      (s.result?.warnings.length ?? 0),
  );
  if (errors === 0) {
    // Warnings leave the run whole but say something did not happen as written (a document left
    // out, an action that failed): counted here so that "up to date" is not all one sees.
    if (warnings === 0) return null;
    const said = `${warnings === 1 ? '1 warning' : `${warnings} warnings`} (see Problems)`;
    return (
      <span
        className="status problem-count status-warnings"
        data-testid="run-warnings"
        title={said}
      >
        {said}
      </span>
    );
  }
  // Its title repeats it: on a narrow three-column screen the header cuts it with an ellipsis.
  const said =
    `${errors === 1 ? '1 error' : `${errors} errors`} in the workspace: what ` +
    `${errors === 1 ? 'it affects is' : 'they affect is'} left out (see Problems)`;
  return (
    <span className="status problem-count status-problems" data-testid="run-problems" title={said}>
      {said}
    </span>
  );
}

export function Header() {
  const status = useStore(simulationStore, (s) => s.status);
  const saved = useStore(workspaceStore, (s) => s.saved);
  const saveError = useStore(workspaceStore, (s) => s.saveError);
  const theme = useStore(themeStore, (s) => s.theme);
  const lab = useLabLink();
  const savedText =
    saved === 'failed'
      ? (saveError ?? 'Not saved')
      : saved === 'pending'
        ? 'Saving…'
        : 'Saved locally';
  return (
    <header className="app-header">
      <h1>
        Karpenter Lab <span className="subtitle">what would Karpenter do?</span>
      </h1>
      <RunStatus />
      <ProblemCount />
      <span className="saved" aria-live="polite" data-testid="save-status" title={savedText}>
        {savedText}
      </span>
      <div className="actions">
        <ShareButton
          getTimelineJSON={timelineJSON}
          extra={lab ? { lab: lab.lab, step: lab.step } : {}}
        />
        {status === 'running' ? (
          <button type="button" onClick={() => simulationStore.getState().cancel()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            onClick={() => simulationStore.getState().run(workspaceStore.getState().text)}
          >
            Run
          </button>
        )}
        <button
          type="button"
          onClick={() => themeStore.getState().toggle()}
          aria-pressed={theme === 'dark'}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
    </header>
  );
}
