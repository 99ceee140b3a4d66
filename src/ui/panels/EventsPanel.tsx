// Events up to the moment under the cursor, newest first, with Karpenter's own reasons.
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { selectionStore } from '../stores/selection.ts';

export function EventsPanel() {
  // The frame at the cursor carries the newest events up to its moment (src/pipeline/frames.ts).
  // Each row's key is the event's index in the timeline, so rows do not remount as the cursor moves.
  const events = useStore(simulationStore, (s) => currentFrame(s)?.events);
  const shown = [...(events ?? [])].reverse();
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {shown.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="events" data-testid="events">
          {shown.map((e) => (
            <li key={e.index} className={e.type === 'Warning' ? 'warn' : ''}>
              <button
                type="button"
                className="link event-link"
                onClick={() => selectionStore.getState().select({ kind: 'event', index: e.index })}
              >
                <span className="t">{(e.time / 1000).toFixed(1)}s</span> <b>{e.reason}</b>
              </button>{' '}
              <span className="obj">{e.object}</span>
              <div className="msg">{e.message}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
