// The story of what the learner clicked: a node's funnel (why this instance type, the runner-up),
// a pod's journey or why it is Pending per NodePool, an event's before/after — or, with nothing
// selected, a summary of the run at the cursor. Rendering only: the words come from src/explain.
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { selectionStore } from '../stores/selection.ts';
import { SIMPLIFICATIONS } from '../simplifications.ts';
import { FixFinder, FixNotice, NodeFixFinder } from './FixFinder.tsx';
import { liftable } from '../../pipeline/nodeFixes.ts';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import type {
  EventExplanation,
  Fact,
  Moment,
  NodeExplanation,
  PodExplanation,
  PodVolumes,
  RunSummary,
} from '../../explain/index.ts';

/**
 * Karpenter's messages are long runs of `key=value,` and `a/b` with few spaces; a narrow column
 * broke them mid-word ("NodePool=de / fault"). A break opportunity after each `=`, `,` and `/`
 * lets them wrap at those marks first.
 */
function breakable(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '=' && c !== ',' && c !== '/') continue;
    out.push(text.slice(from, i + 1), <wbr key={i} />);
    from = i + 1;
  }
  out.push(text.slice(from));
  return out;
}

function Facts({ facts }: { facts: Fact[] }) {
  if (facts.length === 0) return null;
  return (
    <dl className="facts">
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {f.note && <span className="note"> ({f.note})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Moments({ title, moments }: { title: string; moments: Moment[] }) {
  if (moments.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ol className="moments">
        {moments.map((m, i) => (
          <li key={i}>
            <span className="t">{m.text}</span> {m.label}
            {m.detail && <div className="msg">{m.detail}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Caveats an explanation carries (simplifications, missing data). */
function Notes({ notes }: { notes: readonly string[] }) {
  return notes.map((n) => (
    <p key={n} className="note">
      {n}
    </p>
  ));
}

function NodeStory({ e }: { e: NodeExplanation }) {
  const select = selectionStore.getState().select;
  return (
    <>
      <h2>{e.title}</h2>
      {/* Scrubbed past its deletion: it is not in the cluster now, as the cluster view shows. */}
      {e.gone && (
        <p className="gone" data-testid="node-gone">
          <b>{e.gone.text}</b>: at this moment the node no longer exists. Below is its story up to
          then.
        </p>
      )}
      <Facts facts={e.facts} />
      {e.resources.length > 0 && (
        <ul className="resources">
          {e.resources.map((r) => (
            <li key={r.resource}>
              <span>{r.text}</span>
              <meter min={0} max={100} value={r.percent} aria-label={`${r.resource} requested`} />
            </li>
          ))}
        </ul>
      )}
      <h3>Why this instance type</h3>
      {/* The one-line funnel only when there are no stages to list (it repeats them). */}
      {e.funnel.length === 0 && <p>{e.funnelSentence}</p>}
      {e.funnel.length > 0 && (
        <ol className="funnel">
          {[...e.funnel, ...e.launchStages].map((s, i) => (
            <li key={i}>{s.sentence}</li>
          ))}
        </ol>
      )}
      {/* Not launched (yet, or failed): the funnel's last step says so. */}
      {e.funnel.length > 0 && !e.chosen && <p>{e.funnelSentence.split(' → ').pop()}</p>}
      {e.chosen && (
        <p>
          Chosen: <b>{e.chosen.instanceType}</b> {e.chosen.capacityType} in {e.chosen.zone} at{' '}
          {e.chosen.price}
        </p>
      )}
      {e.runnerUp && (
        <p>
          Runner-up: {e.runnerUp.instanceType} {e.runnerUp.capacityType} at {e.runnerUp.price} —{' '}
          {e.runnerUp.whyLost}
        </p>
      )}
      {!e.gone && (
        <>
          <h3>Consolidation</h3>
          <p>{e.disruption.headline}</p>
          {e.disruption.blockers.length > 0 && (
            <ul>
              {e.disruption.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
          <Facts facts={e.disruption.facts} />
        </>
      )}
      {/* Something Karpenter can be told otherwise keeps the node: which edits would let it go. */}
      {e.node !== undefined &&
        !e.gone &&
        liftable({
          state: e.disruption.state ?? '',
          reason: e.disruption.karpenterReason ?? '',
        }) && <NodeFixFinder key={e.node} node={e.node} />}
      {e.pods.length > 0 && (
        <>
          <h3>Pods ({e.pods.length})</h3>
          <ul className="pod-list">
            {e.pods.map((p) => (
              <li key={p.key}>
                <button
                  type="button"
                  className="link"
                  onClick={() => select({ kind: 'pod', key: p.key })}
                >
                  {p.key}
                </button>{' '}
                {p.phase} · {p.requests}
                {p.daemonSet ? ' · DaemonSet' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <Moments title="Lifecycle" moments={e.lifecycle} />
      <Notes notes={e.notes} />
    </>
  );
}

function PodStory({ e }: { e: PodExplanation }) {
  return (
    <>
      <h2>{e.title}</h2>
      <p className="headline">{e.headline}</p>
      <Facts
        facts={[
          { label: 'Phase', value: e.phase },
          { label: 'Requests', value: e.requests },
          ...(e.owner ? [{ label: 'Owner', value: e.owner }] : []),
        ]}
      />
      {e.pending && e.pending.rows.length > 0 && (
        <>
          <h3>Why it is Pending, per NodePool</h3>
          <div className="table-scroll stack-narrow">
            <table className="pending" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    NodePool
                  </th>
                  <th scope="col" role="columnheader">
                    Why not
                  </th>
                  <th scope="col" role="columnheader">
                    Karpenter says
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {e.pending.rows.map((r, i) => (
                  <tr key={i} role="row">
                    <td role="cell" data-label="NodePool">
                      {r.nodePool || '—'}
                    </td>
                    <td role="cell" data-label="Why not">
                      {r.sentence}
                    </td>
                    <td role="cell" data-label="Karpenter says">
                      {/* Nothing yet while the batch is open: a bare label read as a message
                          that failed to show. */}
                      {r.karpenterMessage ? <code>{breakable(r.karpenterMessage)}</code> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FixFinder key={e.key} pod={e.key} />
        </>
      )}
      {e.volumes && <Volumes v={e.volumes} />}
      <Moments title="Journey" moments={e.journey} />
      <Notes notes={e.notes} />
    </>
  );
}

/** Claim → volume → zone, and the sentence on why the zone constrained the pod. */
function Volumes({ v }: { v: PodVolumes }) {
  return (
    <>
      <h3>Volumes</h3>
      <table className="pending volumes" data-testid="pod-volumes">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Volume</th>
            <th scope="col">Zone</th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((r) => (
            <tr key={r.claim}>
              <td>
                {r.claim}
                <div className="note">
                  {r.phase} · {r.storageClass}
                </div>
              </td>
              <td>
                <code>{r.volume}</code>
              </td>
              <td>{r.zone}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="volume-why">{v.why}</p>
    </>
  );
}

function EventStory({ e }: { e: EventExplanation }) {
  return (
    <>
      <h2>
        {e.k8s ? e.k8s.reason : e.type} at {e.time}
      </h2>
      <p>{e.sentence}</p>
      {e.k8s && (
        <p>
          <code>{e.k8s.object}</code>: {e.k8s.message}
        </p>
      )}
      {e.changes.length > 0 && (
        <>
          <h3>Before → after</h3>
          <ul className="changes">
            {e.changes.map((c, i) => (
              <li key={i}>
                {c.kind} <code>{c.key}</code> {c.change}
                {c.fields.length > 0 && (
                  <ul>
                    {c.fields.map((f) => (
                      <li key={f.field}>
                        {f.field}: {f.before || '—'} → {f.after || '—'}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Pods that are not placed yet, as buttons: the canvas queue is not reachable by keyboard. */
function PendingPods() {
  // Select the frame (a stable reference) and filter in a memo: a selector that returns a new
  // array on every read makes React re-render forever.
  const frame = useStore(simulationStore, currentFrame);
  const pending = useMemo(
    () => frame?.pods.filter((p) => (p.phase === 'Pending' || p.phase === 'Failed') && !p.daemon),
    [frame],
  );
  if (!pending || pending.length === 0) return null;
  const select = selectionStore.getState().select;
  return (
    <>
      <h3>Not running ({pending.length})</h3>
      <ul className="pod-list" data-testid="pending-pods">
        {pending.slice(0, 25).map((p) => (
          <li key={p.key}>
            <button
              type="button"
              className="link"
              onClick={() => select({ kind: 'pod', key: p.key })}
            >
              {p.key}
            </button>{' '}
            {p.phase}
          </li>
        ))}
        {pending.length > 25 && <li className="muted">…and {pending.length - 25} more</li>}
      </ul>
    </>
  );
}

function Summary({ s }: { s: RunSummary }) {
  return (
    <>
      <h2>At this moment</h2>
      <FixNotice />
      <p data-testid="summary">{s.paragraph}</p>
      <Facts
        facts={[
          {
            label: 'Cost now',
            value: `$${s.perHour.toFixed(4)}/h`,
            ...(s.pricesAreEstimates ? { note: 'spot prices are estimates' } : {}),
          },
          ...(s.onDemandBaselinePerHour !== undefined
            ? [{ label: 'All on-demand', value: `$${s.onDemandBaselinePerHour.toFixed(4)}/h` }]
            : []),
          ...(s.savingsPercent !== undefined
            ? [{ label: 'Saving now', value: `${s.savingsPercent.toFixed(0)}% of the hourly rate` }]
            : []),
          { label: 'Spent so far', value: `$${s.totalCost.toFixed(4)}` },
        ]}
      />
      <PendingPods />
      <p className="muted">Click a node, a pod or an event to see why.</p>
      <details className="simplifications">
        <summary>What this lab simplifies</summary>
        <ul>
          {SIMPLIFICATIONS.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

export function DetailsPanel() {
  const selected = useStore(selectionStore, (s) => s.selected);
  const e = useStore(selectionStore, (s) => s.explanation);
  const summary = useStore(selectionStore, (s) => s.summary);
  const body = useRef<HTMLDivElement | null>(null);
  const shown = useRef({ e, selected });
  // A choice made in the panel (a pod in the summary's list, a pod of a node, Back to summary)
  // takes away the control that had the focus, which fell to the page: it goes to what the
  // panel now shows. A focus still somewhere (the editor, the console) is left alone, and so is
  // the page as it loads (the first Tab starts at the top, not inside this pane).
  useEffect(() => {
    if (shown.current.e === e && shown.current.selected === selected) return;
    shown.current = { e, selected };
    const at = document.activeElement;
    if (at && at !== document.body && at.isConnected) return;
    body.current?.focus({ preventScroll: true });
  }, [e, selected]);
  return (
    <section className="panel details" aria-labelledby="details-title" aria-live="polite">
      <div className="details-head">
        <span id="details-title" className="visually-hidden">
          Details
        </span>
        {selected && (
          <button type="button" onClick={() => selectionStore.getState().select(undefined)}>
            Back to summary
          </button>
        )}
      </div>
      <div data-testid="details" className="details-body" tabIndex={-1} ref={body}>
        {!selected && summary && <Summary s={summary} />}
        {selected && e === undefined && <p className="muted">Explaining…</p>}
        {selected && e === null && (
          <p className="muted">
            {selected.kind === 'event'
              ? 'This event is not in the current run.'
              : `${selected.key} is not in the cluster at this moment.`}
          </p>
        )}
        {selected && e && 'kind' in e && e.kind === 'node' && <NodeStory e={e} />}
        {selected && e && 'kind' in e && e.kind === 'pod' && <PodStory e={e} />}
        {selected && e && 'sentence' in e && <EventStory e={e} />}
      </div>
    </section>
  );
}
