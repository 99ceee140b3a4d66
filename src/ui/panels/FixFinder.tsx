// "What would fix it" for a Pending pod: the worker tries the edits Karpenter's reasons point at,
// each by simulating the edited workspace (src/pipeline/fixes.ts), and lists the ones after which
// every pod of the workload runs. Apply writes the edit into the workspace, which re-runs; the
// pod's own explanation goes with it (an edited template names new pods), so the outcome is said
// in the summary (fixNotice) and the selection returns there.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { plural } from '../../explain/format.ts';
import type { EditOp } from '../../manifests/index.ts';
import { applyFix, fixSteps, type FixCandidate, type FixReport } from '../../pipeline/fixes.ts';
import type { NodeFixReport } from '../../pipeline/nodeFixes.ts';
import { selectionStore } from '../stores/selection.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';

/** The last fix applied, said in the summary after the re-run (cleared by Dismiss). */
export const fixNotice = createStore<{ applied: string | undefined }>()(() => ({
  applied: undefined,
}));

type State<R> =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; report: R | undefined; text: string }
  | { kind: 'failed'; error: string };

const price = (v: number) => `$${v.toFixed(4)}/h`;

/** An edit as a reader says it: a list item by its index reads "item 2". */
function what(op: EditOp): string {
  const path = op.path.map((p) => (typeof p === 'number' ? `[item ${p + 1}]` : p)).join(' › ');
  return op.op === 'remove' ? `remove ${path}` : `${path}: ${JSON.stringify(op.value)}`;
}

/** The edits of a fix as a reader says them, object by object. */
function Edits({ fix }: { fix: FixCandidate }) {
  return (
    <code>
      {fixSteps(fix)
        .map((step) => `${step.target.kind} ${step.target.name}: ${step.ops.map(what).join('; ')}`)
        .join(' · then ')}
    </code>
  );
}

type Apply = (fix: FixCandidate) => void;
type StatusRef = React.RefObject<HTMLParagraphElement | null>;

/**
 * Ask, wait, show the answer, apply one: the part a Pending pod's fixes and a kept node's share.
 * `ask` runs in the worker; `Report` shows its answer.
 */
function Finder<R>(props: {
  id: string;
  heading: string;
  button: string;
  hint: string;
  testId: string;
  ask: (text: string) => Promise<R | undefined>;
  Report: React.ComponentType<{ report: R | undefined; apply: Apply; statusRef: StatusRef }>;
}) {
  const [state, setState] = useState<State<R>>({ kind: 'idle' });
  const text = useStore(workspaceStore, (s) => s.text);
  const status = useRef<HTMLParagraphElement | null>(null);
  // The answer replaced the button that had the focus: the focus goes to what it says.
  useEffect(() => {
    if (state.kind !== 'idle') status.current?.focus();
  }, [state.kind]);

  const find = async () => {
    setState({ kind: 'checking' });
    const now = workspaceStore.getState().latest();
    const report = await props.ask(now);
    setState({ kind: 'done', report, text: now });
  };
  const apply = (fix: FixCandidate, from: string) => {
    const r = applyFix(from, fix);
    if (!r.ok) {
      setState({ kind: 'failed', error: r.error });
      return;
    }
    fixNotice.setState({ applied: fix.title });
    selectionStore.getState().select(undefined);
    workspaceStore.getState().setText(r.text);
  };
  const stale = state.kind === 'done' && state.text !== text;
  const again = (label: string) => (
    <button type="button" onClick={() => void find()}>
      {label}
    </button>
  );

  return (
    <section className="fixes" aria-labelledby={props.id} data-testid={props.testId}>
      <h3 id={props.id}>{props.heading}</h3>
      {state.kind === 'idle' && (
        <p>
          {again(props.button)} <span className="muted">{props.hint}</span>
        </p>
      )}
      {state.kind === 'checking' && (
        <p role="status" tabIndex={-1} ref={status}>
          Trying edits, one run each…
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" tabIndex={-1} ref={status}>
          {state.error} {again(props.button)}
        </p>
      )}
      {state.kind === 'done' && stale && (
        <p role="status" tabIndex={-1} ref={status}>
          The workspace changed since these edits were tried. {again(`${props.button} again`)}
        </p>
      )}
      {state.kind === 'done' && !stale && (
        <props.Report
          report={state.report}
          apply={(f) => apply(f, state.text)}
          statusRef={status}
        />
      )}
    </section>
  );
}

/** Keyed by the pod by its parent: another pod selected starts over. */
export function FixFinder({ pod }: { pod: string }) {
  return (
    <Finder<FixReport>
      id="fixes-title"
      heading="What would fix it"
      button="Find a fix"
      hint="tries the edits Karpenter’s reasons point at, each by a run of the edited workspace"
      testId="fixes"
      ask={(text) => simulationStore.getState().fixes(text, pod)}
      Report={Report}
    />
  );
}

/** For a node Karpenter keeps because something blocks it; keyed by the node by its parent. */
export function NodeFixFinder({ node }: { node: string }) {
  return (
    <Finder<NodeFixReport>
      id="node-fixes-title"
      heading="What would let Karpenter consolidate it"
      button="Find what would"
      hint="tries the edits that lift what blocks it, each by a run of the edited workspace, and keeps those after which the run ends cheaper"
      testId="node-fixes"
      ask={(text) => simulationStore.getState().nodeFixes(text, node)}
      Report={NodeReport}
    />
  );
}

const TOO_LARGE =
  'The workspace is too large to try edits here (each is a whole run); scale it down first.';

/** The answer's first line: where the focus goes. */
function Say({ statusRef, text }: { statusRef: StatusRef; text: string }) {
  return (
    <p role="status" tabIndex={-1} ref={statusRef}>
      {text}
    </p>
  );
}

/** The fixes found, each with what it leads to, its edits and Apply. */
function FixList<F extends FixCandidate>({
  fixes,
  outcome,
  apply,
}: {
  fixes: readonly F[];
  outcome: (f: F) => string;
  apply: Apply;
}) {
  if (fixes.length === 0) return null;
  return (
    <ol className="fix-list">
      {fixes.map((f) => (
        <li key={f.title}>
          <div>{f.title}</div>
          <div className="muted">{outcome(f)}</div>
          <Edits fix={f} />{' '}
          <button type="button" onClick={() => apply(f)} aria-label={`Apply: ${f.title}`}>
            Apply
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The edits tried that did not do it, and what each led to. */
function Tried({
  heading,
  items,
}: {
  heading: string;
  items: { title: string; outcome: string }[];
}) {
  if (items.length === 0) return null;
  return (
    <>
      <p className="muted">{heading}</p>
      <ul className="fix-list muted">
        {items.map((f) => (
          <li key={f.title}>
            {f.title} — {f.outcome}
          </li>
        ))}
      </ul>
    </>
  );
}

const INVALID = 'the edited workspace is not valid';

/** How many edits were tried; a pair is two edits tried as one, so the count says how many of
 *  each. */
function triedText(tried: number, pairs = 0): string {
  return pairs === 0
    ? plural(tried, 'edit')
    : `${tried} (${plural(tried - pairs, 'single edit')}, ${plural(pairs, 'pair')} of edits)`;
}
const found = (n: number, tried: string, what: string) =>
  `${n} of ${tried} tried ${n === 1 ? 'makes' : 'make'} ${what}${n > 1 ? ', cheapest first' : ''}:`;

function NodeReport({
  report,
  apply,
  statusRef,
}: {
  report: NodeFixReport | undefined;
  apply: Apply;
  statusRef: StatusRef;
}) {
  const say = (text: string) => <Say statusRef={statusRef} text={text} />;
  if (!report) return say('The engine could not answer; try again.');
  if (report.tooLarge) return say(TOO_LARGE);
  if (report.tried === 0)
    return say(
      report.state === 'gone'
        ? 'This node is gone by the end of the run: Karpenter consolidated or deleted it.'
        : `No edit to try. At the end of the run: ${report.sentence} (Edits change the workspace as written; a change a Scenario action makes at a time is not among them.)`,
    );
  const tried = triedText(report.tried, report.pairs);
  return (
    <>
      {say(
        report.fixes.length === 0
          ? `${report.tried === 1 ? 'The one edit tried does not make' : `None of the ${tried} tried makes`} the run end cheaper: the node is already the cheapest place for its pods, or something else still keeps it.`
          : found(report.fixes.length, tried, 'the run end cheaper'),
      )}
      <FixList
        fixes={report.fixes}
        apply={apply}
        outcome={(f) =>
          `${price(f.costPerHour)} at the end of the run (as written: ${price(f.baseCostPerHour)}) · ${plural(f.running, 'pod')} Running`
        }
      />
      <Tried
        heading="Tried, but the run does not end cheaper:"
        items={report.failed.map((f) => ({
          title: f.title,
          outcome: f.costPerHour === undefined ? INVALID : `${price(f.costPerHour)} at the end`,
        }))}
      />
    </>
  );
}

function Report({
  report,
  apply,
  statusRef,
}: {
  report: FixReport | undefined;
  apply: Apply;
  statusRef: StatusRef;
}) {
  const say = (text: string) => <Say statusRef={statusRef} text={text} />;
  if (!report) return say('The engine could not answer; try again.');
  if (report.gone)
    return say('This pod no longer exists by the end of the run (deleted or scaled away).');
  if (!report.pending) return say('This pod runs by the end of the run.');
  if (report.tooLarge) return say(TOO_LARGE);
  const tried = triedText(report.tried, report.pairs);
  return (
    <>
      {say(
        report.tried === 0
          ? `No edit to try. ${report.nothingToTry ?? ''}`
          : report.fixes.length === 0
            ? `None of the ${tried} tried makes every pod of its workload run.`
            : found(report.fixes.length, tried, 'every pod of its workload run'),
      )}
      <FixList
        fixes={report.fixes}
        apply={apply}
        outcome={(f) =>
          `${f.running} of ${plural(f.of, 'pod')} Running · ${price(f.costPerHour)} at the end of the run (as written: ${price(f.baseCostPerHour)})`
        }
      />
      <Tried
        heading="Tried, but not every pod runs after:"
        items={report.failed.map((f) => ({
          title: f.title,
          outcome:
            f.of === 0
              ? INVALID
              : `${f.running} of ${plural(f.of, 'pod')} Running${f.still ? ` · still Pending: ${f.still}` : ''}`,
        }))}
      />
    </>
  );
}

/** The summary's word on the fix just applied. */
export function FixNotice() {
  const applied = useStore(fixNotice, (s) => s.applied);
  const at = useRef<HTMLParagraphElement | null>(null);
  // Apply's button went with the pod's details: the focus goes to what the page now says (it fell
  // to the body, and a status that appears with its text already in it is not always announced).
  useEffect(() => {
    if (applied) at.current?.focus();
  }, [applied]);
  if (!applied) return null;
  return (
    <p className="fix-notice" role="status" data-testid="fix-notice" tabIndex={-1} ref={at}>
      Applied: {applied}. The workspace re-ran with it.{' '}
      <button
        type="button"
        className="link"
        onClick={() => fixNotice.setState({ applied: undefined })}
      >
        Dismiss
      </button>
    </p>
  );
}
