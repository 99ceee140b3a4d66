// Events up to the moment under the cursor, newest first, with Karpenter's own reasons.
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { selectionStore } from '../stores/selection.ts';

export function EventsPanel() {
  const events = useStore(simulationStore, (s) => s.result?.events);
  const time = useStore(simulationStore, (s) => currentFrame(s)?.time ?? 0);
  // Events are in time order, so the ones shown are a prefix. Each row's key is its index in the
  // whole list, so rows do not remount as the cursor moves.
  const all = events ?? [];
  let upTo = 0;
  while (upTo < all.length && (all[upTo]?.time ?? 0) <= time) upTo++;
  const from = Math.max(0, upTo - 200);
  const shown = all
    .slice(from, upTo)
    .map((e, i) => ({ e, id: from + i }))
    .reverse();
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {shown.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="events" data-testid="events">
          {shown.map(({ e, id }) => (
            <li key={id} className={e.type === 'Warning' ? 'warn' : ''}>
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
