// One lab step: instructions, the buttons, check results, hints one at a time, the solution on
// request, and the explanation once every check passes. The parent keys it by lab and step, so a
// new step starts with its hints and solution hidden.
import { useEffect, useRef, useState } from 'react';
import type { CheckResult, LabStep, Solution } from '../../labs/index.ts';
import { formatDuration } from '../../sim/engine/index.ts';
import { LabMarkdown } from './LabMarkdown.tsx';

export type CheckView =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; results: CheckResult[] }
  | { kind: 'error'; message: string };

export interface StepViewProps {
  step: LabStep;
  checkLabels: string[];
  checkState: CheckView;
  passedBefore: boolean;
  /** The step's starting workspace is in the editor (loaded since the step opened, or the same
   *  text), or the step has none. */
  startLoaded: boolean;
  note: string | undefined;
  onLoad: () => void;
  onCheck: () => void;
  onApplySolution: () => void;
  onNext: (() => void) | undefined;
  /** What replaced the learner's workspace last (a step load, a solution), with its undo. */
  undo?: { by: string; onUndo: () => void; onDismiss: () => void } | undefined;
}

function solutionText(s: Solution): string {
  return s.kind === 'workspace'
    ? s.text
    : s.commands
        .map((c) => (c.atMs === 0 ? c.command : `at ${formatDuration(c.atMs)}: ${c.command}`))
        .join('\n');
}

export function StepView(props: StepViewProps) {
  const { step, checkLabels, checkState, passedBefore, note } = props;
  const [hintsShown, setHintsShown] = useState(0);
  const [showSolution, setShowSolution] = useState(false);

  const results = checkState.kind === 'done' ? checkState.results : undefined;
  const allPass = results !== undefined && results.length > 0 && results.every((r) => r.pass);
  // A check's answer is brought into view: the results sit below the step's text and buttons,
  // off screen on a phone and often at 1280×800, and a click on Check seemed to do nothing
  // (a failed check showed no change at all where the learner was looking). A pass shows its
  // "Step complete" box (the explanation and Next step); anything else, the checks from their
  // heading.
  const checks = useRef<HTMLDivElement | null>(null);
  const success = useRef<HTMLDivElement | null>(null);
  const answered = checkState.kind === 'done' || checkState.kind === 'error';
  useEffect(() => {
    if (!answered) return;
    (success.current ?? checks.current)?.scrollIntoView({ block: 'nearest' });
  }, [answered, checkState]);

  return (
    <article aria-labelledby="lab-step-title">
      <h3 id="lab-step-title">
        Step {step.n}: {step.title} {passedBefore && <span className="passed">✓</span>}
      </h3>
      <LabMarkdown text={step.body} />
      <div className="lab-actions">
        {step.start !== undefined && (
          <button
            type="button"
            onClick={props.onLoad}
            title="Replaces the workspace with this step's starting YAML"
          >
            Load step
          </button>
        )}
        <button type="button" onClick={props.onCheck} disabled={checkState.kind === 'running'}>
          {checkState.kind === 'running' ? 'Checking…' : 'Check'}
        </button>
        {hintsShown < step.hints.length && (
          <button type="button" onClick={() => setHintsShown((n) => n + 1)}>
            Hint ({hintsShown + 1}/{step.hints.length})
          </button>
        )}
        {step.solution.length > 0 && (
          <button type="button" onClick={() => setShowSolution((v) => !v)}>
            {showSolution ? 'Hide solution' : 'Show solution'}
          </button>
        )}
      </div>
      {props.undo && (
        <p className="lab-undo" role="status">
          {props.undo.by} replaced your workspace.{' '}
          <button type="button" onClick={props.undo.onUndo}>
            Undo
          </button>{' '}
          <button type="button" className="link" onClick={props.undo.onDismiss}>
            Dismiss
          </button>
        </p>
      )}
      {note && <p className="lab-hint">{note}</p>}
      {step.hints.slice(0, hintsShown).map((h, i) => (
        <div key={i} className="lab-hint">
          <LabMarkdown text={h} />
        </div>
      ))}
      {showSolution && (
        <div>
          {step.solution.map((s, i) => (
            <pre key={i} className="lab-code" tabIndex={0}>
              <code>{solutionText(s)}</code>
            </pre>
          ))}
          <button type="button" onClick={props.onApplySolution}>
            Apply solution to the workspace
          </button>
        </div>
      )}
      <div ref={checks} data-testid="lab-checks">
        <h4 className="lab-h">Checks</h4>
        {checkState.kind === 'error' && (
          <p className="lab-error">Could not check: {checkState.message}</p>
        )}
        {!props.startLoaded && results?.some((r) => !r.pass) && (
          <p className="lab-hint" data-testid="lab-checked-own">
            These checks ran on your own workspace, not this step&apos;s: load this step&apos;s
            workspace (above) first, unless you built its starting point yourself.
          </p>
        )}
        <ul className="lab-results" data-testid="lab-results" aria-live="polite">
          {checkLabels.map((label, i) => {
            const r = results?.[i];
            return (
              <li key={i} className={r === undefined ? '' : r.pass ? 'pass' : 'fail'}>
                {r?.label ?? label}
                {r && <div className="msg">{r.message}</div>}
              </li>
            );
          })}
        </ul>
        {allPass && (
          <div className="lab-success" role="status" ref={success}>
            <strong>Step complete.</strong>
            {step.explain && <LabMarkdown text={step.explain} />}
            {props.onNext && (
              <button type="button" onClick={props.onNext}>
                Next step →
              </button>
            )}
          </div>
        )}
      </div>
    </article>
  );
}
