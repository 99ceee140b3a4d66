// The guided lab: a catalog of labs, then one step at a time — instructions, "Load step", "Check"
// against the simulated timeline, hints one by one, the solution, and the explanation on success.
// Self-contained: the host (App) passes the workspace and the worker-backed check in as props.
import { WORKSPACE_REPLACED_EVENT } from '../share/replaceWorkspace.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  checkLabel,
  formatLabLink,
  isLoaded,
  labProgress,
  loadProgress,
  markPassed,
  parseLabLink,
  playSolutionWithoutNodes,
  resetLab,
  saveProgress,
  setCurrentStep,
  setLoaded,
  setUndo,
  undoSubject,
  type Check,
  type CheckResult,
  type Lab,
  type LabError,
  type LabLink,
  type Progress,
  type StorageLike,
} from '../../labs/index.ts';
import { LabMarkdown } from './LabMarkdown.tsx';
import { StepView, type CheckView } from './StepView.tsx';
import './labs.css';

export interface LabPanelProps {
  /** The lab catalog: `LABS` from src/labs/index.ts. */
  labs: readonly Lab[];
  /** Content errors (`LAB_ERRORS`), listed so a broken lab is visible, not silently missing. */
  labErrors?: readonly LabError[];
  /** The workspace text now (console solutions are played on top of it). */
  getWorkspace: () => string;
  /** Replaces the workspace text; the host re-simulates it as for any edit. */
  setWorkspace: (text: string) => void;
  /**
   * Runs the checks against the latest simulation of the current workspace and resolves with one
   * result per check, in order. The host implements it over the worker:
   * `runChecks(session.timeline, checks, { diagnostics: result.diagnostics })` (src/labs).
   * It should wait for a pending re-simulation of the current text before answering.
   */
  check: (checks: readonly Check[]) => Promise<CheckResult[]>;
  /** Where progress is kept; default `window.localStorage` (absent or failing: session only). */
  storage?: StorageLike;
  /** Keep `#lab=<id>&step=<n>` in the address bar and follow it (default true). */
  syncHash?: boolean;
  /** The lab and step to open first when the address bar names none (else the catalog). */
  initialLink?: LabLink;
}

/** The hash without lab/step (back to the catalog), keeping a share link's parameters. */
function clearLabLink(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('lab');
  params.delete('step');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

function defaultStorage(): StorageLike | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

function useProgress(storage: StorageLike | undefined) {
  const [progress, setProgress] = useState<Progress>(() => loadProgress(storage));
  const update = useCallback(
    (f: (p: Progress) => Progress) =>
      setProgress((p) => {
        const next = f(p);
        if (next !== p) saveProgress(storage, next);
        return next;
      }),
    [storage],
  );
  return [progress, update] as const;
}

export function LabPanel(props: LabPanelProps) {
  const { labs, labErrors = [], getWorkspace, setWorkspace, check, syncHash = true } = props;
  const storage = useMemo(() => props.storage ?? defaultStorage(), [props.storage]);
  const [progress, updateProgress] = useProgress(storage);
  const [first] = useState<LabLink | undefined>(
    () => (syncHash ? parseLabLink(window.location.hash) : undefined) ?? props.initialLink,
  );
  const [labId, setLabId] = useState<string | undefined>(first?.lab);
  const [stepN, setStepN] = useState<number>(first?.step ?? 1);
  // A link's step that is no step number ("abc"): step 1 opens, and the panel says so.
  const [askedStep, setAskedStep] = useState<string | undefined>(first?.askedStep);
  const lab = labs.find((l) => l.id === labId);
  const [checkState, setCheckState] = useState<CheckView>({ kind: 'idle' });
  const [note, setNote] = useState<string | undefined>();
  // The workspace a step load or a solution replaced, until the learner undoes, dismisses or moves
  // on, and which step the workspace was loaded from before (an Undo puts both back). Kept with
  // the progress: a reload lost the notice, and with it the learner's workspace before the step.
  const replaceWorkspace = (text: string, by: 'start' | 'solution'): void => {
    const before = getWorkspace();
    setWorkspace(text);
    // The step whose workspace was loaded (or its solution applied): a step with a starting
    // workspace asks for it first, above its instructions, until then. Kept with the progress,
    // so a reload (or a return to the step) does not ask again over the learner's edits.
    if (labId === undefined) return;
    updateProgress((p) =>
      setLoaded(
        // Loaded twice: the first load's Undo (the learner's own workspace) stays.
        before === text
          ? p
          : setUndo(p, { lab: labId, step: stepN, by, text: before, loadedBefore: p.loaded }),
        { lab: labId, step: stepN },
      ),
    );
  };

  // A workspace replaced from outside the lab (a share link, an import, a saved scenario) is not
  // the step's any more: the step offers its workspace again, and a Check says whose it ran on.
  useEffect(() => {
    const forget = (): void => updateProgress((p) => setUndo(setLoaded(p, undefined), undefined));
    window.addEventListener(WORKSPACE_REPLACED_EVENT, forget);
    return () => window.removeEventListener(WORKSPACE_REPLACED_EVENT, forget);
  }, [updateProgress]);

  // Follow deep links pasted into the address bar while the app is open.
  useEffect(() => {
    if (!syncHash) return;
    const onHash = (): void => {
      const link = parseLabLink(window.location.hash);
      if (!link) return;
      setLabId(link.lab);
      setStepN(link.step);
      setAskedStep(link.askedStep);
      setCheckState({ kind: 'idle' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [syncHash]);

  const open = useCallback(
    (id: string | undefined, n: number) => {
      setLabId(id);
      setStepN(n);
      setAskedStep(undefined);
      setCheckState({ kind: 'idle' });
      setNote(undefined);
      updateProgress((p) => {
        const moved = p.undo && (p.undo.lab !== id || p.undo.step !== n);
        const next = moved ? setUndo(p, undefined) : p;
        return id === undefined ? next : setCurrentStep(next, id, n);
      });
      if (syncHash) {
        const hash =
          id === undefined
            ? clearLabLink(window.location.hash)
            : formatLabLink({ lab: id, step: n }, window.location.hash);
        window.history.replaceState(null, '', hash || window.location.pathname);
      }
    },
    [syncHash, updateProgress],
  );

  if (!lab) {
    return (
      <section className="panel lab-panel" aria-labelledby="labs-title">
        <h2 id="labs-title">Labs</h2>
        {labId !== undefined && <p className="lab-error">No lab named “{labId}”.</p>}
        <ul className="lab-list">
          {labs.map((l) => {
            const p = labProgress(progress, l.id);
            return (
              <li key={l.id}>
                <button type="button" onClick={() => open(l.id, p.current)}>
                  <strong>{l.meta.title}</strong>
                  <div className="lab-meta">
                    {l.meta.difficulty} · {l.meta.duration} · Karpenter {l.meta.karpenterVersion} ·{' '}
                    {p.passed.length}/{l.steps.length} steps done
                  </div>
                  {l.meta.summary && <div className="lab-meta">{l.meta.summary}</div>}
                </button>
              </li>
            );
          })}
        </ul>
        {labErrors.length > 0 && (
          <details>
            <summary className="lab-error">{labErrors.length} problem(s) in lab content</summary>
            <ul>
              {labErrors.map((e, i) => (
                <li key={i}>
                  {e.lab}
                  {e.line === undefined ? '' : `:${e.line}`}: {e.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    );
  }

  const step = lab.steps[stepN - 1] ?? lab.steps[0];
  // A link to a step the lab does not have (step=42) opened step 1 without a word.
  const missingStep = askedStep ?? (lab.steps[stepN - 1] ? undefined : String(stepN));
  const passed = labProgress(progress, lab.id).passed;
  const undo =
    progress.undo?.lab === lab.id && progress.undo.step === step?.n ? progress.undo : undefined;

  const runCheck = async (): Promise<void> => {
    if (!step) return;
    setCheckState({ kind: 'running' });
    try {
      const results = await check(step.checks);
      setCheckState({ kind: 'done', results });
      if (results.length === step.checks.length && results.every((r) => r.pass))
        updateProgress((p) => markPassed(p, lab.id, step.n));
    } catch (e) {
      setCheckState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const startLoaded =
    step?.start === undefined ||
    isLoaded(progress, lab.id, step.n) ||
    getWorkspace() === step.start;
  const loadStep = (): void => {
    if (!step) return;
    if (step.start !== undefined) replaceWorkspace(step.start, 'start');
    setCheckState({ kind: 'idle' });
    setNote(undefined);
  };
  const applySolution = (): void => {
    if (!step) return;
    const r = playSolutionWithoutNodes(getWorkspace(), step.solution);
    if (!r.ok) {
      setNote(`The solution could not be applied: ${r.error}`);
      return;
    }
    replaceWorkspace(r.text, 'solution');
    setCheckState({ kind: 'idle' });
    setNote(
      r.manual.length > 0
        ? `Now type in the console, with a node name from kubectl get nodes: ${r.manual.join('; ')}`
        : undefined,
    );
  };

  return (
    <section className="panel lab-panel" aria-labelledby="lab-title">
      <h2 id="lab-title">{lab.meta.title}</h2>
      <div className="lab-actions">
        <button type="button" className="link" onClick={() => open(undefined, 1)}>
          ← All labs
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            updateProgress((p) => resetLab(p, lab.id));
            open(lab.id, 1);
          }}
        >
          Restart lab
        </button>
      </div>
      <ol className="lab-steps" aria-label="Steps">
        {lab.steps.map((s) => (
          <li key={s.n}>
            <button
              type="button"
              aria-current={s.n === step?.n ? 'step' : undefined}
              className={passed.includes(s.n) ? 'passed' : ''}
              title={s.title}
              onClick={() => open(lab.id, s.n)}
            >
              {passed.includes(s.n) ? '✓ ' : ''}
              {s.n}
            </button>
          </li>
        ))}
      </ol>
      {missingStep !== undefined && (
        <p className="lab-error" role="status" data-testid="lab-missing-step">
          This lab has no step “{missingStep}” (it has {lab.steps.length}): showing step{' '}
          {step?.n ?? 1}.
        </p>
      )}
      {step && step.start !== undefined && !startLoaded && (
        // Above the lab's introduction and the step's text: the first thing a step needs.
        <p className="lab-load-first" data-testid="lab-load-first">
          Step {step.n} starts from its own workspace; its checks read that one.{' '}
          <button type="button" className="primary" onClick={loadStep}>
            Load this step&apos;s workspace
          </button>{' '}
          <span className="muted">(your current workspace can be restored with Undo)</span>
        </p>
      )}
      {step?.n === 1 && lab.intro && (
        <details open={passed.length === 0}>
          <summary>About this lab</summary>
          <LabMarkdown text={lab.intro} />
          {lab.meta.prerequisites.length > 0 && (
            <p className="lab-meta">Prerequisites: {lab.meta.prerequisites.join('; ')}</p>
          )}
        </details>
      )}
      {step && (
        <StepView
          key={`${lab.id}/${step.n}`}
          step={step}
          checkLabels={step.checks.map(checkLabel)}
          checkState={checkState}
          passedBefore={passed.includes(step.n)}
          startLoaded={startLoaded}
          note={note}
          onLoad={loadStep}
          onCheck={() => void runCheck()}
          onApplySolution={applySolution}
          onNext={step.n < lab.steps.length ? () => open(lab.id, step.n + 1) : undefined}
          undo={
            undo && {
              by: undoSubject(undo),
              onUndo: () => {
                setWorkspace(undo.text);
                updateProgress((p) => setUndo(setLoaded(p, undo.loadedBefore), undefined));
              },
              onDismiss: () => updateProgress((p) => setUndo(p, undefined)),
            }
          }
        />
      )}
    </section>
  );
}
