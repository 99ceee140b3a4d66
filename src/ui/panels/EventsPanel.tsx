// Events up to the moment under the cursor, newest first, with Karpenter's own reasons.
import { useStore } from 'zustand';
import { simulationStore, currentFrame } from '../stores/simulation.ts';

export function EventsPanel() {
  const events = useStore(simulationStore, (s) => s.result?.events);
  const time = useStore(simulationStore, (s) => currentFrame(s)?.time ?? 0);
  const shown = (events ?? [])
    .filter((e) => e.time <= time)
    .slice(-200)
    .reverse();
  return (
    <section className="panel" aria-labelledby="events-title">
      <h2 id="events-title">Events</h2>
      {shown.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="events" data-testid="events">
          {shown.map((e, i) => (
            <li key={`${e.time}-${i}`} className={e.type === 'Warning' ? 'warn' : ''}>
              <span className="t">{(e.time / 1000).toFixed(1)}s</span> <b>{e.reason}</b>{' '}
              <span className="obj">{e.object}</span>
              <div className="msg">{e.message}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
