// Events up to the moment under the cursor, newest first, with Karpenter's own reasons.
import { useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { selectionStore } from '../stores/selection.ts';
import { eventClock } from './clock.ts';

export function EventsPanel() {
  // The frame at the cursor carries the newest events up to its moment (src/pipeline/frames.ts).
  // Each row's key is the event's index in the timeline, so rows do not remount as the cursor moves.
  const latest = useStore(simulationStore, (s) => currentFrame(s)?.events);
  // Deferred: after a new run every row is new (200 at 2,000 pods, ~1,400 DOM nodes), and drawn in
  // the result's own task they held the page over 50 ms with the rest of the panels (issue 12).
  // React renders them just after, in slices it can interrupt; the rows are built once per list.
  const events = useDeferredValue(latest);
  // One tab stop for the whole list (a roving tabindex): Tab moves past it in one press, the arrow
  // keys, Home and End move between events. Keyboard users had to tab through up to 200 rows.
  const [active, setActive] = useState<number | undefined>();
  const list = useMemo(() => {
    const shown = [...(events ?? [])].reverse();
    if (shown.length === 0) return <p className="muted">No events yet.</p>;
    const stop = shown.some((e) => e.index === active) ? active : shown[0]?.index;
    return (
      <ol
        className="events"
        data-testid="events"
        aria-label="Events, newest first: arrow keys move between them"
        onKeyDown={moveBetweenEvents}
      >
        {shown.map((e) => (
          <li key={e.index} className={e.type === 'Warning' ? 'warn' : ''}>
            <button
              type="button"
              className="link event-link"
              tabIndex={e.index === stop ? 0 : -1}
              data-index={e.index}
              onFocus={() => setActive(e.index)}
              onClick={() => selectionStore.getState().select({ kind: 'event', index: e.index })}
            >
              <span className="t">{eventClock(e.time)}</span> <b>{e.reason}</b>
            </button>{' '}
            {e.log && (
              <span className="tag" title="Karpenter writes this only to its log (kubectl logs)">
                log
              </span>
            )}{' '}
            <span className="obj">{e.object}</span>
            <div className="msg">{e.message}</div>
          </li>
        ))}
      </ol>
    );
  }, [events, active]);
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {list}
    </section>
  );
}

const STEPS: Readonly<Record<string, (i: number, n: number) => number>> = {
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
};

function moveBetweenEvents(ev: KeyboardEvent<HTMLOListElement>): void {
  const step = Object.hasOwn(STEPS, ev.key) ? STEPS[ev.key] : undefined;
  if (!step) return;
  const buttons = [...ev.currentTarget.querySelectorAll<HTMLButtonElement>('button.event-link')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  ev.preventDefault();
  buttons[step(i, buttons.length)]?.focus();
}
